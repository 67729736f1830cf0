"""`manage.py demo --papers N`: generated papers keep every rule the services keep, spread over
meetings as in a real council, in every state, with realistic texts, and none of them twice."""

import collections
import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Max, Min, Q
from django.test import override_settings

from council.models import AgendaItem, AgendaResult, Body, Meeting, MeetingState
from motions import services
from motions.demo import sizing
from motions.demo.letters import DEMO_NOW, FICTIONAL
from motions.models import (
    Action,
    Consultation,
    Outcome,
    Paper,
    PaperState,
    PaperType,
    TimelineEntry,
)
from tests.factories import BERLIN

pytestmark = pytest.mark.django_db

# Enough papers to reach every branch of a paper's life, and the history before 2026.
PAPERS = 800
EXAMPLES = 1 + len(FICTIONAL)
FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def demo(*args):
    out = StringIO()
    with override_settings(PASSWORD_HASHERS=FAST_HASHER):
        call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """`demo --papers 800`, built once for this module and rolled back after it; returns what
    the command printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield demo("--papers", str(PAPERS))
        transaction.set_rollback(True)


def papers():
    """The generated papers: all but the demo's examples, which are entered first."""
    examples = Paper.objects.order_by("pk").values_list("pk", flat=True)[:EXAMPLES]
    return Paper.objects.exclude(pk__in=list(examples))


def items():
    """The agenda items at which generated papers are consulted."""
    return AgendaItem.objects.filter(consultation__paper__in=papers())


def snapshot():
    return list(Paper.objects.order_by("pk").values()), AgendaItem.objects.count()


# Running it -------------------------------------------------------------------------------------


def test_papers_n_adds_n_papers(generated):
    assert f"und {PAPERS} erzeugte hinzugefügt" in generated
    assert papers().count() == PAPERS


def test_the_command_counts_the_papers_as_it_writes_them_with_the_rate(generated):
    assert re.search(rf"{PAPERS} von {PAPERS} Drucksachen erzeugt \([\d.]+ je Sekunde\)", generated)


def test_running_again_with_as_many_papers_changes_nothing(generated):
    before = snapshot()

    demo("--papers", str(PAPERS))

    assert snapshot() == before


def test_more_papers_are_added_to_those_there_are(generated):
    before = list(papers().order_by("pk").values())

    demo("--papers", str(PAPERS + 50))

    assert papers().count() == PAPERS + 50
    assert list(papers().order_by("pk").values())[:PAPERS] == before


# States, outcomes, steps ------------------------------------------------------------------------


def test_there_is_a_generated_paper_in_every_state(generated):
    states = set(papers().values_list("state", flat=True))

    # Taken over from another system only: the demo tells its own history.
    assert states == set(PaperState.values) - {PaperState.IMPORTED}


def test_there_is_a_generated_paper_with_every_outcome(generated):
    outcomes = set(papers().exclude(outcome="").values_list("outcome", flat=True))

    assert outcomes == set(Outcome.values)


def test_every_step_of_the_thread_occurs(generated):
    actions = set(TimelineEntry.objects.filter(paper__in=papers()).values_list("action", flat=True))

    # Taking a paper off an agenda before the invitation leaves nothing of the agenda behind;
    # the history the generator writes goes through invitations only.
    assert actions == set(Action.values) - {Action.UNSCHEDULED}


def test_every_result_and_every_role_of_a_consultation_occurs(generated):
    results = set(items().values_list("result", flat=True))
    roles = set(Consultation.objects.filter(paper__in=papers()).values_list("role", flat=True))

    assert results == {"", *AgendaResult.values}
    assert roles == set(Consultation.Role.values)


def test_answers_are_open_overdue_received_on_time_and_received_late(generated):
    today = DEMO_NOW.date()
    owed = papers().filter(report_due__isnull=False, report_received_at__isnull=True)
    received = [
        (p.report_received_at.astimezone(BERLIN).date() <= p.report_due)
        for p in papers().filter(report_received_at__isnull=False)
    ]

    assert owed.filter(state=PaperState.REPORT_REQUESTED, report_due__gte=today).exists()
    assert owed.filter(state=PaperState.REPORT_REQUESTED, report_due__lt=today).exists()
    assert set(received) == {True, False}


