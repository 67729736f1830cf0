"""What happens to a generated paper: its letter, and its route through the committees to the
administration's report, drawn in the proportions of data/generator.toml."""

import datetime

from motions.demo.desk import request_text
from motions.demo.letters import FACTION_LOGINS, PLACE
from motions.demo.lives import RESOLUTIONS, SHARES, Role, Today, at_hour, choose, days
from motions.demo.sizing import SETTINGS
from motions.models import (
    Outcome,
    Paper,
    PaperState,
    Question,
    ReportKind,
    Signatory,
    Sponsorship,
)

OUTCOMES = SETTINGS["outcomes"]


def live(life):
    """Paper n's life up to the demo's today; returns `life` with its rows."""
    try:
        _letter(life)
        if life.head.abandoned:
            life.withdraw(life.head.filed, "Der Entwurf wird nicht weiterverfolgt.")
        elif life.head.submitted:
            life.submit(life.head.filed, _urgency(life))
            {"inquiry": _inquiry, "motion": _motion, "closed": _motion}[life.head.kind](life)
    except Today:
        pass
    return life


# The letter -------------------------------------------------------------------------------------


def _letter(life):
    world, head, rng, slot = life.world, life.head, life.rng, life.slot
    factions = world.factions_of(rng)
    lead = factions[0]
    by_office = lead.short_name not in FACTION_LOGINS
    author = world.author(lead)
    committee = slot.committee.short_name
    life.route = _route(life, committee)
    addressed = life.deciding if life.route == "preliminary" else committee
    texts = _texts(life, addressed)
    filed = head.filed
    received = filed.date() - days(rng, 0, 1 if rng.random() < SHARES["by_post"] else 0)
    created = filed - datetime.timedelta(minutes=rng.randint(5, 40))
    if not by_office:
        created = filed - days(rng, 1, 6) - datetime.timedelta(hours=rng.randint(0, 5))
    sitting = world.sitting_at(slot) if life.route == "direct" else None
    life.paper = Paper(
        body=world.body,
        paper_type=head.paper_type,
        place=PLACE,
        committee_id=world.organizations[addressed].pk,
        request_text=request_text(head.paper_type, sitting),
        report_kind=_report_kind(life),
        target_meeting_id=sitting.pk if sitting else None,
        filing_deadline=sitting.deadline if sitting else None,
        is_public=head.kind != "closed",
        entered_on_behalf=by_office,
        received_on=received if by_office else None,
        letter_date=received - days(rng, 1, 3) if by_office else None,
        created_by=author,
        state=PaperState.DRAFT,
        created=created,
        modified=created,
        **{key: value for key, value in texts.items() if key != "questions"},
    )
    life.questions = [
        Question(paper=life.paper, order=order, text=text)
        for order, text in enumerate(texts.get("questions", []), start=1)
    ]
    _sponsors(life, factions, created, by_office)


def _route(life, committee):
    """The way through the committees: "report" (the motion asks only for a report),
    "preliminary" (consulted here, decided by the council or the main committee), "direct", or
    "inquiry" (answered by the administration)."""
    world, rng = life.world, life.rng
    life.deciding = None
    if life.head.kind == "inquiry":
        return "inquiry"
    if life.head.kind == "motion" and rng.random() < SHARES["report_only"]:
        return "report"
    deciding = [short for short in SETTINGS["deciding"] if short in world.tier(life.slot.tier)]
    deciding = [short for short in deciding if short != committee]
    if life.head.kind == "motion" and deciding and rng.random() < SHARES["preliminary"]:
        life.deciding = rng.choice(deciding)
        return "preliminary"
    return "direct"


