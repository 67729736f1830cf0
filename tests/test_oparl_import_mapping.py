import pytest

from council.models import AgendaResult, OrganizationKind, Role
from motions.models import Consultation, PaperType
from oparl_import import mapping


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Antrag", PaperType.MOTION),
        ("Dringlichkeitsantrag", PaperType.MOTION),
        ("Anfrage", PaperType.INQUIRY),
        ("Änderungsantrag", PaperType.AMENDMENT),
        ("Beantwortung einer Anfrage", PaperType.MOTION),
        ("Beschlussvorlage", PaperType.MOTION),
        (None, PaperType.MOTION),
    ],
)
def test_paper_types_map_onto_ratsfadens_types(source, expected):
    assert mapping.paper_type(source) == expected


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ("einstimmig beschlossen", (AgendaResult.ADOPTED, True)),
        ("Geändert beschlossen", (AgendaResult.ADOPTED_AMENDED, False)),
        ("mehrheitlich abgelehnt", (AgendaResult.REJECTED, False)),
        ("zur Kenntnis genommen", (AgendaResult.TAKEN_NOTE, False)),
        ("erledigt", ("", False)),
        (["beschlossen"], (AgendaResult.ADOPTED, False)),
    ],
)
def test_free_text_results_map_onto_outcomes(result, expected):
    assert mapping.agenda_result(result) == expected


def test_organisation_kinds_come_from_type_and_classification():
    assert mapping.organization_kind({"organizationType": "Fraktion"}) == OrganizationKind.FACTION
    assert mapping.organization_kind({"classification": "Parlament"}) == OrganizationKind.COUNCIL
    assert mapping.organization_kind({"organizationType": "Gremium"}) == OrganizationKind.COMMITTEE
    assert mapping.organization_kind({}) == OrganizationKind.OTHER


def test_a_chair_of_a_faction_is_its_faction_chair():
    assert mapping.membership_role("Vorsitzende", OrganizationKind.FACTION) == Role.FACTION_CHAIR
    assert (
        mapping.membership_role("stellv. Vorsitzender", OrganizationKind.COMMITTEE)
        == Role.DEPUTY_CHAIR
    )


def test_only_a_decision_is_authoritative():
    assert mapping.consultation_role("Vorberatung", True) == (Consultation.Role.PRELIMINARY, False)
    assert mapping.consultation_role("Beschlussfassung", True) == (Consultation.Role.DECISION, True)


def test_unreadable_dates_are_none_and_bare_dates_midnight():
    assert mapping.date("31.12.2024") is None
    assert mapping.date("2024-12-31T10:00:00+01:00").isoformat() == "2024-12-31"
    assert mapping.datetime_("2024-12-31").hour == 0
    assert mapping.datetime_(12) is None
