"""What the letter form offers to choose from."""

import datetime

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from council.models import Role
from motions.forms import PaperForm, question_formset
from motions.models import Paper
from tests import factories as f

pytestmark = pytest.mark.django_db


def offered_signers(form):
    """{group label: [person id, ...]} as the form shows the signatory choices."""
    return {
        group: [value for value, _label in options]
        for group, options in form.fields["signers"].widget.choices
    }


def member(faction, role=Role.MEMBER, **person):
    return f.MembershipFactory(
        person=f.PersonFactory(body=faction.body, **person), organization=faction, role=role
    ).person


def test_a_new_paper_offers_the_members_of_the_users_own_faction_to_sign(
    spd_staff, spd, gruene, body
):
    spd_chair = member(spd, Role.FACTION_CHAIR)
    spd_member = member(spd)
    member(gruene, Role.FACTION_CHAIR)

    offered = offered_signers(PaperForm(user=spd_staff, body=body))

    assert offered == {spd.name: [spd_chair.pk, spd_member.pk]}


def test_faction_staff_are_not_offered_to_sign(spd_staff, spd, body):
    offered = offered_signers(PaperForm(user=spd_staff, body=body))

    assert spd_staff.person.pk not in offered.get(spd.name, [])


def test_a_saved_joint_paper_offers_the_members_of_its_factions_lead_first(
    spd_staff, gruene_staff, spd, gruene, b2, body
):
    spd_chair = member(spd, Role.FACTION_CHAIR)
    gruene_chair = member(gruene, Role.FACTION_CHAIR)
    paper = f.draft(committee=b2, by=gruene_staff, factions=[gruene, spd])

    offered = offered_signers(PaperForm(instance=paper, user=spd_staff, body=body))

    assert list(offered.items()) == [(gruene.name, [gruene_chair.pk]), (spd.name, [spd_chair.pk])]


def test_the_co_sponsors_chosen_in_the_form_are_offered_before_saving(
    spd_staff, spd, gruene, b2, body
):
    spd_chair = member(spd, Role.FACTION_CHAIR)
    gruene_chair = member(gruene, Role.FACTION_CHAIR)
    data = {"lead_faction": str(spd.pk), "co_sponsors": [str(gruene.pk)], "committee": b2.pk}

    offered = offered_signers(
        PaperForm(QueryDict(urlencode(data, doseq=True)), user=spd_staff, body=body)
    )

    assert offered == {spd.name: [spd_chair.pk], gruene.name: [gruene_chair.pk]}


def test_council_office_is_offered_every_factions_members_before_choosing(
    office, spd, gruene, body
):
    spd_chair = member(spd, Role.FACTION_CHAIR)
    gruene_chair = member(gruene, Role.FACTION_CHAIR)

    offered = offered_signers(PaperForm(user=office, body=body))

    assert offered == {spd.name: [spd_chair.pk], gruene.name: [gruene_chair.pk]}


def test_council_office_is_offered_the_chosen_factions_members(office, spd, gruene, b2, body):
    member(spd, Role.FACTION_CHAIR)
    gruene_chair = member(gruene, Role.FACTION_CHAIR)

    form = PaperForm(QueryDict(f"lead_faction={gruene.pk}"), user=office, body=body)

    assert offered_signers(form) == {gruene.name: [gruene_chair.pk]}


def test_signatories_are_offered_in_german_alphabetical_order(spd_staff, spd, body):
    kuhn = member(spd, family_name="Kuhn")
    koenig = member(spd, family_name="König")
    koehler = member(spd, family_name="Köhler")

    offered = offered_signers(PaperForm(user=spd_staff, body=body))

    assert offered[spd.name] == [koehler.pk, koenig.pk, kuhn.pk]


def test_a_chosen_signatory_of_a_faction_no_longer_originating_stays_visible_to_be_removed(
    spd_staff, spd, gruene, b2, body
):
    gruene_chair = member(gruene, Role.FACTION_CHAIR)
    data = {"lead_faction": str(spd.pk), "signers": [str(gruene_chair.pk)]}

    form = PaperForm(QueryDict(urlencode(data, doseq=True)), user=spd_staff, body=body)

    assert offered_signers(form)["Nicht Mitglied der antragstellenden Fraktionen"] == [
        gruene_chair.pk
    ]
    assert form.errors["signers"][0].startswith("Unterzeichnen können nur Mitglieder")


