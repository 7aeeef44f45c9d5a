"""Responses. A response is found again only by the hash of its secret (token or resume code)."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    COMPLETED = "completed", _("completed")


class Response(models.Model):
    """One company's answers to one questionnaire version.

    ``answers`` maps question names to values (text, number, ISO date, choice name or list of
    choice names). ``access_hash`` is a hash of the respondent's secret derived differently from
    the invitation's ``token_hash``, so the database alone cannot join them; in anonymous surveys
    it is removed on completion, and the time fields are never filled.
    """

    # A random key, so that neither key nor order of the keys tells when a response was started (and so which
    # invitation or mail it followed).
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    version = models.ForeignKey(
        "surveys.QuestionnaireVersion",
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    invitation = models.OneToOneField(
        "surveys.SurveyInvitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    access_hash = models.CharField(_("access hash"), max_length=64, null=True, blank=True, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.IN_PROGRESS
    )
    language = models.CharField(_("language"), max_length=50, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    current_page = models.CharField(_("current page"), max_length=100, blank=True)
    pages_done = models.JSONField(_("pages answered"), default=list, blank=True)
    named_consent = models.BooleanField(_("agreed to answer with name"), default=False)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    saved_at = models.DateTimeField(_("last saved"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "id"]
        indexes = [models.Index(fields=["survey", "status"], name="response_survey_status")]

    def __str__(self) -> str:
        return str(_("Response %(key)s") % {"key": str(self.pk)[:8]})


class ContactRequest(models.Model):
    """Personal details a respondent gave in an anonymous survey (e.g. for a workshop invitation),
    stored apart from the response with nothing that links the two."""

    # A random key, so that neither key nor insertion order hints at the response it came with.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="contact_requests"
    )
    details = models.JSONField(_("details"), default=dict)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["survey", "id"]

    def __str__(self) -> str:
        return str(_("Contact request"))