def _texts(life, addressed):
    world, rng = life.world, life.rng
    field = world.field(rng, life.slot.committee.short_name)
    year, dative = life.head.filed.year, world.dative(addressed)
    if life.head.kind == "inquiry":
        return world.vocabulary.inquiry(rng, field, year, dative)
    if life.head.kind == "closed":
        return world.vocabulary.closed_matter(rng, year, dative)
    texts = world.vocabulary.motion(rng, field, year, dative)
    if life.route == "report":
        # A motion that asks for a report asks the administration something, too.
        questions = world.vocabulary.inquiry(rng, field, year, dative)
        texts.update(questions_intro=questions["questions_intro"], questions=questions["questions"])
    return texts


def _report_kind(life):
    if life.route == "inquiry":
        return ReportKind.WRITTEN
    if life.route == "report":
        return life.rng.choice([ReportKind.WRITTEN, ReportKind.ORAL, ReportKind.WRITTEN_AND_ORAL])
    return ReportKind.NONE


def _sponsors(life, factions, created, by_office):
    """The lead agrees by writing (not when the office enters its letter); a partner with a
    login of its own agrees to the text before it is filed; the faction chairs sign."""
    world, rng, paper = life.world, life.rng, life.paper
    author = paper.created_by
    life.create(created)
    if life.head.draft and rng.random() < SHARES["edited"]:
        life.edit(created + datetime.timedelta(hours=2))
    for order, faction in enumerate(factions):
        agreed = order == 0 and not by_office
        sponsorship = Sponsorship(
            paper=paper,
            faction=faction,
            is_lead=order == 0,
            agreed_at=created if agreed else None,
            agreed_by=author if agreed else None,
        )
        life.sponsorships.append(sponsorship)
        person, function = world.signers[faction.short_name]
        life.signatories.append(
            Signatory(paper=paper, person_id=person, function=function, order=order)
        )
        if order and faction.short_name in FACTION_LOGINS and not by_office:
            if life.head.draft and rng.random() < 0.5:
                continue  # the partner has not agreed yet
            life.agree(
                created + (life.head.filed - created) / 2, sponsorship, world.author(faction)
            )


def _urgency(life):
    """A late motion is filed as urgent now and then, with the reason the rules require."""
    slot, head = life.slot, life.head
    late = life.route == "direct" and head.filed > slot.deadline
    return RESOLUTIONS["urgency"] if late and life.rng.random() < SHARES["urgent"] else ""


# The route ---------------------------------------------------------------------------------------


def _sit(life, committee, role, after, first=None):
    """Put the paper on the agenda of the committee's next meeting with room (its own slot
    first); returns the moment of its consultation there."""
    world = life.world
    sitting = world.sitting_at(first) if first else None
    if sitting is None or not sitting.has_room() or sitting.start <= after:
        sitting = world.next_sitting(committee, after + datetime.timedelta(days=3))
    if sitting is None:
        raise Today  # no meeting left in the calendar: the paper waits
    at = max(
        at_hour(after + datetime.timedelta(days=1), 10),
        at_hour(sitting.start, 10) - days(life.rng, 8, 14),
    )
    at = min(at, sitting.start - datetime.timedelta(hours=2))
    life.schedule(sitting, at, role)
    return sitting.start + datetime.timedelta(minutes=life.rng.randrange(20, 150, 5))


def _resolution(life, outcome, committee):
    vote = life.rng.choice(RESOLUTIONS["votes"]).format(against=life.rng.randint(2, 9))
    return RESOLUTIONS[outcome].format(organ=life.world.organ(committee), vote=vote)


def _motion(life):
    rng, head, committee = life.rng, life.head, life.slot.committee.short_name
    if life.route == "report":
        requested = at_hour(head.filed + days(rng, 2, 10), 9)
        life.request_report(requested, requested.date() + days(rng, 30, 90))
        _answered(life, requested)
        return
    if rng.random() < SHARES["withdrawn"]:
        life.withdraw(
            at_hour(head.filed + days(rng, 2, 20), 12), "Die Fraktion zieht den Antrag zurück."
        )
        return
    if life.route == "preliminary":
        life.plan([(committee, Role.PRELIMINARY), (life.deciding, Role.DECISION)], head.filed)
        moment = _consult(life, committee, Role.PRELIMINARY, head.filed, first=life.slot)
        outcome = choose(rng, OUTCOMES["recommendation"])
        life.decide(moment, outcome, _resolution(life, outcome, committee))
        committee = life.deciding
        moment = _consult(life, committee, Role.DECISION, moment)
    else:
        moment, committee = _consult_or_refer(life, committee, head.filed)
        if moment is None:
            return
    outcome = choose(rng, OUTCOMES["decision"])
    life.decide(moment, outcome, _resolution(life, outcome, committee))
    _afterwards(life, moment, outcome)


