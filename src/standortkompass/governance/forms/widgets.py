"""Widgets of the governance forms with KERN markup."""

from __future__ import annotations

from django import forms


class KernCheckboxes(forms.CheckboxSelectMultiple):
    """Check boxes with KERN markup (the fieldset and legend come from core/field.html)."""

    template_name = "governance/widgets/checkboxes.html"
