"""Management of the actors: organisations, their contact persons, and the import from a list."""

from __future__ import annotations

import copy
import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.forms.organisations import (
    ContactPersonForm,
    OrganisationFilterForm,
    OrganisationForm,
    OrganisationImportForm,
)
from standortkompass.processes.importers import organisations as importer
from standortkompass.processes.models import (
    ConsentMethod,
    ContactPerson,
    Organisation,
    OrganisationType,
    SizeClass,
)
from standortkompass.processes.selectors import organisation_search
from standortkompass.processes.services import organisations as services
from standortkompass.processes.views.imports import (
    ImportDone,
    ImportRefusedError,
    StoredUpload,
    UploadFlow,
    UploadUnreadableError,
)
from standortkompass.processes.views.kit import paginate, query_without_page, render_form, save_form
from standortkompass.regiondata.wz2008 import SECTIONS


def _organisation(request: ProcessRequest, organisation_pk: int) -> Organisation:
    return get_object_or_404(
        Organisation.objects.select_related("municipality"), process=request.process, pk=organisation_pk
    )


def _require_contacts(request: ProcessRequest) -> None:
    if not request.user.has_perm("processes.view_contacts", request.process):
        raise PermissionDenied(_("Your role in this process does not allow this."))


# Organisations -------------------------------------------------------------------------------