def _consult(life, committee, role, after, first=None):
    """Schedule the paper, and postpone it at the meeting now and then; returns the moment of
    the consultation that records a result."""
    moment = _sit(life, committee, role, after, first)
    if life.rng.random() < SHARES["postponed"]:
        life.postpone(moment, "Auf Antrag einer Fraktion vertagt: Beratungsbedarf.")
        moment = _sit(life, committee, role, moment)
    return moment


def _consult_or_refer(life, committee, after):
    """A motion decided by the committee it is addressed to: postponed, referred to another
    committee, or withdrawn at the meeting now and then. Returns (moment, deciding committee),
    or (None, None) if it was withdrawn."""
    rng = life.rng
    moment = _consult(life, committee, Role.DECISION, after, first=life.slot)
    others = [short for short in life.world.referral_targets(life.slot.tier) if short != committee]
    if life.head.kind == "motion" and others and rng.random() < SHARES["referred"]:
        target = rng.choice(others)
        life.refer(moment, target)
        return _consult(life, target, Role.DECISION, moment), target
    if rng.random() < SHARES["withdrawn_at_item"]:
        life.withdraw(moment, "In der Sitzung zurückgezogen.")
        return None, None
    return moment, committee


def _afterwards(life, decided, outcome):
    """After the decision: the administration's report on an adopted motion, and done."""
    rng = life.rng
    later = at_hour(decided + days(rng, 20, 120), 11)
    if outcome in (Outcome.ADOPTED, Outcome.ADOPTED_AMENDED):
        chance = rng.random()
        if chance < SHARES["report_after_adoption"]:
            requested = at_hour(decided + days(rng, 1, 3), 9)
            life.request_report(requested, requested.date() + days(rng, 30, 120))
            _answered(life, requested)
        elif chance < SHARES["report_after_adoption"] + SHARES["closed_after_adoption"]:
            life.close(later, "Der Beschluss ist umgesetzt.")
    elif rng.random() < SHARES["closed_otherwise"]:
        life.close(later)


def _answered(life, requested):
    """The report comes in around its due date (on time mostly), and is presented."""
    rng, due = life.rng, life.paper.report_due
    on_time = rng.random() < SHARES["on_time"]
    day = due - days(rng, 0, 20) if on_time else due + days(rng, 1, 25)
    answered = datetime.datetime.combine(day, datetime.time(14), requested.tzinfo)
    received = max(requested + datetime.timedelta(days=2), answered)
    life.receive_report(received)
    life.close(at_hour(received + days(rng, 10, 40), 11), "Bericht zur Kenntnis genommen.")


def _inquiry(life):
    """The administration answers in writing; or the committee takes note of the answer given
    in its meeting, which ends the inquiry's route."""
    rng, paper = life.rng, life.paper
    if rng.random() < SHARES["answered_in_meeting"]:
        after = life.head.filed + days(rng, 14, 21)
        moment = _sit(life, life.slot.committee.short_name, Role.NOTICE, after)
        text = _resolution(life, Outcome.TAKEN_NOTE, life.slot.committee.short_name)
        life.decide(moment, Outcome.TAKEN_NOTE, text)
        if rng.random() < 0.8:
            life.close(at_hour(moment + days(rng, 5, 30), 11), "Die Anfrage ist beantwortet.")
        return
    requested = at_hour(life.head.filed + days(rng, 1, 3), 9)
    life.request_report(requested, paper.report_due)
    _answered(life, requested)
