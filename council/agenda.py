"""The agenda of a meeting: its items in order and numbered, its publication as the invitation
and its supplements, the results and votes recorded on meeting day, and the minutes.

Every change takes the meeting row's lock, checks that the user prepares this meeting
(`council.manage_meeting`), and counts up the meeting's `agenda_revision`; a change made on a
stale screen (`seen_revision`) is refused instead of silently overwriting a colleague's work.

Numbering: the public part reads Ö 1, Ö 2, Ö 2.1 …, the non-public part N 1 …; opening standing
items come first and closing ones last in each part. Once an item is published, its number is
fixed: an item added afterwards (a supplement, Nachtrag) takes the number of the item before it
with a letter (Ö 3a), so that no published number ever changes.
"""

import datetime
import string
import uuid

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from council import signals
from council.models import (
    AgendaItem,
    AgendaResult,
    AgendaVersion,
    FactionVote,
    Meeting,
    MeetingState,
    Membership,
    Standing,
    VersionKind,
)

SHIFT = 100_000  # moves orders out of the way in two steps, keeping (meeting, order) unique


class AgendaChanged(ValidationError):
    """Someone else changed the agenda since the screen was loaded."""

    def __init__(self):
        super().__init__(
            _(
                "Die Tagesordnung wurde inzwischen von jemand anderem geändert. Bitte prüfen Sie "
                "die aktuelle Fassung; Ihre Änderung wurde nicht gespeichert."
            ),
            code="agenda_changed",
        )


def _lock(meeting, by, seen_revision=None):
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    if by is not None and not by.has_perm("council.manage_meeting", meeting):
        raise PermissionDenied(_("Nur Vorsitz und Sitzungsdienst bereiten diese Sitzung vor."))
    if seen_revision is not None and seen_revision != meeting.agenda_revision:
        raise AgendaChanged()
    return meeting


def _require_open(meeting):
    if meeting.state in (MeetingState.CANCELLED, MeetingState.HELD):
        raise ValidationError(
            _("Die Sitzung ist %(state)s; ihre Tagesordnung ändert sich nicht mehr.")
            % {"state": meeting.get_state_display()},
            code="meeting_closed",
        )


def _changed(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        agenda_revision=F("agenda_revision") + 1, modified=timezone.now()
    )
    meeting.refresh_from_db(fields=["agenda_revision", "modified"])


def _items(meeting):
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("order"))


def _blocks(items):
    """Top-level items with their sub-items: [[item, child, child], [item], …]."""
    blocks = []
    for item in items:
        if item.parent_id is None or not blocks:
            blocks.append([item])
        else:
            blocks[-1].append(item)
    return blocks


def _rank(item, by_pk):
    """Where an item belongs: public before non-public, opening before papers before closing.
    A sub-item belongs where its parent does."""
    if item.parent_id is not None:
        item = by_pk[item.parent_id]
    standing = {Standing.OPENING: 0, Standing.NONE: 1, Standing.CLOSING: 2}[item.standing]
    return (not item.public, standing)


def _write_order(meeting, items):
    """Store `items` in this order (two steps keep the orders unique in between)."""
    AgendaItem.objects.filter(meeting=meeting).update(order=F("order") + SHIFT)
    for position, item in enumerate(items, start=1):
        item.order = position
    AgendaItem.objects.bulk_update(items, ["order"])


