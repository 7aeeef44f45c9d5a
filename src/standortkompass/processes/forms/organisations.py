"""Forms of the actors registry: filtering, organisations, contact persons, the import upload."""

from __future__ import annotations

import io
from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm, KernModelForm
from standortkompass.processes.importers.organisations import ALLOWED_SUFFIXES, ImportFileError, read_table
from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType, SizeClass, StrategyProcess
from standortkompass.processes.selectors import process_municipalities
from standortkompass.processes.services.organisations import (
    CONTACT_FIELDS,
    ORGANISATION_FIELDS,
    ContactData,
    OrganisationData,
)
from standortkompass.regiondata.models import Region
from standortkompass.regiondata.wz2008 import section_choices


class MunicipalityChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A Gemeinde of the process's region, shown by its name."""

    def label_from_instance(self, obj: Region) -> str:
        return obj.name


def _short_sections(length: int = 50) -> list[tuple[str, str]]:
    """Section choices short enough for a filter: the name up to its first semicolon, cut at ``length``."""
    choices = []
    for code, label in section_choices():
        short = label.split(";")[0]
        choices.append((code, short if len(short) <= length else f"{short[: length - 1].rstrip()}…"))
    return choices


class OrganisationFilterForm(KernForm):
    """Search and filters of the organisation list (GET parameters with German names)."""

    suche = forms.CharField(label=_("Name, town or external ID"), required=False, max_length=100)
    typ = forms.ChoiceField(label=_("Type"), required=False)
    gemeinde = MunicipalityChoiceField(
        label=_("Municipality"), required=False, queryset=Region.objects.none(), empty_label=_("All municipalities")
    )
    abschnitt = forms.ChoiceField(label=_("WZ 2008 section"), required=False)
    groesse = forms.ChoiceField(label=_("Size class"), required=False)

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["typ"].choices = [("", _("All types")), *OrganisationType.choices]  # type: ignore[attr-defined]
        self.fields["abschnitt"].choices = [("", _("All sections")), *_short_sections()]  # type: ignore[attr-defined]
        self.fields["groesse"].choices = [("", _("All size classes")), *SizeClass.choices]  # type: ignore[attr-defined]
        self.fields["gemeinde"].queryset = process_municipalities(process=process)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for ``organisation_search`` from the valid fields (invalid ones are ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("suche") or "",
            "organisation_type": data.get("typ") or "",
            "municipality": data.get("gemeinde"),
            "sector_section": data.get("abschnitt") or "",
            "size_class": data.get("groesse") or "",
        }


class OrganisationForm(KernModelForm):
    municipality = MunicipalityChoiceField(
        label=capfirst(Organisation._meta.get_field("municipality").verbose_name),
        required=False,
        queryset=Region.objects.none(),
        empty_label=_("– none –"),
        help_text=_("The municipality (Gemeinde) in the region of the process where the organisation is located."),
    )
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("e.g. https://www.example.org"),
    )

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.process = process
        self.instance.process = process
        self.fields["municipality"].queryset = process_municipalities(process=process)  # type: ignore[attr-defined]
        self.fields["sector_section"].help_text = _("For companies: the section of the WZ 2008 classification.")
        self.fields["sector_division"].help_text = _(
            "Two digits, e.g. 28. It must belong to the section; an empty section is filled in from it."
        )
        self.fields["size_class"].help_text = _("Filled in from the number of employees when left empty.")
        self.fields["employee_count"].help_text = _("Must fit the size class.")

    def clean_external_id(self) -> str:
        value = cast(str, self.cleaned_data["external_id"]).strip()
        taken = Organisation.objects.filter(process=self.process, external_id=value).exclude(pk=self.instance.pk)
        if value and taken.exists():
            raise forms.ValidationError(_("Another organisation of this process already has this external ID."))
        return value

    def data_for_service(self) -> OrganisationData:
        return cast(OrganisationData, {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS})


class ContactPersonForm(KernModelForm):
    consent_given_at = forms.DateTimeField(
        label=capfirst(ContactPerson._meta.get_field("consent_given_at").verbose_name),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M", "%d.%m.%Y"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time, e.g. 01.03.2026 14:30."),
    )

    class Meta:
        model = ContactPerson
        fields = CONTACT_FIELDS
        widgets = {"consent_scope": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        # The checkbox's own hint would be squeezed beside it; the fieldset explains the opt-out instead.
        self.fields["consent_to_contact"].help_text = ""
        self.fields["consent_method"].help_text = _("How the person gave consent.")

    def clean_email(self) -> str:
        email = cast(str, self.cleaned_data["email"])
        others = ContactPerson.objects.filter(organisation=self.organisation, email__iexact=email)
        if email and others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This organisation already has a contact person with this e-mail address."))
        return email

    def data_for_service(self) -> ContactData:
        return cast(ContactData, {name: self.cleaned_data[name] for name in CONTACT_FIELDS})


class OrganisationImportForm(KernForm):
    file = forms.FileField(label=_("File"), widget=forms.FileInput(attrs={"accept": ",".join(ALLOWED_SUFFIXES)}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "CSV (separated by semicolons or commas) or Excel workbook (.xlsx), at most %(size)s MB."
        ) % {"size": settings.MAX_UPLOAD_MB}
        self.fields["file"].widget.attrs["aria-describedby"] = "id_file-hint"

    def clean_file(self) -> UploadedFile[bytes]:
        upload = cast("UploadedFile[bytes]", self.cleaned_data["file"])
        name = upload.name or ""
        suffix = PurePath(name).suffix.lower()
        if suffix not in ALLOWED_SUFFIXES:
            raise forms.ValidationError(
                _("“%(name)s” is neither a CSV file (.csv) nor an Excel workbook (.xlsx)."), params={"name": name}
            )
        limit = settings.MAX_UPLOAD_MB * 1024 * 1024
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."), params={"size": settings.MAX_UPLOAD_MB}
            )
        upload.seek(0)
        data = upload.read()
        try:
            self.rows = read_table(io.BytesIO(data), name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.data_bytes = data
        self.suffix = suffix
        return upload