def test_signatories_are_grouped_by_faction_in_fieldsets(spd_staff, spd, body):
    member(spd, Role.FACTION_CHAIR, given_name="Daniel", family_name="Molloisch")

    html = str(PaperForm(user=spd_staff, body=body)["signers"].as_field_group())

    assert f'<fieldset class="choice-group"><legend>{spd.name}</legend>' in html
    assert "Daniel Molloisch" in html


def test_a_new_paper_is_dated_today(spd_staff, body):
    form = PaperForm(instance=Paper(body=body), user=spd_staff, body=body)

    assert form["letter_date"].value() == timezone.localdate()


def test_the_new_paper_form_shows_todays_date(client, spd_staff, body):
    client.force_login(spd_staff)

    page = client.get(reverse("motions:create")).content.decode()

    assert f'name="letter_date" value="{timezone.localdate():%Y-%m-%d}"' in page


def test_a_saved_draft_keeps_its_letter_date(spd_staff, spd, b2, body):
    paper = f.draft(
        committee=b2, by=spd_staff, factions=[spd], letter_date=datetime.date(2021, 3, 30)
    )

    form = PaperForm(instance=paper, user=spd_staff, body=body)

    assert form["letter_date"].value() == datetime.date(2021, 3, 30)


def test_faction_staff_may_only_file_for_their_own_faction(spd_staff, spd, gruene, body):
    choices = list(PaperForm(user=spd_staff, body=body).fields["lead_faction"].queryset)

    assert choices == [spd]


def test_only_upcoming_meetings_are_offered_as_target(spd_staff, b2, body):
    past = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2020, 1, 1, 17, tzinfo=f.BERLIN)
    )
    future = f.MeetingFactory(
        body=body, organizations=[b2], start=datetime.datetime(2099, 1, 1, 17, tzinfo=f.BERLIN)
    )

    offered = [
        value
        for value, _label in PaperForm(user=spd_staff, body=body)
        .fields["target_meeting"]
        .widget.choices
    ]

    assert future.pk in offered
    assert past.pk not in offered


def test_staff_of_one_faction_are_not_offered_it_as_its_own_co_sponsor(
    spd_staff, spd, gruene, body
):
    offered = list(PaperForm(user=spd_staff, body=body).fields["co_sponsors"].queryset)

    assert offered == [gruene]


def test_a_question_formset_with_a_malformed_count_keeps_the_rows_sent_and_says_so():
    data = {
        "questions-TOTAL_FORMS": "-1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-text": "Warum?",
        "questions-1-text": "Wann?",
    }

    questions = question_formset(data)

    assert not questions.is_valid()
    assert [form["text"].value() for form in questions] == ["Warum?", "Wann?"]
    assert [e.code for e in questions.non_form_errors().as_data()] == ["malformed"]


def test_a_sound_question_formset_has_no_error():
    data = {"questions-TOTAL_FORMS": "1", "questions-INITIAL_FORMS": "0", "questions-0-text": "?"}

    assert question_formset(data).is_valid()


@pytest.mark.parametrize("value", [str(2**63), "9" * 5000, "٣", "1.0", " 1", "\x00"])
def test_an_impossible_id_is_an_invalid_choice_of_a_co_sponsor(spd_staff, spd, gruene, body, value):
    form = PaperForm({"co_sponsors": [value]}, user=spd_staff, body=body)

    form.is_valid()

    assert [e.code for e in form.errors.as_data()["co_sponsors"]] == ["invalid_choice"]


def test_a_real_id_is_a_valid_choice_of_a_co_sponsor(spd_staff, spd, gruene, body):
    form = PaperForm({"co_sponsors": [str(gruene.pk)]}, user=spd_staff, body=body)

    form.is_valid()

    assert "co_sponsors" not in form.errors
