from django.urls import reverse

from portal.models import AccessibilityStatement
from tests import factories as f


def test_the_office_writes_the_statement_in_the_admin(client, body):
    office = f.council_office_user(username="office-admin", is_staff=True)
    client.force_login(office)

    response = client.post(
        reverse("admin:portal_accessibilitystatement_add"),
        {
            "body": body.pk,
            "conformance": "Vollständig vereinbar.",
            "non_accessible": "",
            "enforcement": "Ombudsstelle",
            "prepared_on": "2026-11-01",
        },
    )

    assert response.status_code == 302
    assert "Vollständig vereinbar." in client.get(reverse("portal:accessibility")).content.decode()


def test_staff_outside_the_office_cannot_edit_the_statement(client, body):
    client.force_login(f.UserFactory(username="staff", is_staff=True))

    response = client.get(reverse("admin:portal_accessibilitystatement_add"))

    assert response.status_code == 403
    assert AccessibilityStatement.objects.count() == 0
