"""Forms of the management area. They validate input; the services in processes/services write."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts.models import Role, User
from standortkompass.core.forms import KernForm, KernModelForm
from standortkompass.processes.models import (
    AccessibilityFeedback,
    Board,
    BoardMember,
    Event,
    NewsItem,
    Phase,
    SitePage,
    StrategyProcess,
)
from standortkompass.processes.services.dates import EVENT_FIELDS
from standortkompass.processes.services.pages import validate_video_upload
from standortkompass.regiondata.models import Region, RegionLevel

BERLIN = ZoneInfo("Europe/Berlin")

# The help of the optional English versions (fields ``<name>_en``, docs/decisions/0003-…).
ENGLISH_VERSION_HELP = _("Shown on the English pages; left empty, they show the German text.")
ENGLISH_MARKDOWN_HELP = _(
    "Formatted text (Markdown). Shown on the English pages; left empty, they show the German text."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class BerlinDateTimeField(forms.DateTimeField):
    """Date and time from a ``datetime-local`` input, meant as local time in Europe/Berlin."""

    widget = DateTimeLocalInput
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            return timezone.make_naive(value, BERLIN)
        return value

    def to_python(self, value: Any) -> dt.datetime | None:
        with timezone.override(BERLIN):
            return super().to_python(value)


def https_formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:  # type: ignore[type-arg]
    """Model form fields as usual, but web addresses typed without scheme get https://."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class DistrictChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Region) -> str:
        kind = f"{obj.kind} " if obj.kind and obj.kind not in obj.name else ""
        return f"{kind}{obj.name} ({obj.code})"


class AccountChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.get_full_name()} <{obj.email}>" if obj.full_name else obj.email


