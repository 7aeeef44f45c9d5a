"""Forms of the survey set-up pages: questionnaire upload and the survey's settings."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm, KernModelForm
from standortkompass.processes.forms.manage import BerlinDateTimeField, KernRadioSelect
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.models import Anonymity, Questionnaire, Survey, SurveyStatus
from standortkompass.surveys.schema import all_questions
from standortkompass.surveys.selectors.surveys import questionnaire_latest_version, questionnaires_for_process
from standortkompass.surveys.services.surveys import EDITABLE_FIELDS
from standortkompass.surveys.texts import default_text

QUESTIONNAIRE_SUFFIXES = (".xlsx", ".xls", ".csv", ".lss")
QUESTIONNAIRE_MAX_MB = 5

ANONYMITY_EXPLANATIONS = {
    Anonymity.ANONYMOUS: _(
        "The invitation only records that a company has answered; the answers are stored without any link "
        "to the invitation, without IP address and without exact times."
    ),
    Anonymity.PSEUDONYMOUS: _(
        "The answers are linked to the invitation by a number, so that reminders go only to those who have "
        "not answered; results never show names."
    ),
    Anonymity.NAMED: _(
        "The answers are stored with the company and the contact person, if the respondent agrees to this."
    ),
}

PROFILE_QUESTION_FIELDS = ("sector_question", "size_question", "municipality_question")


class QuestionnaireUploadForm(KernForm):
    file = forms.FileField(
        label=_("Questionnaire file"), widget=forms.FileInput(attrs={"accept": ",".join(QUESTIONNAIRE_SUFFIXES)})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "XLSForm as Excel workbook (.xlsx or .xls) or CSV file (.csv), or a LimeSurvey survey structure file "
            "(.lss), at most %(size)s MB."
        ) % {"size": QUESTIONNAIRE_MAX_MB}
        self.fields["file"].widget.attrs["aria-describedby"] = "id_file-hint"

    def clean_file(self) -> UploadedFile[bytes]:
        upload = cast("UploadedFile[bytes]", self.cleaned_data["file"])
        name = upload.name or ""
        if PurePath(name).suffix.lower() not in QUESTIONNAIRE_SUFFIXES:
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not a questionnaire file: choose an XLSForm (.xlsx, .xls or .csv) "
                    "or a LimeSurvey structure file (.lss)."
                ),
                params={"name": name},
            )
        if (upload.size or 0) > QUESTIONNAIRE_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The questionnaire file is larger than %(size)s MB."), params={"size": QUESTIONNAIRE_MAX_MB}
            )
        upload.seek(0)
        self.data_bytes = upload.read()
        self.filename = PurePath(name).name
        return upload


class QuestionnaireChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Questionnaire) -> str:
        version = questionnaire_latest_version(questionnaire=obj)
        if version is None:
            return obj.title
        return str(
            _("%(title)s (version %(number)d, %(status)s)")
            % {"title": obj.title, "number": version.number, "status": version.get_status_display()}
        )


def _text(texts: dict[str, str], language: str) -> str:
    return texts.get(language) or next((text for text in texts.values() if text), "")


def profile_question_choices(questionnaire: Questionnaire) -> list[tuple[str, str]]:
    """The single-choice questions of the questionnaire's newest version, as (name, "label (name)")."""
    version = questionnaire_latest_version(questionnaire=questionnaire)
    if version is None:
        return []
    language = version.schema["settings"].get("default_language") or ""
    return [
        (question["name"], f"{_text(question['label'], language) or question['name']} ({question['name']})")
        for question in all_questions(version.schema)
        if question["kind"] == "select_one"
    ]