def renumber(meeting):
    """Give every item its number (see the module docstring); published numbers stay."""
    items = _items(meeting)
    numbers = {}
    for public, prefix in ((True, "Ö"), (False, "N")):
        part = [item for item in items if item.public == public]
        published_tops = [i for i in part if i.parent_id is None and i.published_at]
        top, letters, children = 0, 0, {}
        for item in part:
            if item.parent_id is not None:
                parent_number = numbers[item.parent_id]
                children[item.parent_id] = children.get(item.parent_id, 0) + 1
                numbers[item.pk] = (
                    item.number
                    if item.published_at
                    else (f"{parent_number}.{children[item.parent_id]}")
                )
                continue
            if item.published_at:
                numbers[item.pk] = item.number
                top, letters = _top_number(item.number), 0
            elif any(p.order > item.order for p in published_tops):
                letters += 1  # a supplement between published items: Ö 3a, Ö 3b
                numbers[item.pk] = f"{prefix} {top}{string.ascii_lowercase[letters - 1]}"
            else:
                top, letters = top + 1, 0
                numbers[item.pk] = f"{prefix} {top}"
    changed = [item for item in items if item.number != numbers[item.pk]]
    for item in changed:
        item.number = f"~{item.pk}"
    AgendaItem.objects.bulk_update(changed, ["number"])
    for item in changed:
        item.number = numbers[item.pk]
    AgendaItem.objects.bulk_update(changed, ["number"])


def _top_number(number):
    digits = number.split()[-1].split(".")[0] if number.split() else ""
    digits = "".join(char for char in digits if char.isdigit())
    return int(digits) if digits else 0


def _insert(meeting, item, after=None):
    """Put `item` after `after`, or at the end of the place its kind belongs to."""
    items = _items(meeting)
    if after is None:
        by_pk = {i.pk: i for i in items}
        rank = _rank(item, by_pk)
        before = [i for i in items if _rank(i, by_pk) <= rank]
        index = items.index(before[-1]) + 1 if before else 0
    else:
        block_end = items.index(after) + 1
        while block_end < len(items) and items[block_end].parent_id == (
            after.parent_id or after.pk
        ):
            block_end += 1
        index = block_end
    item.order = SHIFT * 2 + len(items) + 1  # out of the way until the new order is written
    item.number = f"~{uuid.uuid4().hex[:12]}"
    item.save()
    items.insert(index, item)
    _write_order(meeting, items)
    renumber(meeting)
    item.refresh_from_db()
    return item


@transaction.atomic
def add_item(
    meeting, *, title, public=True, by=None, parent=None, standing=Standing.NONE, seen_revision=None
):
    """A new item: a paper's or a free topic's. `by` is None when a service has checked who
    acts and where (the motions' scheduling step, or history written by an import)."""
    meeting = _lock(meeting, by, seen_revision)
    if by is not None:
        _require_open(meeting)
    title = title.strip()
    if not title:
        raise ValidationError(_("Bitte geben Sie einen Titel an."), code="title")
    if parent is not None and (parent.meeting_id != meeting.pk or parent.parent_id is not None):
        raise ValidationError(_("Unterpunkte gehören zu einem Punkt derselben Tagesordnung."))
    item = AgendaItem(
        meeting=meeting,
        title=title[:500],
        public=parent.public if parent is not None else public,
        parent=parent,
        standing=Standing.NONE if parent is not None else standing,
    )
    after = None
    if parent is not None:
        after = parent
    item = _insert(meeting, item, after=after)
    _changed(meeting)
    return item


def missing_standing_items(meeting, items=None):
    """The standing items of the meeting's committees that its agenda (`items`, by default the
    stored ones) does not have yet, in the order they are inserted."""
    from council.models import StandingItem

    present = {(i.title, i.public) for i in (_items(meeting) if items is None else items)}
    missing = []
    templates = StandingItem.objects.filter(organization__in=meeting.organizations.all())
    # In the agenda's order: public first, the opening items before the closing ones.
    templates = sorted(
        templates, key=lambda t: (not t.public, t.placement != Standing.OPENING, t.order, t.pk)
    )
    for template in templates:
        if (template.title, template.public) not in present:
            missing.append(template)
            present.add((template.title, template.public))
    return missing


@transaction.atomic
def apply_template(meeting, *, by, seen_revision=None):
    """Add the committee's standing items that the agenda does not have yet."""
    meeting = _lock(meeting, by, seen_revision)
    _require_open(meeting)
    missing = missing_standing_items(meeting)
    for template in missing:
        item = AgendaItem(
            meeting=meeting,
            title=template.title,
            public=template.public,
            standing=template.placement,
        )
        _insert(meeting, item)
    if missing:
        _changed(meeting)
    return len(missing)


