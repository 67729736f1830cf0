"""Logging in, and the throttle on failed logins."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR="203.0.113.7"
    )


def test_staff_can_log_in_with_the_right_password(client, body):
    f.UserFactory(username="spd")

    response = attempt(client, "spd", "test-password")

    assert response.status_code == 302
    assert response.wsgi_request.user.is_authenticated


def test_wrong_password_shows_the_form_again_with_an_error(client, body):
    f.UserFactory(username="spd")

    response = attempt(client, "spd", "falsch")

    assert response.status_code == 400
    assert "Passwort eingeben" in response.content.decode()


def test_five_failed_logins_lock_the_account_even_for_the_right_password(client, body):
    f.UserFactory(username="spd")
    for _ in range(5):
        attempt(client, "spd", "falsch")

    response = attempt(client, "spd", "test-password")

    assert response.status_code == 429
    assert "vorübergehend gesperrt" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_lockout_does_not_affect_another_user(client, body):
    f.UserFactory(username="spd")
    f.UserFactory(username="cdu")
    for _ in range(5):
        attempt(client, "spd", "falsch")

    response = attempt(client, "cdu", "test-password")

    assert response.status_code == 302


def test_logout_is_a_post_and_ends_the_session(client, spd_staff):
    client.force_login(spd_staff)

    client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username", ["x" * 300, "9" * 5000])
def test_a_user_name_longer_than_any_is_refused_before_it_is_looked_up(client, body, username):
    response = attempt(client, username, "falsch")

    assert response.status_code == 400
    assert "höchstens 150 Zeichen" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_the_admin_login_refuses_a_user_name_longer_than_any(client, body):
    response = client.post(
        "/verwaltung/login/",
        {"username": "x" * 300, "password": "falsch"},
        REMOTE_ADDR="203.0.113.7",
    )

    assert response.status_code == 200
    assert "höchstens 150 Zeichen" in response.content.decode()
    assert not AccessAttempt.objects.exists()