def test_some_papers_are_planned_ahead_and_wait_for_their_next_committee(generated):
    waiting = Consultation.objects.filter(paper__in=papers(), meeting=None)

    assert waiting.filter(paper__state=PaperState.SUBMITTED).exists()


def test_some_generated_papers_and_their_agenda_items_are_not_public(generated):
    closed = papers().filter(is_public=False)

    assert closed.exists()
    assert not items().filter(consultation__paper__in=closed, public=True).exists()
    assert items().filter(public=False).exists()


# The rules of the services ---------------------------------------------------------------------


def test_every_scheduled_paper_has_exactly_one_item_without_result(generated):
    open_items = Count(
        "consultations",
        filter=Q(consultations__agenda_item__isnull=False)
        & Q(consultations__agenda_item__result=""),
    )
    counts = papers().annotate(open=open_items).values_list("state", "open")

    assert {open for state, open in counts if state == PaperState.SCHEDULED} == {1}
    assert {open for state, open in counts if state != PaperState.SCHEDULED} == {0}


def test_an_item_without_result_is_on_the_agenda_of_a_meeting_yet_to_come(generated):
    starts = items().filter(result="").values_list("meeting__start", flat=True)

    assert min(starts) > DEMO_NOW


def test_every_decided_paper_names_the_item_whose_result_is_its_outcome(generated):
    decided = papers().exclude(outcome="").values_list("outcome", "decision_item__result")
    undecided = papers().filter(outcome="", decision_item__isnull=False)

    assert decided and all(outcome == result for outcome, result in decided)
    assert not undecided.exists()


def test_every_item_of_a_consultation_is_titled_with_its_papers_reference(generated):
    titles = items().values_list("title", "consultation__paper__reference")

    assert all(title.startswith(f"{reference} ") for title, reference in titles)


def test_a_consultation_is_held_by_a_committee_whose_meeting_it_is_on(generated):
    scheduled = Consultation.objects.filter(paper__in=papers(), meeting__isnull=False)

    foreign = scheduled.exclude(meeting__organizations=F("organization"))

    assert scheduled.exists() and not foreign.exists()


def test_a_postponed_item_is_followed_by_the_same_step_of_the_same_committee(generated):
    postponed = Consultation.objects.filter(
        paper__in=papers(), agenda_item__result=AgendaResult.POSTPONED
    )

    assert postponed.exists()
    for consultation in postponed:
        assert consultation.paper.consultations.filter(
            position=consultation.position,
            organization=consultation.organization,
            role=consultation.role,
            pk__gt=consultation.pk,
        ).exists()


def test_a_referred_item_is_followed_by_a_decision_of_another_committee(generated):
    referred = Consultation.objects.filter(
        paper__in=papers(), agenda_item__result=AgendaResult.REFERRED
    )

    assert referred.exists()
    for consultation in referred:
        following = consultation.paper.consultations.filter(
            position=consultation.position + 1
        ).earliest("pk")
        assert following.organization != consultation.organization
        assert following.role == Consultation.Role.DECISION


def test_a_recommendation_is_the_result_of_a_preliminary_consultation(generated):
    recommended = TimelineEntry.objects.filter(paper__in=papers(), action=Action.RECOMMENDED)

    roles = set(recommended.values_list("agenda_item__consultation__role", flat=True))

    assert roles == {Consultation.Role.PRELIMINARY}


def test_every_timeline_ends_in_the_state_of_its_paper(generated):
    last = papers().annotate(last_at=Max("timeline__at"))
    ends = TimelineEntry.objects.filter(paper__in=papers()).order_by("paper", "at", "pk")
    final = {entry.paper_id: entry.to_state for entry in ends}

    assert all(final[paper.pk] == paper.state for paper in last)


