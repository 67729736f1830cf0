"""Which papers a user may see, written once for pages, lists, PDFs, feeds and the API."""

from django.db import models
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from council.roles import roles_of

# Apps further up tell which papers administration units owe something on (the reports app: a
# report), so that those units may read them: each a function of the units returning a Q.
OWED_BY = []


# What a citizen may read: submitted, public papers (a paper withdrawn before it was submitted
# never was). A condition on the row itself, so that it combines with the others below into one
# indexed WHERE instead of subqueries over all papers.
PUBLIC = ~Q(state="draft") & Q(is_public=True) & ~Q(state="withdrawn", submitted_at__isnull=True)


def owed_by(units):
    """Q for the papers `units` owe an answer on, as the registered apps say."""
    condition = Q(pk__isnull=True)
    for provider in OWED_BY:
        condition |= provider(units)
    return condition


def _of_factions(factions):
    from motions.models import Sponsorship

    return Exists(Sponsorship.objects.filter(paper=OuterRef("pk"), faction__in=factions))


class PaperQuerySet(models.QuerySet):
    def public(self):
        """What a citizen may read: submitted, public papers."""
        return self.filter(PUBLIC)

    def awaiting(self, committees):
        """Submitted papers that wait to be put on an agenda of one of `committees`: the next
        planned step of their consultation sequence is there, or, with none planned, they are
        addressed there. Annotated `awaited_id`."""
        from motions.models import Consultation

        first_planned = (
            Consultation.objects.filter(paper=OuterRef("pk"), meeting__isnull=True)
            .order_by("position", "pk")
            .values("organization")[:1]
        )
        return (
            self.filter(state="submitted")
            .annotate(
                awaited_id=Coalesce(
                    Subquery(first_planned),
                    F("committee_id"),
                    output_field=models.BigIntegerField(),
                )
            )
            .filter(awaited_id__in=committees)
        )

    def in_inbox_order(self):
        """By the meeting asked for (papers for the nearest first), then by filing time."""
        return self.order_by(F("target_meeting__start").asc(nulls_last=True), "submitted_at", "pk")

    def of_factions(self, factions):
        """Papers one of `factions` originates (alone or jointly)."""
        return self.filter(_of_factions(factions))

    def visible_to(self, user):
        """Public papers; drafts and non-public papers of the user's own factions; non-public
        papers for the committee they are addressed to, and for the administration units that
        serve that committee or owe a report on the paper."""
        roles = roles_of(user)
        if roles.office:
            return self
        visible = PUBLIC
        if roles.factions:
            visible |= _of_factions(roles.factions)
        submitted = ~Q(state="draft") & ~Q(state="withdrawn", submitted_at__isnull=True)
        committees = roles.seats | roles.served
        entitled = Q(committee__in=committees) if committees else Q(pk__isnull=True)
        if roles.units:
            entitled |= owed_by(roles.units)
        if committees or roles.units:
            visible |= submitted & entitled
        return self.filter(visible)

    def with_outcome_disclosure(self, user):
        """Annotate `outcome_disclosed`: whether the user may learn the decision. A decision
        taken in a non-public item is as closed as the item's title (see AgendaItem.visible_to)."""
        from council.models import AgendaItem

        readable = AgendaItem.objects.visible_to(user).filter(pk=OuterRef("decision_item"))
        return self.annotate(
            outcome_disclosed=Case(
                When(decision_item__isnull=True, then=Value(True)),
                When(Exists(readable), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def with_attention(self, factions=()):
        """Annotate `attention` (lower = more urgent) and `next_deadline` for dashboards.

        First come drafts waiting for the agreement of one of `factions`, then overdue reports,
        then other drafts, reports that came back, and papers in consultation.
        """
        from motions.models import ANSWER_NOT_OWED_STATES, Sponsorship

        today = timezone.localdate()
        awaiting_us = Exists(
            Sponsorship.objects.filter(
                paper=OuterRef("pk"), faction__in=factions, agreed_at__isnull=True
            )
        )
        # An answer is owed from a report request, and from an inquiry from its filing on.
        owed = Q(report_due__isnull=False, report_received_at__isnull=True) & ~Q(
            state__in=ANSWER_NOT_OWED_STATES
        )
        return self.annotate(
            next_deadline=Case(
                When(state="draft", then=TruncDate("filing_deadline")),
                When(owed, then=F("report_due")),
                default=None,
                output_field=models.DateField(),
            ),
            attention=Case(
                When(Q(state="draft") & awaiting_us, then=Value(0)),
                When(owed & Q(report_due__lt=today), then=Value(0)),
                When(state="draft", then=Value(1)),
                When(state="report_received", then=Value(2)),
                When(state__in=["submitted", "scheduled", "report_requested"], then=Value(3)),
                When(state="decided", then=Value(4)),
                default=Value(5),
                output_field=IntegerField(),
            ),
        ).order_by("attention", F("next_deadline").asc(nulls_last=True), "-modified")


def disclose_outcomes(papers, user):
    """Set `outcome_disclosed` on a page of papers already fetched, as with_outcome_disclosure
    annotates it, in one query. On a long list the annotation makes PostgreSQL hash every
    readable agenda item before the LIMIT applies; a page needs only its own few."""
    from council.models import AgendaItem

    items = {paper.decision_item_id for paper in papers if paper.decision_item_id}
    readable = (
        set(AgendaItem.objects.visible_to(user).filter(pk__in=items).values_list("pk", flat=True))
        if items
        else set()
    )
    for paper in papers:
        paper.outcome_disclosed = (
            paper.decision_item_id is None or paper.decision_item_id in readable
        )
    return papers
