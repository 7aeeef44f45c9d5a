"""Survey distribution: invitations from the actors registry, mail templates, waves, opt-out, response rates."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone, translation

from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType
from standortkompass.regiondata.models import Indicator, Observation
from standortkompass.surveys.mail_defaults import placeholders_in
from standortkompass.surveys.models import (
    Anonymity,
    MailDelivery,
    MailKind,
    MailWave,
    Response,
    ResponseStatus,
    SurveyInvitation,
    WaveStatus,
)
from standortkompass.surveys.selectors.distribution import response_rates
from standortkompass.surveys.selectors.mail import mail_template_for
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.invitations import (
    SkipReason,
    invitation_add,
    invitation_mark_bounced,
    invitation_opt_out,
    invitations_create_from_registry,
)
from standortkompass.surveys.services.mail_templates import mail_template_save
from standortkompass.surveys.services.surveys import survey_create, survey_open
from standortkompass.surveys.services.wave_sending import wave_send
from standortkompass.surveys.services.waves import wave_cancel, wave_schedule
from standortkompass.surveys.tasks import send_mail_wave
from standortkompass.surveys.tokens import invitation_token, response_access_hash
from surveys.forms import xlsx


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    """The messages are checked by their English source text."""
    with translation.override("en"):
        yield


CONSENT = {
    "consent_to_contact": True,
    "consent_scope": "Einladungen zur Unternehmensbefragung",
    "consent_method": "email",
}


@pytest.fixture
def survey(process):
    version = questionnaire_import(process=process, data=xlsx(), filename="befragung.xlsx")
    questionnaire_publish(version=version, actor=None)
    created = survey_create(
        process=process,
        questionnaire=version.questionnaire,
        actor=None,
        title="Unternehmensbefragung 2026",
        closes_at=timezone.now() + dt.timedelta(days=30),
    )
    return survey_open(survey=created, actor=None)


def _company(process, name, *, size="10-49", section="C", municipality=None, type=OrganisationType.COMPANY):
    return Organisation.objects.create(
        process=process, name=name, type=type, size_class=size, sector_section=section, municipality=municipality
    )


def _contact(organisation, name, email, *, consent=True, opted_out=False):
    fields: dict[str, Any] = {}
    if consent:
        fields = {**CONSENT, "consent_given_at": timezone.now() - dt.timedelta(days=10)}
    return ContactPerson.objects.create(
        organisation=organisation,
        name=name,
        email=email,
        opted_out_at=timezone.now() - dt.timedelta(days=1) if opted_out else None,
        **fields,
    )


@pytest.fixture
def registry(process, regions):
    """Four companies, an association; contacts with and without consent, opted out, without e-mail."""
    ludwigsburg, asperg = regions["08118048"], regions["08118003"]
    alpha = _company(process, "Alpha GmbH", size="0-9", section="C", municipality=ludwigsburg)
    beta = _company(process, "Beta AG", size="10-49", section="G", municipality=asperg)
    gamma = _company(process, "Gamma KG", size="50-249", section="C", municipality=ludwigsburg)
    delta = _company(process, "Delta e.K.", size="", section="", municipality=None)
    verein = _company(process, "Handelsverein", type=OrganisationType.ASSOCIATION)
    return {
        "alpha": _contact(alpha, "Anna Alpha", "anna@alpha.example"),
        "beta": _contact(beta, "Bert Beta", "bert@beta.example"),
        "gamma": _contact(gamma, "Gina Gamma", "gina@gamma.example"),
        "delta": _contact(delta, "Dora Delta", "dora@delta.example"),
        "no_consent": _contact(beta, "Nina Ohne", "nina@beta.example", consent=False),
        "opted_out": _contact(gamma, "Otto Raus", "otto@gamma.example", opted_out=True),
        "no_email": _contact(alpha, "Emil Ohnemail", ""),
        "association": _contact(verein, "Vera Verein", "vera@verein.example"),
    }


@pytest.fixture
def invited(survey, registry):
    result = invitations_create_from_registry(survey=survey, actor=None)
    return {invitation.contact.email: invitation for invitation in result.created}


def _now_wave(survey, kind=MailKind.INVITATION):
    return wave_schedule(survey=survey, kind=kind, scheduled_at=timezone.now(), actor=None)


# --- invitations ---------------------------------------------------------------------------------


def test_registry_invitations_reach_only_company_contacts_who_may_be_contacted(survey, registry):
    result = invitations_create_from_registry(survey=survey, actor=None)

    assert sorted(invitation.email for invitation in result.created) == [
        "anna@alpha.example",
        "bert@beta.example",
        "dora@delta.example",
        "gina@gamma.example",
    ]
    assert result.skipped == {
        SkipReason.NO_CONSENT: [registry["no_consent"]],
        SkipReason.OPTED_OUT: [registry["opted_out"]],
        SkipReason.NO_EMAIL: [registry["no_email"]],
    }
    stored = SurveyInvitation.objects.get(survey=survey, contact=registry["beta"])
    assert stored.organisation == registry["beta"].organisation
    assert len(stored.token_hash) == 64
    assert stored.key not in stored.token_hash


def test_a_second_registry_run_skips_who_is_already_invited(survey, registry, invited):
    result = invitations_create_from_registry(survey=survey, actor=None)

    assert result.created == []
    assert len(result.skipped[SkipReason.ALREADY_INVITED]) == 4
    assert SurveyInvitation.objects.filter(survey=survey).count() == 4


def test_chosen_organisations_may_be_of_any_type_but_of_this_process_only(survey, registry, process):
    from standortkompass.processes.models import StrategyProcess

    other = StrategyProcess.objects.create(slug="anderer", title="Anderer", region=process.region)
    stranger = _contact(_company(other, "Fremd GmbH"), "Fritz Fremd", "fritz@fremd.example")
    association = registry["association"].organisation

    result = invitations_create_from_registry(
        survey=survey, actor=None, organisation_ids=[association.pk, stranger.organisation.pk]
    )

    assert [invitation.email for invitation in result.created] == ["vera@verein.example"]


def test_the_same_address_at_two_organisations_is_invited_once(survey, registry, process):
    _contact(_company(process, "Zweitfirma"), "Anna Alpha", "ANNA@alpha.example")

    result = invitations_create_from_registry(survey=survey, actor=None)

    assert len(result.created) == 4
    assert len(result.skipped[SkipReason.EMAIL_ALREADY_INVITED]) == 1


def test_adding_a_contact_without_consent_or_twice_is_refused(survey, registry):
    with pytest.raises(ValidationError, match="has not agreed"):
        invitation_add(survey=survey, contact=registry["no_consent"], actor=None)
    invitation_add(survey=survey, contact=registry["alpha"], actor=None)
    with pytest.raises(ValidationError, match="already invited"):
        invitation_add(survey=survey, contact=registry["alpha"], actor=None)


# --- templates -----------------------------------------------------------------------------------


def test_the_default_template_is_german_and_a_saved_one_replaces_it(survey):
    subject, body = mail_template_for(survey=survey, kind=MailKind.INVITATION)
    assert subject == "Ihre Meinung zählt: {befragung}"
    assert "{link}" in body
    assert "{abmelden}" in body

    mail_template_save(
        survey=survey,
        kind=MailKind.INVITATION,
        subject="Bitte mitmachen",
        body="{anrede},\n{link}\n{abmelden}",
        actor=None,
    )

    assert mail_template_for(survey=survey, kind=MailKind.INVITATION) == (
        "Bitte mitmachen",
        "{anrede},\n{link}\n{abmelden}\n",
    )
    assert mail_template_for(survey=survey, kind=MailKind.REMINDER)[0] == "Erinnerung: {befragung}"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{link} {abmelden} {name.__class__}", "{name.__class__} is not a placeholder"),
        ("{link} {abmelden} {name[0]}", "{name[0]} is not a placeholder"),
        ("{link} {abmelden} {name!r}", "{name!r} is not a placeholder"),
        ("{link} {abmelden} {name:>30}", "{name:>30} is not a placeholder"),
        ("{link} {abmelden} {vorname}", "{vorname} is not a placeholder"),
        ("{link} {abmelden} {}", "{} is not a placeholder"),
        ("{abmelden} Hallo", "must contain the placeholder {link}"),
        ("{link} Hallo", "must contain the placeholder {abmelden}"),
        ("{link} {abmelden} {name", "curly brace without its partner"),
    ],
)
def test_unknown_or_unsafe_placeholders_are_refused_by_name(survey, body, message):
    with pytest.raises(ValidationError) as refused:
        mail_template_save(survey=survey, kind=MailKind.INVITATION, subject="Betreff", body=body, actor=None)

    assert message in str(refused.value.message_dict["body"])


def test_doubled_braces_are_text_and_not_placeholders():
    assert placeholders_in("{{name}} {link}") == ["link"]


# --- waves ---------------------------------------------------------------------------------------


def test_an_invitation_wave_mails_each_invitee_once_with_personal_links(survey, invited, settings):
    settings.SITE_URL = "https://standortkompass.example"
    wave = _now_wave(survey)

    assert wave.status == WaveStatus.DONE
    assert wave.task_id
    assert (wave.sent_count, wave.failed_count, wave.skipped_count) == (4, 0, 0)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(invited)
    anna = invited["anna@alpha.example"]
    message = next(message for message in mail.outbox if message.to == ["anna@alpha.example"])
    token = invitation_token(anna.key)
    assert message.subject == "Ihre Meinung zählt: Unternehmensbefragung 2026"
    assert message.body.startswith("Guten Tag Anna Alpha,\n")
    assert "für Alpha GmbH an unserer Befragung" in message.body
    assert f"https://standortkompass.example/befragung/{survey.slug}/einladung/{token}/" in message.body
    assert f"https://standortkompass.example/befragung/{survey.slug}/abmelden/{token}/" in message.body
    assert message.extra_headers["List-Unsubscribe"] == (
        f"<https://standortkompass.example/befragung/{survey.slug}/abmelden/{token}/>"
    )
    anna.refresh_from_db()
    assert anna.invited_at is not None
    assert anna.reminder_count == 0


def test_running_a_wave_again_or_a_second_invitation_wave_sends_nothing_twice(survey, invited):
    wave = _now_wave(survey)
    MailWave.objects.filter(pk=wave.pk).update(status=WaveStatus.SENDING)  # as if a worker died and it is retried

    wave_send(wave_id=wave.pk)
    _now_wave(survey)

    assert len(mail.outbox) == 4
    assert MailDelivery.objects.filter(wave=wave).count() == 4


def test_a_reminder_reaches_only_invited_who_did_not_complete_and_counts(survey, invited, registry):
    _now_wave(survey)
    SurveyInvitation.objects.filter(email="anna@alpha.example").update(completed=True, started=True)
    SurveyInvitation.objects.filter(email="bert@beta.example").update(started=True)
    late = invitation_add(survey=survey, contact=registry["association"], actor=None)  # never invited
    mail.outbox.clear()

    reminder = _now_wave(survey, MailKind.REMINDER)
    _now_wave(survey, MailKind.REMINDER)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["bert@beta.example", "dora@delta.example", "gina@gamma.example"] * 2
    )
    assert mail.outbox[0].subject == "Erinnerung: Unternehmensbefragung 2026"
    assert (reminder.sent_count, reminder.skipped_count) == (3, 2)
    bert = SurveyInvitation.objects.get(email="bert@beta.example")
    assert bert.reminder_count == 2
    assert bert.reminded_at is not None
    late.refresh_from_db()
    assert late.reminder_count == 0
    assert late.invited_at is None


def test_opted_out_bounced_and_withdrawn_consent_get_no_mail(survey, invited, registry):
    anna = invited["anna@alpha.example"]
    assert invitation_opt_out(survey=survey, token=invitation_token(anna.key)) is not None
    invitation_mark_bounced(invitation=invited["bert@beta.example"], reason="550 unknown user", actor=None)
    gina = registry["gamma"]
    gina.consent_to_contact = False
    gina.save()
    dora = registry["delta"]
    dora.opted_out_at = timezone.now()
    dora.save()

    wave = _now_wave(survey)

    assert mail.outbox == []
    assert (wave.sent_count, wave.skipped_count) == (0, 4)


def test_a_contact_removed_from_the_registry_gets_no_mail(survey, invited, registry):
    registry["alpha"].delete()

    _now_wave(survey)

    assert "anna@alpha.example" not in [message.to[0] for message in mail.outbox]
    assert len(mail.outbox) == 3


def test_opting_out_keeps_the_first_date_and_an_unknown_token_finds_nothing(survey, invited):
    anna = invited["anna@alpha.example"]
    first = invitation_opt_out(survey=survey, token=invitation_token(anna.key))
    again = invitation_opt_out(survey=survey, token=invitation_token(anna.key))

    assert first is not None
    assert again is not None
    assert again.opted_out_at == first.opted_out_at
    assert invitation_opt_out(survey=survey, token="unbekannt") is None
    assert SurveyInvitation.objects.filter(pk=anna.pk).exists()


class RefusingBackend(EmailBackend):
    """Refuses Bert's address like a mail server, and fails for Gina with a broken connection."""

    def send_messages(self, messages):
        for message in messages:
            if message.to == ["bert@beta.example"]:
                raise smtplib.SMTPRecipientsRefused({"bert@beta.example": (550, b"5.1.1 User unknown")})
            if message.to == ["gina@gamma.example"]:
                raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)


