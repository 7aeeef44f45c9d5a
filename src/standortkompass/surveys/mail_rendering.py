"""A survey's mail to one invitation: the values of the placeholders and the personal links."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from standortkompass.surveys.mail_defaults import render_placeholders
from standortkompass.surveys.models import Survey, SurveyInvitation
from standortkompass.surveys.tokens import invitation_token


def _absolute(path: str, site_url: str | None) -> str:
    return f"{(site_url or settings.SITE_URL).rstrip('/')}{path}"


def survey_link(*, survey: Survey, token: str, site_url: str | None = None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("survey:invitation", kwargs={"survey_slug": survey.slug, "token": token})
    return _absolute(path, site_url)


def optout_link(*, survey: Survey, token: str, site_url: str | None = None) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("survey:optout", kwargs={"survey_slug": survey.slug, "token": token})
    return _absolute(path, site_url)


def closing_date(survey: Survey) -> str:
    if survey.closes_at is None:
        return ""
    # closes_at is the first moment the survey is closed; the last day to answer is the one before it
    # when it closes at midnight.
    last_moment = timezone.localtime(survey.closes_at - dt.timedelta(seconds=1))
    with translation.override("de"):
        return formats.date_format(last_moment.date(), "j. F Y")


def salutation(name: str) -> str:
    return f"Guten Tag {name}" if name.strip() else "Sehr geehrte Damen und Herren"


def mail_values(*, survey: Survey, invitation: SurveyInvitation, link: str, optout: str) -> dict[str, str]:
    name = invitation.contact.name if invitation.contact else ""
    return {
        "anrede": salutation(name),
        "name": name,
        "organisation": invitation.organisation.name if invitation.organisation else "",
        "link": link,
        "frist": closing_date(survey),
        "abmelden": optout,
        "absender": survey.process.agency_name or survey.process.title,
        "befragung": survey.title,
    }


def mail_render(
    *, survey: Survey, invitation: SurveyInvitation, subject: str, body: str, site_url: str | None = None
) -> tuple[str, str]:
    """The (subject, body) of the mail to ``invitation``, with its personal links."""
    token = invitation_token(invitation.key)
    values = mail_values(
        survey=survey,
        invitation=invitation,
        link=survey_link(survey=survey, token=token, site_url=site_url),
        optout=optout_link(survey=survey, token=token, site_url=site_url),
    )
    return render_placeholders(subject, values), render_placeholders(body, values)
