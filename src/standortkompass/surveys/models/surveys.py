"""A survey: one questionnaire put in the field, with its access mode, anonymity and invitations."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("in preparation")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class Anonymity(models.TextChoices):
    # The token only marks "completed"; the response keeps no link to it, no IP and no exact times.
    ANONYMOUS = "anonym", _("anonymous")
    # The response is linked to its invitation (a number), not shown with names in results.
    PSEUDONYMOUS = "pseudonym", _("pseudonymous")
    # The response is linked to the company and the person, with their consent.
    NAMED = "namentlich", _("with name")


class Survey(models.Model):
    process = models.ForeignKey(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="surveys"
    )
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire", verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("short name in web addresses"),
        max_length=80,
        unique=True,
        help_text=_("The survey is answered at /befragung/<short name>/."),
    )
    status = models.CharField(_("status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    anonymity = models.CharField(_("anonymity"), max_length=20, choices=Anonymity.choices, default=Anonymity.ANONYMOUS)
    open_access = models.BooleanField(
        _("public link"),
        default=True,
        help_text=_("Anyone with the link may answer. Without it, only invited contacts can answer."),
    )
    opens_at = models.DateTimeField(_("opens on"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes on"), null=True, blank=True)
    introduction = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown on the start page. Markdown: paragraphs, lists, links.")
    )
    privacy_notice = models.TextField(
        _("privacy notice"),
        help_text=_("Shown before the first question; respondents must agree to it. Markdown."),
    )
    contact = models.TextField(
        _("contact for questions"), help_text=_("Who answers questions about the survey. Markdown.")
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(50)],
        help_text=_("No figure from fewer responding companies is shown below Administration."),
    )
    weighting_enabled = models.BooleanField(
        _("offer weighting to the company population"),
        default=False,
        help_text=_("Post-stratification by sector and size class with the register data."),
    )
    sector_question = models.CharField(_("question for the sector"), max_length=100, blank=True)
    size_question = models.CharField(_("question for the size class"), max_length=100, blank=True)
    municipality_question = models.CharField(_("question for the municipality"), max_length=100, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The survey must close after it opens.")})

    def is_accepting_answers(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        if self.status != SurveyStatus.OPEN:
            return False
        if self.opens_at and now < self.opens_at:
            return False
        return not (self.closes_at and now >= self.closes_at)


class SurveyInvitation(models.Model):
    """A personal invitation of one contact person. Only a hash of the token is stored.

    The token itself is derived from the server's secret and the invitation's key, so reminders
    can repeat the same link. In anonymous surveys nothing here points to the response.
    """

    survey = models.ForeignKey(Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="invitations")
    key = models.CharField(_("key"), max_length=32, unique=True, editable=False)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    contact = models.ForeignKey(
        "processes.ContactPerson",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    organisation = models.ForeignKey(
        "processes.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_invitations",
    )
    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder sent"), null=True, blank=True)
    reminder_count = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    started = models.BooleanField(_("started"), default=False)
    completed = models.BooleanField(_("completed"), default=False)
    opted_out_at = models.DateTimeField(_("opted out"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("undeliverable since"), null=True, blank=True)
    bounce_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["survey", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "contact"],
                condition=models.Q(contact__isnull=False),
                name="one_invitation_per_contact",
            )
        ]
        indexes = [models.Index(fields=["survey", "completed"], name="invitation_survey_completed")]

    def __str__(self) -> str:
        return self.email

    @property
    def may_receive_mail(self) -> bool:
        return self.opted_out_at is None and self.bounced_at is None
