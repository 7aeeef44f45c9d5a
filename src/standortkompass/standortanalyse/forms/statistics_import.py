"""The upload form of the statistics import in the management area."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.regiondata.importers import FORMATS
from standortkompass.regiondata.models import ImportFormat

# Endings of the files the importers read: GENESIS/long CSV, XLSX, Eurostat TSV (also gzipped).
ALLOWED_ENDINGS = (".csv", ".xlsx", ".tsv", ".tsv.gz")
INDICATOR_CODE = re.compile(r"^[a-z0-9][a-z0-9_.\-]{0,99}$")
AUTOMATIC = ""


def format_choices() -> list[tuple[str, str]]:
    return [
        (AUTOMATIC, str(_("Recognise from the file"))),
        *((code, str(ImportFormat(code).label)) for code in FORMATS),
    ]


def file_ending(name: str) -> str | None:
    """The allowed ending of a file name (case-insensitive), or None."""
    lowered = name.casefold()
    return next((ending for ending in sorted(ALLOWED_ENDINGS, key=len, reverse=True) if lowered.endswith(ending)), None)


class StatisticsUploadForm(KernForm):
    file = forms.FileField(label=_("File"), widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_ENDINGS)}))
    format = forms.ChoiceField(label=_("Format"), required=False, choices=format_choices)
    indicator = forms.CharField(
        label=_("Indicator code"),
        required=False,
        max_length=100,
        help_text=_(
            "Only for long CSV files without an indicator column: the code of the indicator, e.g. employees_workplace."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "Regionaldatenbank/GENESIS table (CSV or Excel workbook .xlsx), long CSV or Eurostat TSV "
            "(.tsv or .tsv.gz), at most %(size)s MB."
        ) % {"size": settings.MAX_UPLOAD_MB}
        self.fields["file"].widget.attrs["aria-describedby"] = "id_file-hint"
        self.fields["format"].help_text = _("Leave “Recognise from the file” unless the format is not recognised.")
        self.fields["format"].widget.attrs["aria-describedby"] = "id_format-hint"

    def clean_file(self) -> UploadedFile[bytes]:
        upload = cast("UploadedFile[bytes]", self.cleaned_data["file"])
        name = upload.name or ""
        if file_ending(name) is None:
            raise forms.ValidationError(
                _("“%(name)s” has none of the endings %(endings)s."),
                params={"name": name, "endings": ", ".join(ALLOWED_ENDINGS)},
            )
        if (upload.size or 0) > settings.MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."), params={"size": settings.MAX_UPLOAD_MB}
            )
        upload.seek(0)
        self.data_bytes = upload.read()
        if not self.data_bytes:
            raise forms.ValidationError(_("The file is empty."))
        return upload

    def clean_indicator(self) -> str:
        code = str(self.cleaned_data.get("indicator") or "").strip()
        if code and not INDICATOR_CODE.match(code):
            raise forms.ValidationError(_("Use lower-case letters, digits and _ . - only (e.g. employees_workplace)."))
        return code
