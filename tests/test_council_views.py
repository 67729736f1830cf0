import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_citizen_sees_a_public_agenda_items_title(client, b2_meeting):
    item = f.AgendaItemFactory(meeting=b2_meeting, title="Neubau Kita Nord", public=True)

    response = client.get(b2_meeting.get_absolute_url())

    assert item.title in response.content.decode()


def test_citizen_sees_only_number_of_a_nonpublic_agenda_item(client, b2_meeting):
    f.AgendaItemFactory(meeting=b2_meeting, number="N 2", title="Grundstücksverkauf Am Markt 3", public=False)

    response = client.get(b2_meeting.get_absolute_url())

    page = response.content.decode()
    assert "N 2" in page
    assert "Grundstücksverkauf" not in page
    assert "nicht öffentlich" in page


def test_chair_sees_the_title_of_a_nonpublic_item_of_their_committee(client, b2_chair, b2_meeting):
    f.AgendaItemFactory(meeting=b2_meeting, title="Grundstücksverkauf Am Markt 3", public=False)
    client.force_login(b2_chair)

    response = client.get(b2_meeting.get_absolute_url())

    assert "Grundstücksverkauf" in response.content.decode()
