"""What the letter form offers to choose from."""

import datetime

import pytest

from council.models import Role
from motions.forms import PaperForm, question_formset
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_signatories_offered_are_all_faction_chairs_and_the_own_factions_members(
    spd_staff, spd, gruene, body
):
    spd_member = f.MembershipFactory(organization=spd, role=Role.MEMBER).person
    gruene_chair = f.MembershipFactory(organization=gruene, role=Role.FACTION_CHAIR).person
    gruene_member = f.MembershipFactory(organization=gruene, role=Role.MEMBER).person

    offered = set(PaperForm(user=spd_staff, body=body).fields["signers"].queryset)

    assert {spd_member, gruene_chair} <= offered
    assert gruene_member not in offered


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
