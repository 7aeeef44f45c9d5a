from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class BoardKind(models.TextChoices):
    SOUNDING_BOARD = "sounding_board", _("Sounding Board")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee (Lenkungskreis)")
    OTHER = "other", _("Other board")


class Board(models.Model):
    process = models.ForeignKey(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="boards"
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name – English version (optional)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=BoardKind.choices, default=BoardKind.OTHER)
    description = models.TextField(_("public description"), blank=True)
    description_en = models.TextField(_("public description – English version (optional)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["process", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["process", "name"], name="unique_board_name_per_process")]

    def __str__(self) -> str:
        return self.name


class BoardMember(models.Model):
    board = models.ForeignKey(Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "processes.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_seats",
    )
    function = models.CharField(
        _("function in the board"),
        max_length=100,
        default="Mitglied",
        help_text=_("e.g. Vorsitz, stellv. Vorsitz, Mitglied"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="board_seats",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The name is shown on public pages only with the member's consent (and the day it was given).
    name_is_public = models.BooleanField(_("name may be published"), default=False)
    name_consent_on = models.DateField(_("consent to publication given on"), null=True, blank=True)
    email = models.EmailField(
        _("e-mail for invitations"),
        blank=True,
        help_text=_("Only for a member without a user account: meeting invitations go here (never shown publicly)."),
    )

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board", "order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.function})"

    def clean(self) -> None:
        if self.name_is_public and self.name_consent_on is None:
            raise ValidationError({"name_consent_on": _("Give the day the member agreed to the publication.")})
