"""Form fields of the strategy editing: numbers typed the German way, and choices in groups with KERN markup."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.formats import number_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

GROUPED_THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")


def parse_german_number(text: str) -> Decimal | None:
    """``"250.000,50"`` → ``Decimal("250000.50")``; also ``"1234.5"``, ``"12 500 €"``. None for an empty text.

    A comma is the decimal separator (dots before it separate thousands); without a comma, dots that group
    digits by three separate thousands (``"1.500"`` is 1500), any other dot is a decimal point; with both, the
    last one separates the decimals (``"250,000.50"``, as English pages show numbers).
    Raises ``ValueError`` when the text is no number.
    """
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace("€", "").removesuffix("EUR")
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned and cleaned.rfind(".") > cleaned.rfind(","):
        cleaned = cleaned.replace(",", "")  # "250,000.50" as English pages write it
    elif "," in cleaned:
        if cleaned.count(",") > 1:
            raise ValueError(text)
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif GROUPED_THOUSANDS.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error


def german_number_text(value: Decimal | float | None, decimals: int | None = None) -> str:
    """A number as a German form field shows it: ``250000.5`` → ``"250.000,5"``; all digits unless ``decimals``."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(repr(float(value)))
    if decimals is None:
        exponent = number.normalize().as_tuple().exponent
        decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    # Grouped only in German: on English pages "1,500" would read back as 1.5.
    grouping = (get_language() or "de").startswith("de")
    return number_format(number, decimals, use_l10n=True, force_grouping=grouping)


class DecimalTextInput(forms.TextInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})


class GermanDecimalField(forms.Field):
    """A decimal number typed as on German forms ("250.000,50"); the value is a ``Decimal``."""

    widget = DecimalTextInput

    def __init__(self, *, decimals: int | None = None, invalid: str | Any = "", **kwargs: Any) -> None:
        self.decimals = decimals
        super().__init__(**kwargs)
        if invalid:
            self.error_messages["invalid"] = invalid
        else:
            self.error_messages.setdefault("invalid", _("Enter a number, e.g. 1.250,5."))

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal | float | int) and not isinstance(value, bool):
            return german_number_text(value, self.decimals)
        return value

    def to_python(self, value: Any) -> Decimal | None:
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            number = parse_german_number(str(value))
        except ValueError as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        exponent = number.as_tuple().exponent if number is not None else 0
        if self.decimals is not None and isinstance(exponent, int) and -exponent > self.decimals:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class GermanFloatField(GermanDecimalField):
    """Like ``GermanDecimalField``, for a ``FloatField`` of a model."""

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        number = super().to_python(value)
        return None if number is None else float(number)


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with KERN markup; grouped choices get a fieldset with a legend per group."""

    template_name = "strategy/manage/widgets/checkboxes.html"


class GroupedRadios(forms.RadioSelect):
    """Radio buttons with KERN markup; grouped choices get a fieldset with a legend per group."""

    template_name = "strategy/manage/widgets/radios.html"
