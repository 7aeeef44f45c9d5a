"""The upload forms of the status import and the import of indicator actuals: the file, read once to refuse
what cannot be imported at all."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.core.forms import KernForm
from standortkompass.monitoring.actuals_file import read_actuals_table
from standortkompass.monitoring.importer import ALLOWED_SUFFIXES, StatusFileError, read_status_table


class StatusUploadForm(KernForm):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}),
        error_messages={"required": gettext_lazy("Choose the file to import.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (separated by semicolons or commas, UTF-8 or Windows) or Excel workbook (.xlsx), at most %(size)s MB."
        ) % {"size": settings.MAX_UPLOAD_MB}
        self.fields["file"].widget.attrs["aria-describedby"] = "id_file-hint"

    def read(self, data: bytes, name: str) -> list[dict[str, str]]:
        return read_status_table(data, name)

    def clean_file(self) -> UploadedFile[bytes]:
        upload = cast("UploadedFile[bytes]", self.cleaned_data["file"])
        name = upload.name or ""
        if PurePath(name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("“%(name)s” is neither a CSV file (.csv) nor an Excel workbook (.xlsx)."), params={"name": name}
            )
        if (upload.size or 0) > settings.MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."), params={"size": settings.MAX_UPLOAD_MB}
            )
        upload.seek(0)
        data = upload.read()
        try:
            self.read(data, name)
        except StatusFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        return upload


class ActualsUploadForm(StatusUploadForm):
    def read(self, data: bytes, name: str) -> list[dict[str, str]]:
        return read_actuals_table(data, name)
