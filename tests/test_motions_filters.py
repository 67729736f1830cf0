"""The register's filter form, its sorts and its keyset pages, for citizens and staff."""

import datetime

import pytest
from django.urls import reverse

from tests import factories as f

BERLIN = f.BERLIN


def paper(committee, *, n, factions=(), **fields):
    """A submitted paper built directly (reference and time as submission leaves them)."""
    fields = {
        "reference": f"A/2026/{n:04d}",
        "submitted_at": datetime.datetime(2026, 1, 1, 9, 0, tzinfo=BERLIN)
        + datetime.timedelta(days=n),
        "state": "submitted",
        "title": f"Papier {n:04d}",
        **fields,
    }
    return f.PaperFactory(body=committee.body, committee=committee, factions=factions, **fields)


def listed(response):
    """The paper titles on the page, in the order shown."""
    content = response.content.decode()
    return [part.split("<", 1)[0] for part in content.split(">Papier ")[1:]]


@pytest.fixture
def register(b2, council, spd, gruene):
    return {
        "spd_b2": paper(b2, n=1, factions=[spd]),
        "gruene_council": paper(council, n=2, factions=[gruene], paper_type="inquiry"),
        "decided": paper(
            b2, n=3, factions=[spd], state="decided", outcome="adopted", title="Papier 0003"
        ),
        "old": paper(
            b2,
            n=4,
            factions=[spd],
            submitted_at=datetime.datetime(2025, 5, 1, tzinfo=BERLIN),
        ),
    }


def get(client, **params):
    return client.get(reverse("motions:list"), params)


def test_the_register_filters_by_type(client, register):
    assert listed(get(client, art="inquiry")) == ["0002"]


def test_the_register_filters_by_committee(client, register, council):
    assert listed(get(client, gremium=council.pk)) == ["0002"]


def test_the_register_filters_by_faction(client, register, gruene):
    assert listed(get(client, fraktion=gruene.pk)) == ["0002"]


def test_the_register_filters_by_state(client, register):
    assert listed(get(client, stand="decided")) == ["0003"]


def test_the_register_filters_by_year(client, register):
    assert listed(get(client, jahr="2025")) == ["0004"]


def test_the_register_sorts_newest_first_by_default(client, register):
    assert listed(get(client)) == ["0003", "0002", "0001", "0004"]


def test_the_register_sorts_by_reference(client, register):
    assert listed(get(client, sortierung="nummer")) == ["0001", "0002", "0003", "0004"]


def test_the_register_sorts_by_reference_descending(client, register):
    assert listed(get(client, sortierung="nummer-ab")) == ["0004", "0003", "0002", "0001"]


def test_the_register_keeps_the_chosen_filters_in_the_form(client, register, b2):
    content = get(client, gremium=b2.pk, jahr="2026").content.decode()

    assert f'<option value="{b2.pk}" selected>' in content
    assert 'name="jahr" value="2026"' in content


@pytest.mark.parametrize(
    "status, expected",
    [
        ("offen", ["0002", "0001"]),
        ("ueberfaellig", ["0001"]),
        ("fristgerecht", ["0003"]),
        ("verspaetet", ["0004"]),
    ],
)
def test_the_register_filters_by_report_status(client, b2, spd, status, expected):
    today = datetime.date.today()
    paper(
        b2,
        n=1,
        factions=[spd],
        state="report_requested",
        report_due=today - datetime.timedelta(days=1),
    )
    paper(
        b2,
        n=2,
        factions=[spd],
        state="report_requested",
        report_due=today + datetime.timedelta(days=9),
    )
    paper(
        b2,
        n=3,
        factions=[spd],
        state="report_received",
        report_due=datetime.date(2026, 3, 1),
        report_received_at=datetime.datetime(2026, 3, 1, 23, 30, tzinfo=BERLIN),
    )
    paper(
        b2,
        n=4,
        factions=[spd],
        state="report_received",
        report_due=datetime.date(2026, 3, 1),
        report_received_at=datetime.datetime(2026, 3, 2, 0, 30, tzinfo=BERLIN),
    )

    assert listed(get(client, bericht=status)) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"art": "nonsense"},
        {"gremium": "٣"},
        {"fraktion": "9" * 40},
        {"stand": "draft"},
        {"bericht": "<script>"},
        {"jahr": "99999"},
        {"jahr": "zwei"},
        {"sortierung": "pk; drop"},
        {"nach": "x"},
        {"nach": "999999"},
        {"nach": str(2**64)},
    ],
)
def test_a_bad_value_gives_the_whole_register_with_a_message(client, register, params):
    response = get(client, **params)

    assert response.status_code == 200
    assert 'class="message message--warning"' in response.content.decode()
    assert len(listed(response)) == 4