def test_smtp_failures_are_recorded_and_only_a_refused_recipient_counts_as_bounced(survey, invited, settings):
    settings.EMAIL_BACKEND = "surveys.test_distribution.RefusingBackend"

    wave = _now_wave(survey)

    assert (wave.sent_count, wave.failed_count) == (2, 2)
    bert = SurveyInvitation.objects.get(email="bert@beta.example")
    assert bert.bounced_at is not None
    assert "550" in bert.bounce_reason
    assert bert.invited_at is None
    gina = SurveyInvitation.objects.get(email="gina@gamma.example")
    assert gina.bounced_at is None
    assert gina.invited_at is None
    failure = MailDelivery.objects.get(wave=wave, invitation=gina)
    assert failure.status == MailDelivery.Status.FAILED
    assert failure.error == "SMTPServerDisconnected: Connection unexpectedly closed"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _now_wave(survey)  # a new invitation wave tries Gina again, not the bounced Bert

    assert [message.to[0] for message in mail.outbox][-1:] == ["gina@gamma.example"]


def test_a_later_wave_is_queued_with_its_time_and_keeps_its_text(survey, invited, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    later = timezone.now() + dt.timedelta(days=3)
    wave = wave_schedule(survey=survey, kind=MailKind.REMINDER, scheduled_at=later, actor=None)
    mail_template_save(survey=survey, kind=MailKind.REMINDER, subject="Neu", body="{link} {abmelden}", actor=None)

    (queued,) = default_task_backend.results
    assert queued.task.run_after == later
    assert list(queued.args) == [wave.pk]
    assert queued.id == wave.task_id
    wave.refresh_from_db()
    assert wave.status == WaveStatus.SCHEDULED
    assert wave.subject == "Erinnerung: {befragung}"

    assert wave_send(wave_id=wave.pk).status == WaveStatus.SCHEDULED  # too early: nothing happens
    assert mail.outbox == []


def test_the_task_sends_a_wave_that_is_due(survey, invited, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    wave = wave_schedule(survey=survey, kind=MailKind.INVITATION, scheduled_at=timezone.now(), actor=None)
    assert mail.outbox == []
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

    result = send_mail_wave.enqueue(wave.pk)

    assert result.status == "SUCCESSFUL"
    assert len(mail.outbox) == 4
    wave.refresh_from_db()
    assert wave.status == WaveStatus.DONE


def test_a_later_wave_is_refused_when_the_queue_cannot_wait(survey, invited):
    with pytest.raises(ValidationError, match="cannot send later"):
        wave_schedule(
            survey=survey, kind=MailKind.INVITATION, scheduled_at=timezone.now() + dt.timedelta(days=1), actor=None
        )


def test_a_cancelled_wave_sends_nothing(survey, invited, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    wave = wave_schedule(survey=survey, kind=MailKind.INVITATION, scheduled_at=timezone.now(), actor=None)

    wave_cancel(wave=wave, actor=None)
    wave_send(wave_id=wave.pk)

    assert mail.outbox == []
    with pytest.raises(ValidationError):
        wave_cancel(wave=wave, actor=None)


def test_a_wave_of_a_closed_survey_is_cancelled_not_sent(survey, invited, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    wave = wave_schedule(survey=survey, kind=MailKind.INVITATION, scheduled_at=timezone.now(), actor=None)
    survey.status = "closed"
    survey.save()

    assert wave_send(wave_id=wave.pk).status == WaveStatus.CANCELLED
    assert mail.outbox == []


def test_a_template_with_frist_needs_a_closing_date(survey, invited):
    survey.closes_at = None
    survey.save()

    with pytest.raises(ValidationError, match="no closing date"):
        _now_wave(survey)

    mail_template_save(survey=survey, kind=MailKind.INVITATION, subject="Hallo", body="{link}\n{abmelden}", actor=None)
    assert _now_wave(survey).sent_count == 4


# --- response rates ------------------------------------------------------------------------------


def _register(regions):
    """The shipped figures of Landkreis Ludwigsburg 2021 (regiondata/official/companies/…_2021.csv)."""
    figures = {
        "local_units": 22671,
        "local_units_0_to_10": 19450,
        "local_units_10_to_50": 2526,
        "local_units_50_to_250": 587,
        "local_units_250_plus": 108,
    }
    for code, value in figures.items():
        indicator = Indicator.objects.create(code=code, name=code)
        Observation.objects.create(indicator=indicator, region=regions["08118"], year=2021, value=value)


def test_response_rates_by_group_and_against_the_register(survey, invited, regions):
    _register(regions)
    _now_wave(survey)
    SurveyInvitation.objects.filter(email="gina@gamma.example").update(started=True, completed=True)
    SurveyInvitation.objects.filter(email="anna@alpha.example").update(started=True)
    SurveyInvitation.objects.filter(email="dora@delta.example").update(invited_at=None)

    rates = response_rates(survey=survey)

    overall = rates.overall
    assert (overall.invitations, overall.invited, overall.started, overall.completed) == (4, 3, 2, 1)
    assert overall.completed_rate == pytest.approx(100 / 3)
    by_sector = {row.key: (row.invited, row.started, row.completed) for row in rates.by_sector}
    assert by_sector == {"C": (2, 2, 1), "G": (1, 0, 0), "": (0, 0, 0)}
    assert rates.by_sector[0].label.startswith("C – ")
    by_municipality = {row.label: (row.invited, row.completed) for row in rates.by_municipality}
    assert by_municipality == {"Asperg, Stadt": (1, 0), "Ludwigsburg, Stadt": (2, 1), "not recorded": (0, 0)}
    register = rates.register
    assert register is not None
    assert register.year == 2021
    assert register.total_local_units == 22671
    rows = {row.size_class: (row.local_units, row.invited, row.completed) for row in register.rows}
    assert rows == {"0-9": (19450, 1, 0), "10-49": (2526, 1, 0), "50-249": (587, 1, 1), "250+": (108, 0, 0)}
    medium = next(row for row in register.rows if row.size_class == "50-249")
    assert medium.completed_share == pytest.approx(100 / 587)
    assert register.not_classified_invited == 0


def test_without_register_figures_there_is_no_comparison(survey, invited):
    assert response_rates(survey=survey).register is None


def test_responses_without_invitation_are_counted_apart_unless_anonymous(survey, invited):
    version = survey.questionnaire.versions.get()
    Response.objects.create(survey=survey, version=version, access_hash=response_access_hash("a"))
    Response.objects.create(
        survey=survey, version=version, access_hash=response_access_hash("b"), status=ResponseStatus.COMPLETED
    )
    Response.objects.create(
        survey=survey, version=version, invitation=invited["anna@alpha.example"], status=ResponseStatus.COMPLETED
    )

    anonymous = response_rates(survey=survey)
    survey.anonymity = Anonymity.PSEUDONYMOUS
    survey.save()
    pseudonymous = response_rates(survey=survey)

    assert (anonymous.responses_started, anonymous.responses_completed) == (3, 2)
    assert anonymous.open_link_started is None
    assert (pseudonymous.open_link_started, pseudonymous.open_link_completed) == (2, 1)
