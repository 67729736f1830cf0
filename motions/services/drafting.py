"""Writing a paper: the letter, its originators, questions and signatories, and the
co-sponsors' agreement to the text as it reads."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from council.models import Membership, Role
from council.roles import roles_of
from motions import notifications
from motions.deadlines import filing_deadline
from motions.models import (
    Action,
    Paper,
    PaperState,
    Question,
    Signatory,
    Sponsorship,
    TransitionNotAllowed,
)
from motions.services.common import lock, record, require
from motions.services.filing import correct_filing


@transaction.atomic
def save_draft(*, paper, by, factions, questions, signatories=(), seen_version=None):
    """Create or update a paper's letter: its fields, originators, questions and signatories.

    `factions` lists the originating factions, the lead faction first; `questions` the texts in
    order; `signatories` (person, function) pairs, each a member of an originating faction.
    Editing resets the co-sponsors' agreement, since they agreed to the text as it was; only the
    lead faction (or the office) may change who files the paper. After submission only the
    council office may edit, and the edit is recorded. With `seen_version`, an edit made on a
    copy that has changed since is refused instead of overwriting a colleague's work.
    """
    creating = paper.pk is None
    if creating:
        if not by.has_perm("motions.create_paper"):
            raise PermissionDenied(_("Dazu sind Sie nicht berechtigt."))
        if not roles_of(by).office and not roles_of(by).factions & {f.pk for f in factions}:
            raise PermissionDenied(_("Sie können nur für Ihre eigene Fraktion Anträge anlegen."))
        paper.created_by = by
        before = None
    else:
        locked = lock(paper)
        require(by, "motions.edit_paper", locked)
        _require_version(locked, seen_version)
        _require_lead_for_originator_changes(locked, factions, by)
        before = Paper(received_on=locked.received_on, late=locked.late)
        # Only the letter's fields come from the form; state, reference and times from the row.
        for field in Paper._meta.concrete_fields:
            if field.editable and not field.primary_key:
                setattr(locked, field.attname, getattr(paper, field.attname))
        paper = locked
    if not factions:
        raise ValidationError(
            _("Mindestens eine Fraktion muss den Antrag stellen."), code="no_originator"
        )
    _require_signatories_of(factions, [person for person, _function in signatories])
    corrections = []
    if paper.is_draft:
        # A draft's deadline follows its target meeting, also when the meeting is removed.
        paper.filing_deadline = (
            filing_deadline(paper.target_meeting, paper.body) if paper.target_meeting_id else None
        )
    elif before is not None:
        corrections = correct_filing(paper, before)
    paper.save()
    pending_before = set() if creating else set(_pending_ids(paper))
    _sync_sponsorships(paper, factions, by)
    paper.questions.all().delete()
    Question.objects.bulk_create(
        Question(paper=paper, order=n, text=text) for n, text in enumerate(questions, start=1)
    )
    paper.signatories.all().delete()
    Signatory.objects.bulk_create(
        Signatory(
            paper=paper,
            person=person,
            function=function or default_function(person, factions),
            order=n,
        )
        for n, (person, function) in enumerate(signatories)
    )
    if creating:
        record(paper, by=by, action=Action.CREATED)
    elif paper.is_draft:
        record(paper, by=by, action=Action.EDITED)
    else:
        comment = " ".join([_("Nach der Einreichung vom Sitzungsdienst geändert."), *corrections])
        record(paper, by=by, action=Action.EDITED, comment=comment)
    if paper.is_draft:
        newly_pending = [s.faction for s in paper.sponsorships.all() if s.agreed_at is None]
        newly_pending = [f for f in newly_pending if f.pk not in pending_before]
        if newly_pending:
            notifications.agreement_needed(paper, newly_pending, by)
    return paper


def _pending_ids(paper):
    return paper.sponsorships.filter(agreed_at__isnull=True).values_list("faction_id", flat=True)


def _require_lead_for_originator_changes(paper, factions, by):
    roles = roles_of(by)
    current = [s.faction_id for s in paper.sponsorships.order_by("-is_lead", "pk")]
    wanted = [f.pk for f in factions]
    unchanged = current[:1] == wanted[:1] and set(current) == set(wanted)
    if not unchanged and not roles.office and current and current[0] not in roles.factions:
        raise PermissionDenied(
            _("Nur die federführende Fraktion kann ändern, wer den Antrag stellt.")
        )


def _require_signatories_of(factions, people):
    members = set(
        Membership.objects.active()
        .filter(organization__in=factions, person__in=people)
        .values_list("person_id", flat=True)
    )
    strangers = [person for person in people if person.pk not in members]
    if strangers:
        names = ", ".join(person.name for person in strangers)
        raise ValidationError(
            _("Unterzeichnen können nur Mitglieder der antragstellenden Fraktionen: %(names)s.")
            % {"names": names},
            code="foreign_signatory",
        )


def _sync_sponsorships(paper, factions, by):
    own = roles_of(by).factions
    existing = {s.faction_id: s for s in paper.sponsorships.all()}
    wanted = [f.pk for f in factions]
    Sponsorship.objects.filter(paper=paper).exclude(faction_id__in=wanted).delete()
    Sponsorship.objects.filter(paper=paper).update(is_lead=False)
    now = timezone.now()
    for position, faction_id in enumerate(wanted):
        sponsorship = existing.get(faction_id) or Sponsorship(paper=paper, faction_id=faction_id)
        sponsorship.is_lead = position == 0
        # The author's own factions agree by writing; the others must confirm the new text.
        if faction_id in own:
            sponsorship.agreed_at, sponsorship.agreed_by = now, by
        elif paper.is_draft:
            sponsorship.agreed_at, sponsorship.agreed_by = None, None
        sponsorship.save()


def default_function(person, factions):
    """The line under a signature: the person's function in one of the originating factions."""
    membership = (
        Membership.objects.active()
        .filter(person=person, organization__in=factions)
        .select_related("organization")
        .order_by("role")
        .first()
    )
    if membership is None:
        return ""
    if membership.role == Role.FACTION_CHAIR:
        return _("Vorsitz der %(faction)s") % {"faction": membership.organization.name}
    return membership.organization.name


@transaction.atomic
def agree(*, paper, faction, by, seen_version=None):
    """A co-sponsoring faction's staff confirm the joint paper as it now reads.

    `seen_version` is the paper's version (see `version_of`) when the text was shown; if the
    text changed since, the agreement would be to words nobody from the faction has read.
    """
    paper = lock(paper)
    paper.require_state(PaperState.DRAFT)
    if faction.pk not in roles_of(by).factions:
        raise PermissionDenied(_("Nur die Fraktion selbst kann ihre Mitantragstellung bestätigen."))
    _require_version(paper, seen_version)
    sponsorship = paper.sponsorships.filter(faction=faction).first()
    if sponsorship is None:
        raise PermissionDenied(_("Diese Fraktion stellt den Antrag nicht mit."))
    sponsorship.agreed_at, sponsorship.agreed_by = timezone.now(), by
    sponsorship.save(update_fields=["agreed_at", "agreed_by"])
    record(paper, by=by, action=Action.AGREED, comment=faction.name)
    return paper


def version_of(paper):
    """An opaque version of the paper's text, for forms that must not act on a stale copy."""
    return paper.modified.isoformat() if paper.modified else ""


def _require_version(paper, seen_version):
    if seen_version is not None and seen_version != version_of(paper):
        raise TransitionNotAllowed(
            _("Der Antrag wurde inzwischen geändert. Bitte lesen Sie die aktuelle Fassung.")
        )
