"""The distribution pages as the Redaktion uses them, and the public opt-out page.

Roles and refusals per URL are in the permission matrix (tests/surveys/permission_access.py).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import Indicator, Observation
from standortkompass.surveys.models import MailKind, MailTemplate, MailWave, SurveyInvitation, WaveStatus
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create
from standortkompass.surveys.services.waves import wave_schedule
from standortkompass.surveys.tokens import invitation_token
from surveys.forms import xlsx
from surveys.test_distribution import _company, _contact
from surveys.test_distribution import survey as survey


@pytest.fixture
def contacts(process, regions):
    alpha = _company(process, "Alpha GmbH", size="0-9", section="C", municipality=regions["08118048"])
    beta = _company(process, "Beta AG", size="50-249", section="G", municipality=regions["08118003"])
    return {
        "anna": _contact(alpha, "Anna Alpha", "anna@alpha.example"),
        "bert": _contact(beta, "Bert Beta", "bert@beta.example"),
        "nina": _contact(beta, "Nina Ohne", "nina@beta.example", consent=False),
    }


def _url(name, survey, **kwargs):
    return reverse(f"surveys_manage:{name}", kwargs={"process_pk": survey.process_id, "survey_pk": survey.pk, **kwargs})


def test_the_redaktion_invites_from_the_registry_and_sends_the_invitation_wave(survey, contacts, client_for):
    client = client_for("editor")
    assert client.get(_url("distribution", survey)).status_code == 200

    created = client.post(_url("distribution_invitations_create", survey))

    assert created.status_code == 302
    assert created["Location"] == _url("distribution_invitations", survey)
    assert sorted(SurveyInvitation.objects.filter(survey=survey).values_list("email", flat=True)) == [
        "anna@alpha.example",
        "bert@beta.example",
    ]
    listing = client.get(_url("distribution_invitations", survey)).content.decode()
    assert "Alpha GmbH" in listing
    assert "Nina" not in listing

    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    scheduled = client.post(_url("distribution_wave_schedule", survey), {"kind": "invitation", "scheduled_at": now})

    assert scheduled.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["anna@alpha.example", "bert@beta.example"]
    wave = MailWave.objects.get(survey=survey)
    assert (wave.status, wave.sent_count) == (WaveStatus.DONE, 2)
    assert SurveyInvitation.objects.filter(survey=survey, invited_at__isnull=False).count() == 2


def test_the_dashboard_shows_rates_by_group_and_the_register_figures(survey, contacts, client_for, regions):
    for code, value in {"local_units": 22671, "local_units_0_to_10": 19450, "local_units_10_to_50": 2526,
                        "local_units_50_to_250": 587, "local_units_250_plus": 108}.items():  # fmt: skip
        indicator = Indicator.objects.create(code=code, name=code)
        Observation.objects.create(indicator=indicator, region=regions["08118"], year=2021, value=value)
    client = client_for("editor")
    client.post(_url("distribution_invitations_create", survey))
    wave_schedule(survey=survey, kind=MailKind.INVITATION, scheduled_at=timezone.now(), actor=None)
    SurveyInvitation.objects.filter(email="bert@beta.example").update(started=True, completed=True)

    page = client.get(_url("distribution", survey)).content.decode()

    assert "Asperg, Stadt" in page
    assert "G – " in page
    assert "19.450" in page  # local units 0–9 employees, German number format
    assert '<meter class="rate-meter" min="0" max="100" value="50.0" aria-hidden="true"></meter> 50,0\u00a0%' in page
    # Bert completed: 1 of 587 local units with 50–249 employees.
    assert "0,17\u00a0%" in page


def test_without_register_figures_the_dashboard_says_so(survey, client_for):
    page = client_for("editor").get(_url("distribution", survey)).content.decode()

    assert "Ludwigsburg" in page
    assert "<meter" not in page


def test_a_template_with_an_unknown_placeholder_is_shown_again_and_not_saved(survey, client_for):
    client = client_for("editor")
    url = _url("distribution_template", survey, mail_kind="reminder")

    response = client.post(url, {"subject": "Erinnerung", "body": "{anrede} {vorname}\n{link}\n{abmelden}"})

    assert response.status_code == 200
    assert "{vorname}" in response.content.decode()
    assert not MailTemplate.objects.filter(survey=survey).exists()


def test_a_saved_template_is_used_for_the_preview_and_can_be_reset(survey, contacts, client_for):
    client = client_for("editor")
    client.post(_url("distribution_invitations_create", survey))
    url = _url("distribution_template", survey, mail_kind="invitation")
    saved = client.post(url, {"subject": "Bitte für {organisation}", "body": "{anrede},\nhier: {link}\n{abmelden}"})
    assert saved.status_code == 302

    preview = client.get(_url("distribution_preview", survey, mail_kind="invitation")).content.decode()

    anna = SurveyInvitation.objects.get(email="anna@alpha.example")
    assert "Bitte für Alpha GmbH" in preview
    assert "Guten Tag Anna Alpha," in preview
    assert f"/befragung/{survey.slug}/einladung/(" in preview
    assert invitation_token(anna.key) not in preview

    client.post(url, {"action": "reset"})
    assert not MailTemplate.objects.filter(survey=survey).exists()


def test_an_unknown_mail_kind_is_not_found(survey, client_for):
    response = client_for("editor").get(_url("distribution_template", survey, mail_kind="newsletter"))

    assert response.status_code == 404


def test_an_invitation_is_marked_undeliverable_with_its_reason(survey, contacts, client_for):
    client = client_for("editor")
    client.post(_url("distribution_invitations_create", survey))
    anna = SurveyInvitation.objects.get(email="anna@alpha.example")

    empty = client.post(_url("distribution_invitation_bounce", survey), {"invitation": anna.pk, "reason": " "})
    anna.refresh_from_db()
    assert empty.status_code == 302
    assert anna.bounced_at is None

    client.post(_url("distribution_invitation_bounce", survey), {"invitation": anna.pk, "reason": "550 User unknown"})

    anna.refresh_from_db()
    assert anna.bounced_at is not None
    assert anna.bounce_reason == "550 User unknown"
    assert "550 User unknown" in client.get(_url("distribution_invitations", survey)).content.decode()


def test_a_scheduled_wave_is_cancelled(survey, contacts, client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = client_for("editor")
    client.post(_url("distribution_invitations_create", survey))
    later = timezone.localtime() + dt.timedelta(days=2)
    client.post(
        _url("distribution_wave_schedule", survey),
        {"kind": "reminder", "scheduled_at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    wave = MailWave.objects.get(survey=survey)
    assert wave.status == WaveStatus.SCHEDULED

    client.post(_url("distribution_wave_cancel", survey), {"wave": wave.pk})

    wave.refresh_from_db()
    assert wave.status == WaveStatus.CANCELLED
    assert mail.outbox == []


def test_an_invalid_schedule_shows_the_dashboard_with_the_error(survey, client_for):
    response = client_for("editor").post(_url("distribution_wave_schedule", survey), {"kind": "invitation"})

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not MailWave.objects.exists()


def test_the_objects_of_another_process_are_not_found(survey, contacts, client_for, process, users):
    other_process = StrategyProcess.objects.create(slug="anderer", title="Anderer Prozess", region=process.region)
    version = questionnaire_import(process=other_process, data=xlsx(), filename="andere.xlsx")
    questionnaire_publish(version=version, actor=None)
    foreign = survey_create(process=other_process, questionnaire=version.questionnaire, actor=None)
    client = client_for("editor")
    foreign_url = reverse("surveys_manage:distribution", kwargs={"process_pk": process.pk, "survey_pk": foreign.pk})
    client.post(_url("distribution_invitations_create", survey))
    anna = SurveyInvitation.objects.get(email="anna@alpha.example")
    foreign_wave = MailWave.objects.create(survey=foreign, kind="invitation", scheduled_at=timezone.now())

    assert client.get(foreign_url).status_code == 404
    # An invitation or wave of another survey cannot be acted on through this survey.
    other_survey = survey_create(process=process, questionnaire=survey.questionnaire, actor=None)
    client.post(_url("distribution_invitation_bounce", other_survey), {"invitation": anna.pk, "reason": "x"})
    client.post(_url("distribution_wave_cancel", survey), {"wave": foreign_wave.pk})
    anna.refresh_from_db()
    foreign_wave.refresh_from_db()
    assert anna.bounced_at is None
    assert foreign_wave.status == WaveStatus.SCHEDULED


def test_the_opt_out_link_asks_first_and_then_records(survey, contacts, client_for):
    client_for("editor").post(_url("distribution_invitations_create", survey))
    anna = SurveyInvitation.objects.get(email="anna@alpha.example")
    url = reverse("survey:optout", kwargs={"survey_slug": survey.slug, "token": invitation_token(anna.key)})
    visitor = client_for("anonymous")

    asked = visitor.get(url)
    anna.refresh_from_db()
    assert asked.status_code == 200
    assert asked["Referrer-Policy"] == "no-referrer"
    assert anna.opted_out_at is None

    done = visitor.post(url)
    anna.refresh_from_db()
    assert done.status_code == 200
    assert anna.opted_out_at is not None
    assert 'method="post"' not in done.content.decode().split("<main", 1)[-1]


def test_an_unknown_opt_out_token_is_not_found(survey, client_for):
    url = reverse("survey:optout", kwargs={"survey_slug": survey.slug, "token": "unbekannt"})

    assert client_for("anonymous").get(url).status_code == 404
    assert client_for("anonymous").post(url).status_code == 404