class SurveyForm(KernModelForm):
    """The survey's settings. On a new survey the questionnaire is chosen; the profile questions offered
    are those of the chosen questionnaire (grouped by questionnaire while it is not fixed yet)."""

    class Meta:
        model = Survey
        fields = ["questionnaire", *EDITABLE_FIELDS]
        field_classes = {"opens_at": BerlinDateTimeField, "closes_at": BerlinDateTimeField}
        widgets = {
            "anonymity": KernRadioSelect,
            "introduction": forms.Textarea(attrs={"rows": 5}),
            "privacy_notice": forms.Textarea(attrs={"rows": 10}),
            "contact": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "opens_at": _("Date and time (German time); leave empty to open the survey by hand."),
            "closes_at": _("Date and time (German time); leave empty to close the survey by hand."),
            "sector_question": _("Single-choice question for the breakdown of results by sector."),
            "size_question": _("Single-choice question for the breakdown of results by size class."),
            "municipality_question": _("Single-choice question for the breakdown of results by municipality."),
        }

    def __init__(self, *args: Any, process: StrategyProcess, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.creating = self.instance.pk is None
        self.fields["suppression_threshold"].widget.attrs.update({"min": 3, "max": 50})
        self.fields["anonymity"].help_text = " ".join(
            f"{label}: {ANONYMITY_EXPLANATIONS[Anonymity(value)]}" for value, label in Anonymity.choices
        )
        if not self.creating and self.instance.status != SurveyStatus.DRAFT:
            # Respondents answered under this mode: it holds for the life of the survey.
            self.fields["anonymity"].disabled = True
            self.fields["anonymity"].help_text = _(
                "The anonymity mode cannot be changed once the survey has been opened. Close this survey and "
                "create a new one with the other mode."
            )
        if self.creating:
            questionnaires = list(questionnaires_for_process(process=process))
            self.fields["questionnaire"] = QuestionnaireChoiceField(
                queryset=questionnaires_for_process(process=process),
                label=Survey._meta.get_field("questionnaire").verbose_name,
                empty_label=None if len(questionnaires) == 1 else _("Choose a questionnaire"),
            )
            self.fields["questionnaire"].widget.attrs["class"] = "kern-form-input__select"
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _(
                "The survey is answered at /befragung/<short name>/. Leave empty to derive it from the title."
            )
            self.initial.setdefault("privacy_notice", default_text("datenschutz"))
            self.initial.setdefault("contact", default_text("kontakt"))
            grouped: list[tuple[str, list[tuple[str, str]]]] = [
                (questionnaire.title, profile_question_choices(questionnaire)) for questionnaire in questionnaires
            ]
            choices: list[Any] = [("", _("Choose automatically"))]
            choices += [(title, names) for title, names in grouped if names]
            self._questionnaire_choices = {
                questionnaire.pk: {name for name, _label in names}
                for questionnaire, (_title, names) in zip(questionnaires, grouped, strict=True)
            }
        else:
            del self.fields["questionnaire"]
            choices = [("", _("No question")), *profile_question_choices(self.instance.questionnaire)]
            offered = {value for value, _label in choices}
            # A question the newest version no longer asks stays selectable, so that saving keeps it.
            choices += [
                (value, value)
                for value in dict.fromkeys(getattr(self.instance, name) for name in PROFILE_QUESTION_FIELDS)
                if value and value not in offered
            ]
        for name in PROFILE_QUESTION_FIELDS:
            field = self.fields[name]
            self.fields[name] = forms.ChoiceField(
                label=field.label, help_text=field.help_text, choices=choices, required=False
            )
            self.fields[name].widget.attrs.update(
                {"class": "kern-form-input__select", "aria-describedby": f"id_{self.add_prefix(name)}-hint"}
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        questionnaire = cleaned.get("questionnaire")
        if self.creating and isinstance(questionnaire, Questionnaire):
            asked = self._questionnaire_choices.get(questionnaire.pk, set())
            for name in PROFILE_QUESTION_FIELDS:
                if cleaned.get(name) and cleaned[name] not in asked:
                    self.add_error(name, _("This question is not part of the chosen questionnaire."))
        return cleaned

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}
