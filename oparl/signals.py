"""Tombstones: what was public and is no more, told to clients that ask what changed.

Written on deletion and when a paper or report stops being public; removed when it becomes
public again. A side effect in the interface's own table; the records themselves are never
changed here.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from oparl.models import Tombstone

# (app label, model) -> (URL key, OParl type)
WATCHED = {
    ("council", "Organization"): ("organization", "Organization"),
    ("council", "Person"): ("person", "Person"),
    ("council", "Membership"): ("membership", "Membership"),
    ("council", "Meeting"): ("meeting", "Meeting"),
    ("council", "AgendaItem"): ("agenda-item", "AgendaItem"),
    ("council", "Location"): ("location", "Location"),
    ("council", "LegislativeTerm"): ("legislative-term", "LegislativeTerm"),
    ("motions", "Paper"): ("paper", "Paper"),
    ("motions", "Consultation"): ("consultation", "Consultation"),
    ("motions", "Attachment"): ("attachment", "File"),
    ("reports", "Report"): ("report", "Paper"),
    ("reports", "ReportAttachment"): ("report-attachment", "File"),
}


def bury(key, oparl_type, pk):
    Tombstone.objects.update_or_create(
        path=f"{key}/{pk}/", defaults={"oparl_type": oparl_type, "deleted_at": timezone.now()}
    )


def _was_public(sender, instance):
    """Whether the row about to be deleted is one the interface shows."""
    from oparl.views import SOURCES

    key, _type = WATCHED[(sender._meta.app_label, sender.__name__)]
    return SOURCES[key].rows().filter(pk=instance.pk).exists()


def before_delete(sender, instance, **kwargs):
    instance._oparl_was_public = _was_public(sender, instance)


def after_delete(sender, instance, **kwargs):
    if getattr(instance, "_oparl_was_public", False):
        key, oparl_type = WATCHED[(sender._meta.app_label, sender.__name__)]
        bury(key, oparl_type, instance.pk)


def _shown_before(instance):
    # Only a submitted paper, or a published report, can have been public.
    return instance.pk is not None and (
        getattr(instance, "submitted_at", None) or getattr(instance, "published_at", None)
    )


def before_save(sender, instance, **kwargs):
    """Whether the paper or report about to be saved is one the interface shows now: only what
    was public can be depublished."""
    instance._oparl_was_public = bool(_shown_before(instance)) and _was_public(sender, instance)


def paper_saved(sender, instance, created, **kwargs):
    """A paper that was public and is no longer leaves the interface with its consultations
    and attachments; one that is public again returns."""
    if created or instance.submitted_at is None:
        return
    from motions.models import Paper

    dependants = [
        ("consultation", "Consultation", instance.consultations.values_list("pk", flat=True)),
        ("attachment", "File", instance.attachments.values_list("pk", flat=True)),
    ]
    if Paper.objects.public().filter(pk=instance.pk).exists():
        paths = [f"paper/{instance.pk}/"]
        paths += [f"{key}/{pk}/" for key, _t, pks in dependants for pk in pks]
        Tombstone.objects.filter(path__in=paths).delete()
    elif instance._oparl_was_public:
        bury("paper", "Paper", instance.pk)
        for key, oparl_type, pks in dependants:
            for pk in pks:
                bury(key, oparl_type, pk)


def report_saved(sender, instance, created, **kwargs):
    """A published report that is no longer public leaves the interface with its files."""
    if created or instance.published_at is None:
        return
    attachments = list(instance.attachments.values_list("pk", flat=True))
    if instance.is_public:
        paths = [f"report/{instance.pk}/", *(f"report-attachment/{pk}/" for pk in attachments)]
        Tombstone.objects.filter(path__in=paths).delete()
    elif instance._oparl_was_public:
        bury("report", "Paper", instance.pk)
        for pk in attachments:
            bury("report-attachment", "File", pk)


def connect():
    from django.apps import apps

    for app_label, name in WATCHED:
        model = apps.get_model(app_label, name)
        uid = f"oparl-{app_label}-{name}"
        pre_delete.connect(before_delete, sender=model, dispatch_uid=uid)
        post_delete.connect(after_delete, sender=model, dispatch_uid=uid)
    for name in ("motions.Paper", "reports.Report"):
        pre_save.connect(before_save, sender=apps.get_model(name), dispatch_uid=f"oparl-{name}")
    post_save.connect(
        paper_saved, sender=apps.get_model("motions", "Paper"), dispatch_uid="oparl-paper"
    )
    post_save.connect(
        report_saved, sender=apps.get_model("reports", "Report"), dispatch_uid="oparl-report"
    )
