"""Every role knows where it is: "My area" says what a member's role is for and lists its tasks.

Partner and Unternehmen accounts do not manage the process: instead of a table with one row they see
their open survey invitation (with its personal link), what the process holds about their organisation,
the next dates they may see and the published analysis. While the second factor is pending, the top bar
offers no links the user cannot open.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from standortkompass.processes.models import ContactPerson, Event, EventKind, Organisation, Visibility
from surveys.test_answering import make_survey

AREA = "/verwaltung/"


def _organisation_of(user, process, name="Muster Maschinenbau GmbH") -> ContactPerson:
    organisation = Organisation.objects.create(
        process=process, name=name, type="company", city="Ludwigsburg", postal_code="71634", sector_section="C"
    )
    return ContactPerson.objects.create(
        organisation=organisation,
        name=user.full_name,
        email=user.email.upper(),  # matched without regard to case
        consent_to_contact=True,
        consent_scope="Unternehmensbefragung",
    )


def _invitation(survey, contact):
    from standortkompass.surveys.models import SurveyInvitation
    from standortkompass.surveys.tokens import invitation_token, invitation_token_hash, new_invitation_key

    key = new_invitation_key()
    SurveyInvitation.objects.create(
        survey=survey,
        key=key,
        token_hash=invitation_token_hash(invitation_token(key)),
        contact=contact,
        organisation=contact.organisation,
        email=contact.email,
    )
    return invitation_token(key)


def test_a_company_sees_its_role_its_survey_link_and_its_organisation(client_for, users, process):
    contact = _organisation_of(users["company"], process)
    survey = make_survey(process)
    token = _invitation(survey, contact)

    html = client_for("company").get(AREA).content.decode()

    assert "Ihre Rolle: Unternehmen." in html
    assert "Unternehmensbefragung" in html  # what the role is for
    assert f"An der Befragung „{survey.title}“ teilnehmen" in html
    assert f'href="/befragung/{survey.slug}/einladung/{token}/"' in html
    assert "Prüfen Sie, was der Prozess über Muster Maschinenbau GmbH gespeichert hat" in html
    assert "71634 Ludwigsburg" in html
    assert "<table" not in html  # no management table with a single row
    # The survey comes first: it asks for action.
    assert html.index("An der Befragung") < html.index("Prüfen Sie")


def test_the_personal_link_of_the_area_opens_the_survey(client_for, users, process):
    contact = _organisation_of(users["company"], process)
    survey = make_survey(process)
    _invitation(survey, contact)
    client = client_for("company")
    link = re.search(r'href="(/befragung/[^"]+/einladung/[^"]+/)"', client.get(AREA).content.decode())

    assert link is not None
    response = client.get(link.group(1))

    assert response.status_code == 302


def test_an_answered_survey_is_shown_as_done_without_a_link(client_for, users, process):
    contact = _organisation_of(users["company"], process)
    survey = make_survey(process)
    token = _invitation(survey, contact)
    survey.invitations.update(completed=True)

    html = client_for("company").get(AREA).content.decode()

    assert f"Sie haben an „{survey.title}“ teilgenommen. Vielen Dank." in html
    assert "Erledigt:" in html
    assert token not in html


def test_a_partner_sees_the_next_public_dates_but_no_board_dates(client_for, users, process):
    soon = timezone.now() + dt.timedelta(days=5)
    Event.objects.create(process=process, title="Strategiewerkstatt", kind=EventKind.WORKSHOP, start=soon)
    Event.objects.create(
        process=process,
        title="Lenkungskreis intern",
        kind=EventKind.BOARD_MEETING,
        start=soon,
        visibility=Visibility.BOARD,
    )
    Event.objects.create(
        process=process, title="Auftakt", kind=EventKind.INFORMATION, start=soon - dt.timedelta(days=30)
    )

    html = client_for("partner").get(AREA).content.decode()

    assert "Ihre Rolle: Partner." in html
    assert "Die nächsten Termine" in html
    assert "Strategiewerkstatt" in html
    assert "Lenkungskreis intern" not in html
    assert "Auftakt" not in html  # over


def test_a_board_member_sees_the_board_dates_with_their_page(client_for, process):
    Event.objects.create(
        process=process,
        title="Lenkungskreis intern",
        kind=EventKind.BOARD_MEETING,
        start=timezone.now() + dt.timedelta(days=3),
        visibility=Visibility.BOARD,
    )

    html = client_for("board").get(AREA).content.decode()

    assert "Lenkungskreis intern" in html
    assert f'href="/verwaltung/{process.pk}/gremientermine/"' in html


def test_a_member_with_nothing_to_do_is_told_so(client_for):
    html = client_for("partner").get(AREA).content.decode()

    assert "Im Moment ist nichts für Sie zu tun." in html


def test_the_organisation_data_is_escaped(client_for, users, process):
    _organisation_of(users["company"], process, name='<script>alert("x")</script> GmbH')

    html = client_for("company").get(AREA).content.decode()

    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html


def test_another_persons_organisation_and_invitation_are_not_shown(client_for, users, process):
    contact = _organisation_of(users["partner"], process, name="Stadt Asperg")
    _invitation(make_survey(process), contact)

    html = client_for("company").get(AREA).content.decode()

    assert "Stadt Asperg" not in html
    assert "/einladung/" not in html


@pytest.mark.parametrize("role", ["admin", "editor"])
def test_the_agency_keeps_its_table_of_processes(client_for, process, role):
    html = client_for(role).get(AREA).content.decode()

    assert "<table" in html
    assert "Ihre Rolle:" not in html


def test_while_the_second_factor_is_pending_the_top_bar_offers_no_closed_areas(users, settings):
    settings.REQUIRE_SECOND_FACTOR = True
    client = Client()
    client.force_login(users["admin"])  # password given, second factor not yet

    html = client.get("/").content.decode()

    assert 'href="/verwaltung/"' not in html
    assert 'href="/konto/"' not in html
    assert 'href="/konto/abmelden/"' in html


def test_after_the_second_factor_the_top_bar_offers_the_areas(client_for):
    html = client_for("admin").get("/").content.decode()

    assert 'href="/verwaltung/"' in html
