"""The one upload → check → confirm flow of every import in the management area.

1. The upload page validates the form, keeps the file (``importers.storage``) and binds its
   name, the original file name and the form's kept fields to the uploader's session.
2. The check page (GET) shows the validation report of the stored upload; nothing is saved. Its
   templates build on the includes ``processes/includes/import_*.html`` (``preview_url`` and
   ``upload_url`` are in the context).
3. Confirming (POST) applies the upload all or nothing; cancelling (``abbrechen``) forgets it.
   An upload that has gone (imported, cancelled or expired) gets the one "no upload" page.

A concrete import is an :class:`UploadFlow` that names its permission, form, templates and
URLs, and gives a ``check`` function (the report as template context) and an ``apply``
function (all or nothing: it returns :class:`ImportDone` or raises :class:`ImportRefusedError`).
Either function raises :class:`UploadUnreadableError` when the stored file cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.importers.storage import upload_discard, upload_read, upload_store

MISSING_TEMPLATE = "processes/manage/import_missing.html"
# The storage keeps .csv, .xlsx, .tsv and .gz names; any other text file is stored as .csv. The
# importers recognise the format from the original name, which the session keeps.
STORED_SUFFIX = {".xlsx": ".xlsx", ".tsv": ".tsv", ".gz": ".gz"}
NAME_LENGTH = 200


@dataclass(frozen=True)
class StoredUpload:
    """An upload waiting for confirmation: its bytes, the original file name and the kept form fields."""

    filename: str
    data: bytes
    fields: Mapping[str, str]


@dataclass(frozen=True)
class ImportDone:
    """What a successful ``apply`` tells the user, and where it sends them."""

    message: str
    url: str
    level: int = messages.SUCCESS


class ImportRefusedError(Exception):
    """``apply`` saved nothing: the check page is shown again (409) with ``context`` and the message."""

    def __init__(self, message: str, context: dict[str, Any]) -> None:
        super().__init__(message)
        self.message = message
        self.context = context


class UploadUnreadableError(Exception):
    """The stored file cannot be read: it is forgotten and the user goes back to the upload page."""


class UploadForm(Protocol):
    """The upload form of a flow: a ``file`` field, whose bytes it leaves in ``data_bytes`` when valid."""

    cleaned_data: dict[str, Any]
    data_bytes: bytes

    def is_valid(self) -> bool: ...


Check = Callable[[ProcessRequest, StoredUpload], dict[str, Any]]
Apply = Callable[[ProcessRequest, StoredUpload], ImportDone]
View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class UploadFlow:
    """One import: its permission, form, templates, URL names and the check and apply functions.

    ``kept_fields`` are fields of the form, besides the file, that ``check`` and ``apply`` need.
    """

    name: str  # the session key's prefix, e.g. "organisation_import"
    permission: str
    form_class: Callable[..., UploadForm]
    upload_template: str
    preview_template: str
    missing_title: str | Promise  # heading of the page that says no upload is waiting
    upload_url_name: str
    preview_url_name: str
    check: Check
    apply: Apply
    kept_fields: tuple[str, ...] = ()
    upload_context: Callable[[], dict[str, Any]] = field(default=dict)

    def views(self) -> tuple[View, View]:
        """The upload view and the check-and-confirm view, behind the flow's permission."""
        gate = process_permission_required(self.permission)
        methods = require_http_methods(["GET", "POST"])
        return gate(methods(self._upload)), gate(methods(self._preview))

    def _session_key(self, request: ProcessRequest) -> str:
        return f"{self.name}:{request.process.pk}"

    def _stored(self, request: ProcessRequest) -> dict[str, str] | None:
        stored = request.session.get(self._session_key(request))
        keys = ("file", "filename", *self.kept_fields)
        if isinstance(stored, dict) and all(isinstance(stored.get(key), str) for key in keys):
            return stored
        return None

    def forget(self, request: ProcessRequest) -> None:
        """Remove the stored file and its place in the session."""
        stored = self._stored(request)
        if stored is not None:
            upload_discard(stored["file"])
        request.session.pop(self._session_key(request), None)

    def _upload(self, request: ProcessRequest, process_pk: int) -> HttpResponse:
        form = self.form_class(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            self.forget(request)
            filename = str(form.cleaned_data["file"].name)[:NAME_LENGTH]
            suffix = STORED_SUFFIX.get(filename[filename.rfind(".") :].lower(), ".csv")
            request.session[self._session_key(request)] = {
                "file": upload_store(data=form.data_bytes, suffix=suffix),
                "filename": filename,
                **{name: str(form.cleaned_data[name]) for name in self.kept_fields},
            }
            return redirect(self.preview_url_name, process_pk=request.process.pk)
        return render(
            request, self.upload_template, {"process": request.process, "form": form, **self.upload_context()}
        )

    def _preview(self, request: ProcessRequest, process_pk: int) -> HttpResponse:
        """GET checks the stored upload; POST applies it all or nothing or, with ``abbrechen``, cancels."""
        process = request.process
        upload_url = reverse(self.upload_url_name, args=[process.pk])
        if request.method == "POST" and "abbrechen" in request.POST:
            self.forget(request)
            messages.info(request, _("The import has been cancelled. Nothing has been saved."))
            return redirect(upload_url)
        stored = self._stored(request)
        data = upload_read(stored["file"]) if stored is not None else None
        if stored is None or data is None:
            self.forget(request)
            return render(
                request, MISSING_TEMPLATE, {"process": process, "upload_url": upload_url, "title": self.missing_title}
            )
        upload = StoredUpload(
            filename=stored["filename"], data=data, fields={name: stored[name] for name in self.kept_fields}
        )
        preview_url = reverse(self.preview_url_name, args=[process.pk])
        page = {"process": process, "filename": upload.filename, "upload_url": upload_url, "preview_url": preview_url}
        try:
            if request.method != "POST":
                return render(request, self.preview_template, {**page, **self.check(request, upload)})
            done = self.apply(request, upload)
        except UploadUnreadableError as error:
            self.forget(request)
            messages.error(request, str(error))
            return redirect(upload_url)
        except ImportRefusedError as refused:
            messages.error(request, refused.message)
            return render(request, self.preview_template, {**page, **refused.context}, status=409)
        self.forget(request)
        messages.add_message(request, done.level, done.message)
        return redirect(done.url)
