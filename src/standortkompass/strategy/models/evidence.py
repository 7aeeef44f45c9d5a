"""Evidence links: what an element rests on. The kinds are registered in ``processes.evidence``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from standortkompass.strategy.models.elements import ChangeAuthor, Element


class EvidenceLink(ChangeAuthor):
    element = models.ForeignKey(Element, verbose_name=_("element"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind of source"), max_length=40)
    reference = models.JSONField(_("reference"), default=dict)
    # The source's stable key (``processes.evidence.EvidenceKind.source_key``), by which "Was wurde daraus?"
    # finds the elements that cite a source.
    source_key = models.CharField(_("source key"), max_length=200, db_index=True)
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("How the source supports the element, in one or two sentences."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        ordering = ["element", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["element", "source_key"],
                name="one_link_per_element_and_source",
                violation_error_message=_("This element already cites this source."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.element}: {self.source_key}"
