"""Phase two: Ratsfaden's records built from the raw cache, type by type in the order of their
references, in batches (bulk writes, one transaction each), with id maps kept in memory."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from council.models import Body, Organization, OrganizationKind
from oparl_import import mapping
from oparl_import.models import SourceObject
from oparl_import.sources import normalise_id

log = logging.getLogger("oparl_import")

BATCH = 500
IMPORT_USERNAME = "oparl-import"
PLACEHOLDER_SHORT_NAME = "unbekannt"


class Skip(Exception):
    """The object cannot be built; the message is the reason the summary counts."""


class Context:
    """What every builder needs: the summary, the id maps, the import's own user."""

    def __init__(self, *, summary, progress, downloader=None):
        self.summary = summary
        self.progress = progress
        self.downloader = downloader
        self.maps = {}
        self._placeholders = {}
        self.user = self._import_user()

    @staticmethod
    def _import_user():
        # Imported history needs an author for the NOT NULL columns; this account cannot log in.
        user, created = get_user_model().objects.get_or_create(
            username=IMPORT_USERNAME, defaults={"is_active": False}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def map(self, kind):
        if kind not in self.maps:
            self.maps[kind] = dict(
                SourceObject.objects.filter(oparl_type=kind, object_id__isnull=False).values_list(
                    "source_id", "object_id"
                )
            )
        return self.maps[kind]

    def pk(self, kind, ref):
        key = normalise_id(ref[0] if isinstance(ref, list) and ref else ref)
        return self.map(kind).get(key) if key else None

    def pks(self, kind, refs):
        found = (self.pk(kind, ref) for ref in (refs if isinstance(refs, list) else [refs]))
        return list(dict.fromkeys(pk for pk in found if pk))

    def body(self, data):
        """The body an object belongs to: as it says, as its list said, or the only one."""
        pk = self.pk("Body", data.get("body")) or self.pk("Body", data.get("_body"))
        if pk:
            return pk
        if "default" not in self.maps:
            bodies = list(self.map("Body").values())
            self.maps["default"] = (
                bodies[0] if bodies else getattr(Body.objects.current(), "pk", None)
            )
        if self.maps["default"] is None:
            raise Skip("keine Körperschaft")
        return self.maps["default"]

    def placeholder_organization(self, body_id):
        """The flagged stand-in for an organisation that is required but cannot be had."""
        if body_id not in self._placeholders:
            organization, _ = Organization.objects.get_or_create(
                body_id=body_id,
                short_name=PLACEHOLDER_SHORT_NAME,
                defaults={
                    "kind": OrganizationKind.OTHER,
                    "name": "Unbekanntes Gremium (bei der Übernahme nicht abrufbar)",
                    "created": timezone.now(),
                    "modified": timezone.now(),
                },
            )
            self._placeholders[body_id] = organization.pk
        self.summary.note("Platzhalter-Gremium eingesetzt")
        return self._placeholders[body_id]


def stamp(obj, data):
    """`created` and `modified` as the source says (auto_now is off while building)."""
    now = timezone.now()
    obj.created = mapping.datetime_(data.get("created")) or now
    obj.modified = mapping.datetime_(data.get("modified")) or obj.created


class Builder:
    kind = ""
    model = None
    fields = []  # written on update

    def prepare(self, ctx):
        """Load what this type needs to know of the records already there."""

    def batch(self, rows, ctx):
        """Look up what a whole batch needs, before its objects are built one by one."""

    def instance(self, row, ctx):
        raise NotImplementedError

    def after(self, pairs, ctx):
        """Write what hangs off the records just written: [(row, obj)]."""

    def on_deleted(self, row, ctx):
        """The source deleted an object that was built earlier."""

    def finish(self, ctx):
        """Clean up after the last batch."""


def build(builder, ctx):
    kind, summary = builder.kind, ctx.summary
    builder.prepare(ctx)
    content_type = ContentType.objects.get_for_model(builder.model)
    rows = SourceObject.objects.filter(oparl_type=kind)
    summary.count(
        kind,
        "unverändert",
        rows.alive().filter(object_id__isnull=False, built_hash=F("hash")).count(),
    )
    _deleted(builder, ctx, rows)
    last = 0
    while batch := list(rows.pending().filter(pk__gt=last).order_by("pk")[:BATCH]):
        last = batch[-1].pk
        prepared = []
        builder.batch(batch, ctx)
        for row in batch:
            try:
                prepared.append((row, builder.instance(row, ctx)))
            except Skip as reason:
                summary.fail(kind, row.source_id, str(reason))
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                # Data shaped as no rule foresaw: this object fails, the run goes on.
                log.exception("Nicht verarbeitbar: %s", row.source_id)
                summary.fail(kind, row.source_id, f"nicht verarbeitbar ({type(error).__name__})")
        with transaction.atomic():
            written = _write(builder, prepared, ctx)
            builder.after(written, ctx)
            for row, obj in written:
                summary.count(kind, "geändert" if row.object_id else "neu")
                row.content_type, row.object_id, row.built_hash = content_type, obj.pk, row.hash
                ctx.map(kind)[row.source_id] = obj.pk
                ctx.progress.tick(kind)
            _remember(written)
    builder.finish(ctx)


def _remember(written):
    """Record what each row became. An upsert on the source id rather than bulk_update: one
    statement instead of a CASE per row and column, which is ten times slower here."""
    SourceObject.objects.bulk_create(
        [
            SourceObject(
                source_id=row.source_id,
                oparl_type=row.oparl_type,
                hash=row.hash,
                content_type=row.content_type,
                object_id=row.object_id,
                built_hash=row.built_hash,
            )
            for row, _ in written
        ],
        update_conflicts=True,
        unique_fields=["source_id"],
        update_fields=["content_type", "object_id", "built_hash"],
    )


def _deleted(builder, ctx, rows):
    stubs = rows.filter(deleted=True).exclude(built_hash=F("hash"))
    for row in stubs.iterator():
        if row.object_id:
            builder.on_deleted(row, ctx)
        ctx.summary.note(f"{builder.kind}: in der Quelle gelöscht")
        row.built_hash = row.hash
        row.save(update_fields=["built_hash"])


def _write(builder, prepared, ctx):
    """Bulk writes; if the batch breaks a database rule, object by object, so that only the
    offending objects fail (each with the reason)."""
    new = [obj for row, obj in prepared if obj.pk is None]
    old = [obj for row, obj in prepared if obj.pk is not None]
    try:
        with transaction.atomic():
            builder.model.objects.bulk_create(new)
            if old:
                builder.model.objects.bulk_update(old, builder.fields)
        return prepared
    except (IntegrityError, DatabaseError):
        for obj in new:
            obj.pk = None
    written = []
    for row, obj in prepared:
        try:
            with transaction.atomic():
                if obj.pk is None:
                    builder.model.objects.bulk_create([obj])
                else:
                    builder.model.objects.bulk_update([obj], builder.fields)
            written.append((row, obj))
        except (IntegrityError, DatabaseError) as error:
            obj.pk = row.object_id
            reason = str(error).splitlines()[0][:120]
            ctx.summary.fail(builder.kind, row.source_id, f"Datenbankregel verletzt: {reason}")
    return written