def test_steps_taken_at_a_meeting_name_its_agenda_item(generated):
    at_items = [
        Action.SCHEDULED,
        Action.POSTPONED,
        Action.REFERRED,
        Action.DECIDED,
        Action.RECOMMENDED,
        Action.TAKEN_NOTE,
    ]
    entries = TimelineEntry.objects.filter(paper__in=papers(), action__in=at_items)

    assert entries.exists()
    assert not entries.filter(agenda_item__isnull=True).exists()


def test_no_generated_step_lies_on_or_after_the_demos_today(generated):
    last = TimelineEntry.objects.filter(paper__in=papers()).aggregate(last=Max("at"))["last"]

    assert last < DEMO_NOW


def test_only_items_of_held_meetings_have_results(generated):
    states = set(items().exclude(result="").values_list("meeting__state", flat=True))

    assert states == {MeetingState.HELD}


def test_an_inquiry_is_due_as_the_rules_of_procedure_say(generated):
    inquiries = papers().filter(paper_type=PaperType.INQUIRY).exclude(submitted_at=None)

    assert inquiries.exists()
    assert all(p.report_due == services.answer_due(p) for p in inquiries)


def test_a_paper_is_late_when_it_came_in_after_its_filing_deadline(generated):
    filed = papers().exclude(submitted_at=None).exclude(filing_deadline=None)

    lateness = [(p.late, not p.urgent and services.filed_at(p) > p.filing_deadline) for p in filed]

    assert all(late == rule for late, rule in lateness)
    assert {late for late, _rule in lateness} == {True, False}
    assert filed.filter(urgent=True).exclude(urgency_reason="").exists()


def test_letters_the_office_entered_carry_their_arrival_even_as_drafts(generated):
    entered = papers().filter(entered_on_behalf=True)

    assert entered.filter(state=PaperState.DRAFT).exists()
    assert not entered.filter(received_on=None).exists()


def test_references_count_up_per_type_and_year_without_gaps(generated):
    numbers = collections.defaultdict(list)
    for reference in Paper.objects.exclude(reference=None).values_list("reference", flat=True):
        prefix, year, number = reference.split("/")
        numbers[prefix, year].append(int(number))

    assert all(sorted(found) == list(range(1, len(found) + 1)) for found in numbers.values())


def test_a_paper_is_numbered_in_the_year_it_was_filed(generated):
    filed = papers().exclude(reference=None)

    assert all(
        p.reference.split("/")[1] == str(p.submitted_at.astimezone(BERLIN).year) for p in filed
    )


def test_a_partner_faction_with_a_login_agreed_before_the_paper_was_filed(generated):
    joint = papers().exclude(submitted_at=None).filter(entered_on_behalf=False)
    partners = [
        (s.agreed_at, p.submitted_at)
        for p in joint.prefetch_related("sponsorships")
        for s in p.sponsorships.all()
        if not s.is_lead
    ]

    assert partners and all(agreed and agreed <= filed for agreed, filed in partners)


def test_every_filed_paper_is_addressed_to_a_chair(generated):
    assert not papers().exclude(submitted_at=None).filter(addressee=None).exists()


# Agendas ----------------------------------------------------------------------------------------


def test_agendas_with_generated_papers_hold_ten_to_forty_items(generated):
    meetings = Meeting.objects.filter(pk__in=items().values("meeting"))

    sizes = meetings.annotate(n=Count("agenda_items", distinct=True)).aggregate(
        least=Min("n"), most=Max("n")
    )

    assert sizes["least"] >= 10 and sizes["most"] <= 40


def test_generated_papers_are_spread_over_many_meetings(generated):
    meetings = Meeting.objects.filter(pk__in=items().values("meeting"))

    assert meetings.count() >= PAPERS // 25
    assert meetings.filter(start__year=2025).exists()