@process_permission_required("processes.edit_content")
@require_GET
def organisation_list(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = OrganisationFilterForm(request.GET, process=process)
    organisations = organisation_search(process=process, **form.filters())
    page = paginate(request, organisations)
    return render(
        request,
        "processes/manage/organisations/list.html",
        {
            "process": process,
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "filtered": any(value for key, value in request.GET.items() if key != "seite"),
            "can_import": request.user.has_perm("processes.import_organisations", process),
        },
    )


@process_permission_required("processes.edit_content")
@require_GET
def organisation_detail(request: ProcessRequest, process_pk: int, organisation_pk: int) -> HttpResponse:
    process = request.process
    organisation = _organisation(request, organisation_pk)
    can_view_contacts = request.user.has_perm("processes.view_contacts", process)
    return render(
        request,
        "processes/manage/organisations/detail.html",
        {
            "process": process,
            "organisation": organisation,
            "can_view_contacts": can_view_contacts,
            "contacts": organisation.contacts.order_by("name", "pk") if can_view_contacts else [],
            "seats": organisation.board_seats.select_related("board").order_by("board__order", "board__name", "order"),
        },
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def organisation_create(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    form = OrganisationForm(request.POST or None, process=process)
    if saved := save_form(
        request,
        form,
        lambda: services.organisation_create(process=process, actor=request.user, data=form.data_for_service()),
    ):
        messages.success(request, _("“%(name)s” has been created.") % {"name": saved.value.name})
        return redirect("manage:organisations:detail", process_pk=process.pk, organisation_pk=saved.value.pk)
    return render_form(
        request,
        form=form,
        title=_("New organisation"),
        cancel_url=reverse("manage:organisations:list", args=[process.pk]),
        process=process,
        template="processes/manage/organisations/form.html",
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def organisation_edit(request: ProcessRequest, process_pk: int, organisation_pk: int) -> HttpResponse:
    process = request.process
    organisation = _organisation(request, organisation_pk)
    # The form works on a copy, so that the service sees the values before the change.
    form = OrganisationForm(request.POST or None, instance=copy.copy(organisation), process=process)
    if save_form(
        request,
        form,
        lambda: services.organisation_update(
            organisation=organisation, actor=request.user, data=form.data_for_service()
        ),
    ):
        messages.success(request, _("“%(name)s” has been saved.") % {"name": organisation.name})
        return redirect("manage:organisations:detail", process_pk=process.pk, organisation_pk=organisation.pk)
    return render_form(
        request,
        form=form,
        title=_("Edit “%(name)s”") % {"name": organisation.name},
        cancel_url=reverse("manage:organisations:detail", args=[process.pk, organisation.pk]),
        process=process,
        organisation=organisation,
        delete_url=reverse("manage:organisations:delete", args=[process.pk, organisation.pk]),
        template="processes/manage/organisations/form.html",
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def organisation_delete(request: ProcessRequest, process_pk: int, organisation_pk: int) -> HttpResponse:
    process = request.process
    organisation = _organisation(request, organisation_pk)
    if request.method == "POST":
        try:
            services.organisation_delete(organisation=organisation, actor=request.user)
        except services.OrganisationInUseError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("“%(name)s” has been deleted.") % {"name": organisation.name})
            return redirect("manage:organisations:list", process_pk=process.pk)
    seats = organisation.board_seats.select_related("board").order_by("board__order", "board__name", "order")
    return render(
        request,
        "processes/manage/organisations/confirm_delete.html",
        {
            "process": process,
            "organisation": organisation,
            "seats": seats,
            "contact_count": organisation.contacts.count(),
        },
        status=409 if request.method == "POST" else 200,
    )


# Contact persons -----------------------------------------------------------------------------


def _contact(organisation: Organisation, contact_pk: int) -> ContactPerson:
    return get_object_or_404(ContactPerson, organisation=organisation, pk=contact_pk)


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def contact_create(request: ProcessRequest, process_pk: int, organisation_pk: int) -> HttpResponse:
    _require_contacts(request)
    process = request.process
    organisation = _organisation(request, organisation_pk)
    form = ContactPersonForm(request.POST or None, organisation=organisation)
    if saved := save_form(
        request,
        form,
        lambda: services.contact_create(organisation=organisation, actor=request.user, data=form.data_for_service()),
    ):
        messages.success(request, _("Contact person “%(name)s” has been added.") % {"name": saved.value.name})
        return redirect(reverse("manage:organisations:detail", args=[process.pk, organisation.pk]) + "#kontakte")
    return render_form(
        request,
        form=form,
        title=_("New contact person"),
        cancel_url=reverse("manage:organisations:detail", args=[process.pk, organisation.pk]),
        process=process,
        organisation=organisation,
        template="processes/manage/organisations/contact_form.html",
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def contact_edit(request: ProcessRequest, process_pk: int, organisation_pk: int, contact_pk: int) -> HttpResponse:
    _require_contacts(request)
    process = request.process
    organisation = _organisation(request, organisation_pk)
    contact = _contact(organisation, contact_pk)
    form = ContactPersonForm(request.POST or None, instance=copy.copy(contact), organisation=organisation)
    if save_form(
        request,
        form,
        lambda: services.contact_update(contact=contact, actor=request.user, data=form.data_for_service()),
    ):
        messages.success(request, _("Contact person “%(name)s” has been saved.") % {"name": contact.name})
        return redirect(reverse("manage:organisations:detail", args=[process.pk, organisation.pk]) + "#kontakte")
    return render_form(
        request,
        form=form,
        title=_("Edit contact person “%(name)s”") % {"name": contact.name},
        cancel_url=reverse("manage:organisations:detail", args=[process.pk, organisation.pk]),
        process=process,
        organisation=organisation,
        contact=contact,
        delete_url=reverse("manage:organisations:contact_delete", args=[process.pk, organisation.pk, contact.pk]),
        template="processes/manage/organisations/contact_form.html",
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def contact_delete(request: ProcessRequest, process_pk: int, organisation_pk: int, contact_pk: int) -> HttpResponse:
    _require_contacts(request)
    process = request.process
    organisation = _organisation(request, organisation_pk)
    contact = _contact(organisation, contact_pk)
    detail_url = reverse("manage:organisations:detail", args=[process.pk, organisation.pk])
    if request.method == "POST":
        services.contact_delete(contact=contact, actor=request.user)
        messages.success(request, _("Contact person “%(name)s” has been deleted.") % {"name": contact.name})
        return redirect(detail_url + "#kontakte")
    return render(
        request,
        "processes/manage/organisations/contact_confirm_delete.html",
        {"process": process, "organisation": organisation, "contact": contact, "cancel_url": detail_url},
    )


# Import --------------------------------------------------------------------------------------


def _import_help_context() -> dict[str, Any]:
    return {
        "columns": importer.COLUMNS,
        "type_words": [(word, OrganisationType(code).label) for word, code in importer.TYPE_WORDS.items()],
        "sections": SECTIONS,
        "size_classes": SizeClass.choices,
    }


def _rows(upload: StoredUpload) -> list[dict[str, str]]:
    try:
        return importer.read_table(io.BytesIO(upload.data), upload.filename)
    except importer.ImportFileError as error:
        raise UploadUnreadableError(str(error)) from error


def _import_check(request: ProcessRequest, upload: StoredUpload) -> dict[str, Any]:
    return {"preview": services.organisation_import_preview(process=request.process, rows=_rows(upload))}


def _import_apply(request: ProcessRequest, upload: StoredUpload) -> ImportDone:
    process = request.process
    rows = _rows(upload)
    try:
        result = services.organisation_import_apply(
            process=process, rows=rows, actor=request.user, filename=upload.filename
        )
    except services.ImportRejectedError as rejected:
        raise ImportRefusedError(
            _("The data has changed since the preview and the file now has errors. Nothing has been saved."),
            {"preview": rejected.preview},
        ) from rejected
    except ValidationError as error:
        # Another user changed the same organisations in the moment between check and save.
        raise ImportRefusedError(
            _("The import could not be saved: %(errors)s Nothing has been saved. Please try again.")
            % {"errors": " ".join(error.messages)},
            {"preview": services.organisation_import_preview(process=process, rows=rows)},
        ) from error
    return ImportDone(
        _(
            "Import finished: %(created)s organisations created, %(updated)s updated, "
            "%(unchanged)s unchanged; %(contacts_created)s contact persons created, "
            "%(contacts_updated)s updated."
        )
        % {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "contacts_created": result.contacts_created,
            "contacts_updated": result.contacts_updated,
        },
        reverse("manage:organisations:list", args=[process.pk]),
    )


ORGANISATION_IMPORT = UploadFlow(
    name="organisation_import",
    permission="processes.import_organisations",
    form_class=OrganisationImportForm,
    upload_template="processes/manage/organisations/import_upload.html",
    preview_template="processes/manage/organisations/import_preview.html",
    missing_title=gettext_lazy("Check the import"),
    upload_url_name="manage:organisations:import",
    preview_url_name="manage:organisations:import_preview",
    check=_import_check,
    apply=_import_apply,
    upload_context=_import_help_context,
)
import_upload, import_preview = ORGANISATION_IMPORT.views()


def _template_notes() -> list[list[str]]:
    """The sheet "Hinweise" of the template: every column, then the allowed codes."""
    notes: list[list[str]] = [[_("Column"), _("Required"), _("Meaning"), _("Allowed values")]]
    notes += [
        [column.header, _("yes") if column.required else "", str(column.description), str(column.allowed)]
        for column in importer.COLUMNS
    ]
    notes += [
        [],
        [_("General")],
        [
            "",
            "",
            _("The first row holds the column headings; their order does not matter, unknown columns are ignored."),
        ],
        ["", "", _("Empty cells leave the values of an organisation that already exists as they are.")],
        ["", "", _("Save the file as Excel workbook (.xlsx) or as CSV (UTF-8 or Windows, separated by ; or ,).")],
        ["", "", _("Nothing is saved before you confirm the preview, and nothing at all while a row has an error.")],
        [],
        [_("Types"), "", _("Meaning")],
        *[[word, "", str(OrganisationType(code).label)] for word, code in importer.TYPE_WORDS.items()],
        [],
        [_("WZ 2008 sections"), "", _("Meaning"), _("Divisions")],
        *[
            [section.code, "", section.name, f"{section.divisions.start:02d}–{section.divisions.stop - 1:02d}"]
            for section in SECTIONS
        ],
        [],
        [_("Size classes"), "", _("Meaning")],
        *[[code, "", str(label)] for code, label in SizeClass.choices],
        [],
        [_("Ways of consent"), "", _("Meaning")],
        *[[word, "", str(ConsentMethod(code).label)] for word, code in importer.CONSENT_METHOD_WORDS.items()],
    ]
    return notes


def _template_response(content: bytes, content_type: str, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="organisationen-vorlage.{suffix}"'
    return response


@process_permission_required("processes.import_organisations")
@require_GET
def import_template_xlsx(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """The Excel template: headings, an example row, and the sheet "Hinweise"."""
    example = services.organisation_import_example(process=request.process)
    return _template_response(
        importer.template_xlsx(example, _template_notes()),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    )


@process_permission_required("processes.import_organisations")
@require_GET
def import_template_csv(request: ProcessRequest, process_pk: int) -> HttpResponse:
    example = services.organisation_import_example(process=request.process)
    return _template_response(importer.template_csv(example), "text/csv; charset=utf-8", "csv")