def test_a_citizen_never_sees_a_draft_or_a_non_public_paper(client, b2, spd):
    paper(b2, n=1, factions=[spd], title="Papier 0001")
    paper(b2, n=2, factions=[spd], is_public=False)
    f.PaperFactory(committee=b2, body=b2.body, factions=[spd], title="Papier 0003")

    assert listed(get(client, stand="submitted")) == ["0001"]


def test_faction_staff_see_their_non_public_paper_in_the_register(client, b2, spd, spd_staff):
    paper(b2, n=2, factions=[spd], is_public=False)
    client.force_login(spd_staff)

    assert listed(get(client)) == ["0002"]


def test_the_next_page_follows_the_last_paper_of_the_page(client, b2, spd, settings, monkeypatch):
    monkeypatch.setattr("motions.views.PAGE_SIZE", 2)
    papers = [paper(b2, n=n, factions=[spd]) for n in range(1, 6)]

    first = get(client)
    second = get(client, nach=papers[3].pk)
    last = get(client, nach=papers[1].pk)

    assert listed(first) == ["0005", "0004"]
    assert f"nach={papers[3].pk}" in first.content.decode()
    assert listed(second) == ["0003", "0002"]
    assert listed(last) == ["0001"]
    assert "Nächste Seite" not in last.content.decode()


def test_pages_sorted_by_reference_continue_in_that_order(client, b2, spd, monkeypatch):
    monkeypatch.setattr("motions.views.PAGE_SIZE", 2)
    papers = [paper(b2, n=n, factions=[spd]) for n in range(1, 6)]

    response = get(client, sortierung="nummer", nach=papers[1].pk)

    assert listed(response) == ["0003", "0004"]


def test_papers_with_the_same_time_are_paged_by_id(client, b2, spd, monkeypatch):
    monkeypatch.setattr("motions.views.PAGE_SIZE", 2)
    same = datetime.datetime(2026, 2, 1, 9, 0, tzinfo=BERLIN)
    papers = [paper(b2, n=n, factions=[spd], submitted_at=same) for n in range(1, 6)]

    seen = (
        listed(get(client))
        + listed(get(client, nach=papers[3].pk))
        + listed(get(client, nach=papers[1].pk))
    )

    assert seen == ["0005", "0004", "0003", "0002", "0001"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_register_runs_a_bounded_number_of_queries(
    client, b2, spd, gruene, count, django_assert_max_num_queries
):
    papers = [paper(b2, n=n, factions=[spd, gruene]) for n in range(1, count + 1)]

    with django_assert_max_num_queries(9):
        response = get(client, fraktion=spd.pk, bericht="offen", nach=papers[-1].pk)

    assert response.status_code == 200


def test_office_sees_every_paper_with_the_same_filters(client, b2, spd, office):
    paper(b2, n=1, factions=[spd], is_public=False)
    client.force_login(office)

    assert listed(get(client, gremium=b2.pk)) == ["0001"]


def test_an_imported_paper_is_never_overdue(client, b2):
    f.PaperFactory(
        body=b2.body,
        committee=b2,
        state="imported",
        reference="2019/117",
        submitted_at=datetime.datetime(2019, 11, 4, 9, 0, tzinfo=f.BERLIN),
        report_due=datetime.date(2020, 1, 31),
        title="Altlast",
    )

    assert "Altlast" not in client.get("/antraege/?bericht=ueberfaellig").text
