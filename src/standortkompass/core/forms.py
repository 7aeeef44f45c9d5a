"""Form helpers: KERN classes and accessible attributes on every widget."""

from __future__ import annotations

from typing import Any

from django import forms


class KernFormMixin:
    """Adds KERN CSS classes and aria-describedby/aria-invalid to the widgets of a form."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(
                widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple | forms.HiddenInput
            ):
                continue
            css = "kern-form-input__select" if isinstance(widget, forms.Select) else "kern-form-input__input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs.setdefault("aria-describedby", f"id_{self.add_prefix(name)}-hint")  # type: ignore[attr-defined]

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-invalid"] = "true"
                described = widget.attrs.get("aria-describedby", "")
                error_id = f"id_{self.add_prefix(name)}-error"  # type: ignore[attr-defined]
                if error_id not in described:
                    widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
