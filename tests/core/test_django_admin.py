"""The Django admin is for technical operators (is_staff) and also asks for the second factor."""

import pytest
from django.test import Client

from standortkompass.accounts.models import User


def _verified(user: User) -> Client:
    from conftest import verified_client

    return verified_client(user)


@pytest.mark.parametrize("role", ["admin", "editor", "board", "partner", "company", "outsider"])
def test_process_roles_without_staff_flag_are_sent_to_the_admin_login(client_for, role):
    response = client_for(role).get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_a_superuser_without_second_factor_is_not_let_into_the_admin(db):
    superuser = User.objects.create_superuser("root@example.org", "Ein-sehr-langes-Passwort-1")
    client = Client()
    client.force_login(superuser)

    response = client.get("/django-admin/")

    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_a_superuser_with_second_factor_sees_the_admin(db):
    superuser = User.objects.create_superuser("root@example.org", "Ein-sehr-langes-Passwort-1")

    response = _verified(superuser).get("/django-admin/")

    assert response.status_code == 200
