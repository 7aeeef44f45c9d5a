"""The codebook for open answers and the codes the Redaktion assigns to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Code(models.Model):
    survey = models.ForeignKey(
        "surveys.Survey", verbose_name=_("survey"), on_delete=models.CASCADE, related_name="codes"
    )
    question = models.CharField(_("question"), max_length=100, help_text=_("Name of the open question."))
    label = models.CharField(_("code"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["survey", "question", "label"]
        constraints = [models.UniqueConstraint(fields=["survey", "question", "label"], name="unique_code_per_question")]

    def __str__(self) -> str:
        return self.label


class CodeAssignment(models.Model):
    code = models.ForeignKey(Code, verbose_name=_("code"), on_delete=models.CASCADE, related_name="assignments")
    response = models.ForeignKey(
        "surveys.Response", verbose_name=_("response"), on_delete=models.CASCADE, related_name="code_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("code assignment")
        verbose_name_plural = _("code assignments")
        ordering = ["code", "response"]
        constraints = [models.UniqueConstraint(fields=["code", "response"], name="one_assignment_per_code_response")]

    def __str__(self) -> str:
        return f"{self.code} → {self.response_id}"