class ProcessCreateForm(KernForm):
    region = DistrictChoiceField(
        label=_("District"),
        queryset=Region.objects.filter(level=RegionLevel.DISTRICT).order_by("name", "code"),
        empty_label=_("Please choose"),
        help_text=_("The Landkreis or kreisfreie Stadt of the strategy, with its official key (AGS)."),
    )
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("e.g. Zukunftsstrategie Landkreis Ludwigsburg")
    )
    slug = forms.SlugField(
        label=_("Short name in web addresses"),
        max_length=80,
        required=False,
        help_text=_("Lower-case letters, digits and hyphens. Left empty, it is made from the title."),
    )
    short_description = forms.CharField(
        label=_("Short description"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    agency_name = forms.CharField(
        label=_("Agency"), max_length=200, help_text=_("The business development agency running the process.")
    )

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug and StrategyProcess.objects.filter(slug=slug).exists():
            raise ValidationError(_("Another process already uses this short name."))
        return slug


class ProcessForm(KernModelForm):
    """The settings of a process. ``is_public`` only for users who may publish."""

    class Meta:
        model = StrategyProcess
        fields = [
            "title",
            "title_en",
            "short_description",
            "short_description_en",
            "description",
            "description_en",
            "status",
            "is_public",
            "agency_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "short_description": forms.Textarea(attrs={"rows": 3}),
            "short_description_en": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 10}),
            "description_en": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {
            "title_en": ENGLISH_VERSION_HELP,
            "short_description_en": ENGLISH_VERSION_HELP,
            "description_en": ENGLISH_MARKDOWN_HELP,
        }

    def __init__(self, *args: Any, can_publish: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["is_public"]


class PhaseForm(KernModelForm):
    class Meta:
        model = Phase
        fields = ["name", "name_en", "description", "description_en", "start_date", "end_date", "state"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }
        help_texts = {
            "name_en": ENGLISH_VERSION_HELP,
            "description_en": ENGLISH_VERSION_HELP,
            "state": _("Only one phase is active at a time: marking this one active ends the previously active one."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process


class BoardForm(KernModelForm):
    class Meta:
        model = Board
        fields = ["name", "name_en", "kind", "description", "description_en", "is_public", "order"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "name_en": ENGLISH_VERSION_HELP,
            "description_en": ENGLISH_VERSION_HELP,
            "order": _("Boards are listed by this number, smallest first."),
            "is_public": _("Show the board and its members on the public boards page."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"]
        others = self.instance.process.boards.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(_("This process already has a board with this name."))
        return name


class BoardMemberForm(KernModelForm):
    class Meta:
        model = BoardMember
        fields = ["name", "organisation", "function", "user", "email", "order", "name_is_public", "name_consent_on"]
        field_classes = {"user": AccountChoiceField}
        widgets = {"name_consent_on": DateInput}
        help_texts = {
            "user": _("Only needed if the person should see board-only dates with their own log-in."),
            "order": _("Members are listed by this number, smallest first."),
            "name_is_public": _("Only with the member's consent: the public boards page shows the name."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation: forms.ModelChoiceField = self.fields["organisation"]  # type: ignore[type-arg,assignment]
        organisation.queryset = process.organisations.order_by("name")
        organisation.empty_label = _("No organisation")
        user: forms.ModelChoiceField = self.fields["user"]  # type: ignore[type-arg,assignment]
        user.queryset = User.objects.filter(memberships__process=process, is_active=True).order_by("full_name", "email")
        user.empty_label = _("No log-in")


class EventForm(KernModelForm):
    class Meta:
        model = Event
        fields = list(EVENT_FIELDS)
        field_classes = {"start": BerlinDateTimeField, "end": BerlinDateTimeField}
        formfield_callback = https_formfield
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "title_en": ENGLISH_VERSION_HELP,
            "description_en": ENGLISH_MARKDOWN_HELP,
            "start": _("Date and time (German time)."),
            "end": _("Date and time (German time); leave empty for a single point in time such as a deadline."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process
        phase: forms.ModelChoiceField = self.fields["phase"]  # type: ignore[type-arg,assignment]
        phase.queryset = process.phases.order_by("order", "start_date", "id")
        phase.empty_label = _("No phase")


class KernRadioSelect(forms.RadioSelect):
    """Radio buttons with KERN markup (the fieldset and legend come from core/field.html)."""

    template_name = "processes/manage/widgets/radio.html"


class Publication:
    DRAFT = "draft"
    NOW = "now"
    SCHEDULED = "scheduled"
    CHOICES = [
        (DRAFT, _("Draft: not published")),
        (NOW, _("Publish now")),
        (SCHEDULED, _("Published from the date below (a date in the future schedules the item)")),
    ]


class NewsForm(KernModelForm):
    field_order = [
        "title",
        "title_en",
        "teaser",
        "teaser_en",
        "body",
        "body_en",
        "publication",
        "published_at",
        "author",
        "author_name",
    ]

    publication = forms.ChoiceField(
        label=_("Publication"), choices=Publication.CHOICES, widget=KernRadioSelect, initial=Publication.DRAFT
    )
    published_at = BerlinDateTimeField(
        label=_("Publication date"), required=False, help_text=_("Date and time (German time).")
    )

    class Meta:
        model = NewsItem
        fields = ["title", "title_en", "teaser", "teaser_en", "body", "body_en", "author", "author_name"]
        field_classes = {"author": AccountChoiceField}
        widgets = {
            "teaser": forms.Textarea(attrs={"rows": 3}),
            "teaser_en": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 14}),
            "body_en": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "title_en": ENGLISH_VERSION_HELP,
            "teaser": _("One or two sentences shown in lists and the feed."),
            "teaser_en": ENGLISH_VERSION_HELP,
            "body_en": ENGLISH_MARKDOWN_HELP,
            "author_name": _("Shown instead of the author's name, e.g. the agency's name."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.process = process
        author: forms.ModelChoiceField = self.fields["author"]  # type: ignore[type-arg,assignment]
        author.queryset = User.objects.filter(
            pk__in=[
                user.pk,
                *User.objects.filter(
                    memberships__process=process, memberships__role__in=[Role.ADMIN, Role.EDITOR]
                ).values_list("pk", flat=True),
            ]
        ).order_by("full_name", "email")
        if self.instance.pk is None:
            self.initial.setdefault("author", user.pk)
        elif self.instance.published_at is not None:
            self.initial.setdefault("publication", Publication.SCHEDULED)
            self.initial.setdefault("published_at", self.instance.published_at)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        publication = cleaned.get("publication")
        if publication == Publication.SCHEDULED and not cleaned.get("published_at"):
            self.add_error("published_at", _("Enter the date from which the item is published."))
        return cleaned

    def publication_date(self) -> dt.datetime | None:
        """The publication date the choice stands for: none (draft), now, or the date entered."""
        publication = self.cleaned_data["publication"]
        if publication == Publication.NOW:
            return timezone.now()
        if publication == Publication.SCHEDULED:
            value: dt.datetime = self.cleaned_data["published_at"]
            return value
        return None


class SitePageForm(KernForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Formatted text (Markdown): ## heading, **bold**, - list, [link](https://…)."),
    )
    video = forms.FileField(
        label=_("Video in German Sign Language"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "video/mp4,video/webm"}),
    )
    remove_video = forms.BooleanField(label=_("Remove the current video"), required=False)
    video_transcript = forms.CharField(
        label=_("Description of the video"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the video says, as text (Markdown). Shown below the video."),
    )

    def __init__(self, *args: Any, page: SitePage, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if page.slug != SitePage.SIGN_LANGUAGE:
            for name in ("video", "remove_video", "video_transcript"):
                del self.fields[name]
        else:
            self.fields["video"].help_text = _(
                "MP4 or WebM, at most %(limit)s MB. A new video replaces the current one."
            ) % {"limit": settings.MAX_VIDEO_UPLOAD_MB}
            if not page.video:
                del self.fields["remove_video"]

    def clean_video(self) -> Any:
        upload = self.cleaned_data.get("video")
        if upload:
            validate_video_upload(upload)
        return upload


class FeedbackStatusForm(KernModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["status"]