def test_every_agenda_lists_public_items_before_non_public_ones_numbered_in_order(generated):
    agendas = collections.defaultdict(list)
    rows = AgendaItem.objects.order_by("meeting", "order").values_list(
        "meeting", "public", "number"
    )
    for meeting, public, number in rows:
        agendas[meeting].append((public, number))

    for agenda in agendas.values():
        assert [public for public, _n in agenda] == sorted((p for p, _n in agenda), reverse=True)
        for prefix, public in (("Ö", True), ("N", False)):
            tops = [int(n.split()[1].split(".")[0]) for p, n in agenda if p == public]
            assert all(n.startswith(prefix) for p, n in agenda if p == public)
            assert tops == sorted(tops) and len(set(tops)) == len(tops)


# Texts ------------------------------------------------------------------------------------------


def test_motions_have_a_resolution_and_a_justification_of_several_paragraphs(generated):
    motions = papers().filter(paper_type=PaperType.MOTION, is_public=True)

    paragraphs = [len(p.justification.split("\n\n")) for p in motions]

    assert not motions.filter(proposed_resolution="").exists()
    assert min(paragraphs) >= 2 and sum(paragraphs) / len(paragraphs) >= 3


def test_titles_are_varied(generated):
    titles = list(papers().values_list("title", flat=True))

    assert len(set(titles)) >= 0.9 * len(titles)


def test_some_words_are_in_many_papers_and_many_words_in_few(generated):
    documents = collections.Counter()
    for title, justification in papers().values_list("title", "justification"):
        documents.update(set(re.findall(r"\w{4,}", f"{title} {justification}")))
    share = {word: count / PAPERS for word, count in documents.items()}

    assert sum(s > 0.2 for s in share.values()) >= 10
    assert sum(s < 0.01 for s in share.values()) >= 100


# District councils ------------------------------------------------------------------------------


@pytest.fixture
def in_a_district(generated):
    """Papers far enough down the line to be filed in the first district council."""
    from motions.demo import generator

    body = Body.objects.get()
    generator.add(body, 30_000, 30_040)
    return Paper.objects.filter(committee__short_name__startswith="BV ")


def test_papers_beyond_the_councils_ten_years_go_to_a_district_council(in_a_district):
    assert in_a_district.count() == 41


def test_a_district_council_has_members_a_chair_a_deputy_and_a_serving_unit(in_a_district):
    district = in_a_district.first().committee

    roles = collections.Counter(district.memberships.values_list("role", flat=True))

    assert roles["chair"] == 1 and roles["deputy_chair"] == 1 and sum(roles.values()) == 13
    assert district.served_by.filter(kind="administration").exists()


def test_a_district_councils_papers_are_decided_on_its_own_agendas(in_a_district):
    consulted = Consultation.objects.filter(paper__in=in_a_district, meeting__isnull=False)

    assert consulted.exists()
    assert not consulted.exclude(organization=F("paper__committee")).exists()


# The sizing rule ---------------------------------------------------------------------------------


def test_a_few_hundred_papers_are_filed_for_the_meetings_around_the_demos_today():
    plan = sizing.plan(Body(), 1, 300)

    starts = {slot.start.date() for _n, slot in plan.assignments}

    assert min(starts) >= datetime.date(2026, 1, 1)
    assert plan.districts == 0


def test_a_hundred_thousand_papers_reach_back_ten_years_and_take_district_councils():
    plan = sizing.plan(Body(), 1, 100_000)

    assert plan.since[0] < datetime.date(2016, 10, 1)
    assert 30 <= plan.districts <= 60


def test_paper_n_is_filed_for_the_same_meeting_on_every_run():
    whole = dict(sizing.plan(Body(), 1, 3000).assignments)
    later = dict(sizing.plan(Body(), 2001, 3000).assignments)

    assert later == {n: slot for n, slot in whole.items() if n > 2000}


def test_a_district_council_meets_monthly_but_in_summer_for_ten_years():
    starts = next(iter(sizing.calendar(1).values()))

    months = {(start.year, start.month) for start in starts}

    assert len(months) == len(starts)
    assert min(starts).date() < datetime.date(2016, 10, 1)
    assert max(starts).date() > datetime.date(2027, 5, 31)
    assert not {month for _year, month in months} & {7, 8}