@transaction.atomic
def move(item, *, direction, by, seen_revision=None):
    """Move an item (with its sub-items) one place up or down among its kind."""
    meeting = _lock(item.meeting, by, seen_revision)
    _require_open(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    if item.published_at:
        raise ValidationError(
            _(
                "Veröffentlichte Punkte behalten ihre Stelle; über die Reihenfolge entscheidet "
                "das Gremium zu Beginn der Sitzung."
            ),
            code="published",
        )
    items = _items(meeting)
    if item.parent_id is not None:
        siblings = [i for i in items if i.parent_id == item.parent_id]
        swap_with = _neighbour(siblings, item, direction)
        if swap_with is None:
            return item
        a, b = items.index(item), items.index(swap_with)
        items[a], items[b] = items[b], items[a]
    else:
        blocks, by_pk = _blocks(items), {i.pk: i for i in items}
        mine = next(i for i, block in enumerate(blocks) if block[0].pk == item.pk)
        other = mine - 1 if direction == "up" else mine + 1
        if not 0 <= other < len(blocks) or _rank(blocks[other][0], by_pk) != _rank(item, by_pk):
            return item
        if blocks[other][0].published_at:
            raise ValidationError(
                _("Ein neuer Punkt kann nicht vor oder hinter veröffentlichte Punkte rücken."),
                code="published",
            )
        blocks[mine], blocks[other] = blocks[other], blocks[mine]
        items = [i for block in blocks for i in block]
    _write_order(meeting, items)
    renumber(meeting)
    _changed(meeting)
    return item


def possible_moves(items):
    """Which way each item of an agenda (`items` in their order) can move, as `move` would move
    it: {pk: (up, down)}. An editor offers only these, not buttons that would do nothing."""
    by_pk = {item.pk: item for item in items}
    blocks = _blocks(items)
    moves = {}
    for index, block in enumerate(blocks):
        head = block[0]

        def movable_to(other, head=head):
            return (
                0 <= other < len(blocks)
                and _rank(blocks[other][0], by_pk) == _rank(head, by_pk)
                and not blocks[other][0].published_at
            )

        moves[head.pk] = (movable_to(index - 1), movable_to(index + 1))
        children = block[1:]
        for position, child in enumerate(children):
            moves[child.pk] = (position > 0, position < len(children) - 1)
    return {pk: (False, False) if by_pk[pk].published_at else way for pk, way in moves.items()}


def _neighbour(siblings, item, direction):
    index = siblings.index(item) + (-1 if direction == "up" else 1)
    return siblings[index] if 0 <= index < len(siblings) else None


@transaction.atomic
def remove_item(item, *, by, seen_revision=None):
    """Take a free item off an agenda that has not published it. A paper's item is taken off
    through the paper's own steps."""
    meeting = _lock(item.meeting, by, seen_revision)
    _require_open(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    if item.published_at:
        raise ValidationError(
            _("Ein veröffentlichter Punkt bleibt auf der Tagesordnung; er kann abgesetzt werden."),
            code="published",
        )
    if treats_a_paper(item):
        raise ValidationError(
            _("Dieser Punkt behandelt eine Drucksache; nehmen Sie sie auf ihrer Seite zurück."),
            code="paper_item",
        )
    item.delete()
    _write_order(meeting, _items(meeting))
    renumber(meeting)
    _changed(meeting)


def drop_item(item):
    """Remove an unpublished item for a service that has checked who acts (a paper taken off)."""
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    item.delete()
    _write_order(meeting, _items(meeting))
    renumber(meeting)
    _changed(meeting)


def treats_a_paper(item):
    """Whether the item is a paper's consultation (a relation the motions app adds)."""
    try:
        return item.consultation is not None
    except (ObjectDoesNotExist, AttributeError):
        return False


# The invitation ---------------------------------------------------------------------------------


def notice_deadline(meeting):
    """The last day on which the invitation keeps the notice period of the rules of procedure:
    N full days must lie between the day it goes out and the day of the meeting (GO NRW
    § 47 with the council's rules). Counted on the calendar in local time, so that a change to
    or from daylight saving time moves nothing."""
    meeting_day = timezone.localdate(meeting.start)
    return meeting_day - datetime.timedelta(days=meeting.body.notice_period_days + 1)


def invitation_is_late(meeting, on=None):
    return (on or timezone.localdate()) > notice_deadline(meeting)


@transaction.atomic
def publish(meeting, *, by, late_reason="", seen_revision=None):
    """Publish the agenda: the first time as the invitation, later as a supplement (Nachtrag)
    with what was added since. Returns the new version."""
    meeting = _lock(meeting, by, seen_revision)
    _require_open(meeting)
    items = _items(meeting)
    if not any(item.standing == Standing.NONE for item in items):
        raise ValidationError(
            _(
                "Die Tagesordnung hat noch keinen Beratungspunkt; eine leere Einladung geht nicht hinaus."
            ),
            code="empty_agenda",
        )
    new = [item for item in items if item.published_at is None]
    if meeting.invited and not new:
        raise ValidationError(
            _("Seit der letzten Fassung ist nichts hinzugekommen."), code="nothing_new"
        )
    late_reason = late_reason.strip()
    if not meeting.invited and invitation_is_late(meeting) and not late_reason:
        raise ValidationError(
            _(
                "Die Ladungsfrist von %(days)s vollen Tagen ist nicht mehr einzuhalten (letzter "
                "Tag: %(deadline)s). Bitte begründen Sie die verkürzte Ladungsfrist."
            )
            % {
                "days": meeting.body.notice_period_days,
                "deadline": f"{notice_deadline(meeting):%d.%m.%Y}",
            },
            code="late_without_reason",
        )
    now = timezone.now()
    AgendaItem.objects.filter(pk__in=[item.pk for item in new]).update(published_at=now)
    kind = VersionKind.SUPPLEMENT if meeting.invited else VersionKind.INVITATION
    version = AgendaVersion.objects.create(
        meeting=meeting,
        number=meeting.agenda_versions.count() + 1,
        kind=kind,
        published_at=now,
        published_by=by,
        late_reason=late_reason,
        items=[
            {
                "number": i.number,
                "title": i.title,
                "public": i.public,
                "new": i.published_at is None,
            }
            for i in items
        ],
    )
    if not meeting.invited:
        meeting.invited_at, meeting.state = now, MeetingState.INVITED
        meeting.save(update_fields=["invited_at", "state", "modified"])
    _changed(meeting)
    transaction.on_commit(
        lambda: signals.agenda_published.send(sender=AgendaVersion, version=version)
    )
    return version


# Meeting day ----------------------------------------------------------------------------------------


def require_meeting_begun(meeting):
    if meeting.start > timezone.now():
        raise ValidationError(
            _("Ergebnisse werden ab Beginn der Sitzung festgehalten (%(start)s Uhr).")
            % {"start": f"{timezone.localtime(meeting.start):%d.%m.%Y, %H:%M}"},
            code="before_meeting",
        )
    if meeting.cancelled:
        raise ValidationError(_("Die Sitzung ist abgesagt."), code="meeting_cancelled")


def close_item(item, result, resolution_text=""):
    """Write an item's result. For the services that have checked who acts (motions' steps)."""
    require_meeting_begun(item.meeting)
    item.result = result
    item.resolution_text = resolution_text or item.resolution_text
    item.save(update_fields=["result", "resolution_text", "modified"])


@transaction.atomic
def record_result(item, *, by, result, resolution_text="", paper_takes_no_step=False):
    """The result of an item that treats no paper (a report taken note of, a topic), or of one
    whose paper takes no step of its own (`paper_takes_no_step`: the caller knows the paper)."""
    _lock(item.meeting, by)
    item = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
    if treats_a_paper(item) and not paper_takes_no_step:
        raise ValidationError(_("Dieser Punkt behandelt eine Drucksache."), code="paper_item")
    if item.result:
        raise ValidationError(
            _("Für diesen Punkt ist bereits ein Ergebnis festgehalten (%(result)s).")
            % {"result": item.get_result_display()},
            code="result_recorded",
        )
    if result not in AgendaResult.values:
        raise ValidationError(_("Unbekanntes Ergebnis."), code="result")
    close_item(item, result, resolution_text)
    return item


def voting_members(meeting):
    """How many may vote: the voting members of the meeting's organizations on its day."""
    day = timezone.localdate(meeting.start)
    return (
        Membership.objects.active(day)
        .filter(organization__in=meeting.organizations.all(), voting_right=True)
        .values("person")
        .distinct()
        .count()
    )


@transaction.atomic
def record_votes(
    item, *, by, yes=None, no=None, abstain=None, unanimous=False, factions=(), confirmed=False
):
    """The vote on an item: counts, or "einstimmig", optionally per faction as
    [(faction, yes, no, abstain)]. More votes than voting members need `confirmed`."""
    meeting = _lock(item.meeting, by)
    require_meeting_begun(meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    if unanimous:
        no = 0
    if factions:
        yes = sum(f[1] for f in factions)
        no = sum(f[2] for f in factions)
        abstain = sum(f[3] for f in factions)
    counts = [c for c in (yes, no, abstain) if c is not None]
    if any(c < 0 for c in counts):
        raise ValidationError(_("Stimmen werden nicht negativ gezählt."), code="negative")
    members = voting_members(meeting)
    if sum(counts) > members and not confirmed:
        raise ValidationError(
            _(
                "%(votes)s Stimmen, aber nur %(members)s stimmberechtigte Mitglieder. Bitte "
                "prüfen Sie die Zahlen oder bestätigen Sie sie."
            )
            % {"votes": sum(counts), "members": members},
            code="too_many_votes",
        )
    if unanimous and no:
        raise ValidationError(_("Einstimmig heißt: keine Gegenstimmen."), code="unanimous")
    item.votes_yes, item.votes_no, item.votes_abstain, item.unanimous = yes, no, abstain, unanimous
    item.save(update_fields=["votes_yes", "votes_no", "votes_abstain", "unanimous", "modified"])
    FactionVote.objects.filter(agenda_item=item).delete()
    FactionVote.objects.bulk_create(
        FactionVote(agenda_item=item, faction=faction, yes=y, no=n, abstain=a)
        for faction, y, n, a in factions
    )
    return item


@transaction.atomic
def release_minutes(meeting, *, by):
    """Release the minutes of results: the meeting has been held, and the minutes are public."""
    meeting = _lock(meeting, by)
    require_meeting_begun(meeting)
    if meeting.minutes_released_at:
        raise ValidationError(_("Die Niederschrift ist bereits freigegeben."), code="released")
    if not meeting.invited:
        raise ValidationError(_("Zu dieser Sitzung wurde nicht eingeladen."), code="not_invited")
    # The reverse relation a paper's consultation adds (see treats_a_paper).
    open_papers = list(
        AgendaItem.objects.filter(meeting=meeting, result="", consultation__isnull=False)
        .order_by("order")
        .values_list("number", flat=True)
    )
    if open_papers:
        raise ValidationError(
            _("Für diese Punkte fehlt noch das Ergebnis: %(numbers)s.")
            % {"numbers": ", ".join(open_papers)},
            code="results_missing",
        )
    meeting.state, meeting.minutes_released_at = MeetingState.HELD, timezone.now()
    meeting.save(update_fields=["state", "minutes_released_at", "modified"])
    return meeting
