from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standortkompass.regiondata.wz2008 import section_choices, section_of_division


class OrganisationType(models.TextChoices):
    ADMINISTRATION = "administration", pgettext_lazy("organisation type", "Administration")
    MUNICIPALITY = "municipality", pgettext_lazy("organisation type", "Municipality")
    ASSOCIATION = "association", _("Association")
    CHAMBER = "chamber", _("Chamber")
    LABOUR_MARKET = "labour_market", _("Labour market")
    EDUCATION = "education", _("Education")
    COMPANY = "company", _("Company")
    SPONSOR = "sponsor", _("Sponsor")
    CONSULTANCY = "consultancy", _("Consultancy")


class SizeClass(models.TextChoices):
    MICRO = "0-9", _("0–9 employees")
    SMALL = "10-49", _("10–49 employees")
    MEDIUM = "50-249", _("50–249 employees")
    LARGE = "250+", _("250 and more employees")


SIZE_CLASS_BOUNDS: dict[str, tuple[int, int | None]] = {
    SizeClass.MICRO: (0, 9),
    SizeClass.SMALL: (10, 49),
    SizeClass.MEDIUM: (50, 249),
    SizeClass.LARGE: (250, None),
}


def size_class_for(employees: int) -> str:
    for size_class, (low, high) in SIZE_CLASS_BOUNDS.items():
        if employees >= low and (high is None or employees <= high):
            return size_class
    raise ValueError(employees)


class Organisation(models.Model):
    """An actor of the process: administration, municipality, chamber, company, sponsor ..."""

    process = models.ForeignKey(
        "processes.StrategyProcess", verbose_name=_("process"), on_delete=models.CASCADE, related_name="organisations"
    )
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=OrganisationType.choices)
    external_id = models.CharField(
        _("external ID"),
        max_length=64,
        blank=True,
        help_text=_("Key from the source list (e.g. the chamber's member number); used to update on re-import."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    city = models.CharField(_("town"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "regiondata.Region",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": "municipality"},
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("public description"), blank=True)
    is_public = models.BooleanField(_("show on public actors page"), default=False)
    sector_section = models.CharField(_("WZ 2008 section"), max_length=1, blank=True, choices=section_choices())
    sector_division = models.CharField(_("WZ 2008 division"), max_length=2, blank=True)
    size_class = models.CharField(_("size class"), max_length=10, blank=True, choices=SizeClass.choices)
    employee_count = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "external_id"], condition=~Q(external_id=""), name="unique_external_id_per_process"
            )
        ]
        indexes = [models.Index(fields=["process", "type"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str | Promise] = {}
        if self.postal_code and not (self.postal_code.isdigit() and len(self.postal_code) == 5):
            errors["postal_code"] = _("A German postal code has five digits.")
        if self.sector_division:
            section = section_of_division(self.sector_division)
            if section is None:
                errors["sector_division"] = _("%(code)s is not a WZ 2008 division.") % {"code": self.sector_division}
            elif self.sector_section and section != self.sector_section:
                errors["sector_division"] = _("Division %(division)s belongs to section %(section)s.") % {
                    "division": self.sector_division,
                    "section": section,
                }
            elif not self.sector_section:
                self.sector_section = section
        if self.employee_count is not None:
            derived = size_class_for(self.employee_count)
            if self.size_class and self.size_class != derived:
                errors["size_class"] = _("%(count)s employees do not fit size class %(size)s.") % {
                    "count": self.employee_count,
                    "size": self.size_class,
                }
            else:
                self.size_class = derived
        if errors:
            raise ValidationError(errors)


class ConsentMethod(models.TextChoices):
    ONLINE = "online", _("Online form")
    EMAIL = "email", _("E-mail")
    WRITTEN = "written", _("In writing")
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Telephone")
    IMPORT = "import", _("Imported with the source list")


class ContactPerson(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("e.g. managing director, mayor"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    consent_to_contact = models.BooleanField(_("agrees to be contacted"), default=False)
    consent_scope = models.CharField(
        _("consent covers"),
        max_length=300,
        blank=True,
        help_text=_("What the person agreed to, e.g. invitations to the survey and workshops."),
    )
    consent_given_at = models.DateTimeField(_("consent given on"), null=True, blank=True)
    consent_method = models.CharField(_("consent given by"), max_length=20, choices=ConsentMethod.choices, blank=True)
    opted_out_at = models.DateTimeField(_("opted out on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["organisation", "name"]
        constraints = [
            # Re-imports find a contact by e-mail within its organisation, so it must be unambiguous.
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=~Q(email=""),
                name="unique_contact_email_per_organisation",
                violation_error_message=_("This organisation already has a contact person with this e-mail address."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.consent_to_contact:
            return
        errors: dict[str, str | Promise] = {}
        if not self.consent_scope.strip():
            errors["consent_scope"] = _("Record what the person agreed to.")
        if self.consent_given_at is None:
            errors["consent_given_at"] = _("Record when the person gave consent.")
        elif self.consent_given_at > timezone.now():
            errors["consent_given_at"] = _("Consent cannot have been given in the future.")
        if not self.consent_method:
            errors["consent_method"] = _("Record how the person gave consent.")
        if errors:
            raise ValidationError(errors)

    @property
    def may_be_contacted(self) -> bool:
        return self.consent_to_contact and self.opted_out_at is None and bool(self.email)
