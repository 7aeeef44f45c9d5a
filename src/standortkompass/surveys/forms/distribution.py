"""Forms of the distribution pages: mail template, wave schedule, bounce and cancel actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm
from standortkompass.processes.forms.manage import BerlinDateTimeField
from standortkompass.surveys.models import MailKind, MailWave, Survey, SurveyInvitation, WaveStatus


class MailTemplateForm(KernForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 20}),
        help_text=_(
            "Placeholders in curly braces are replaced for each recipient; {link} and {abmelden} are required."
        ),
    )


class WaveScheduleForm(KernForm):
    kind = forms.ChoiceField(label=_("Kind of mail"), choices=MailKind.choices)
    scheduled_at = BerlinDateTimeField(
        label=_("Send on"),
        help_text=_("Date and time (German time). A time in the past sends the wave right away."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("scheduled_at", timezone.now().replace(second=0, microsecond=0))


class InvitationBounceForm(KernForm):
    invitation = forms.ModelChoiceField(queryset=SurveyInvitation.objects.none(), widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason"), max_length=300, help_text=_("e.g. the error message of the returned mail")
    )

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invitation_field = self.fields["invitation"]
        assert isinstance(invitation_field, forms.ModelChoiceField)
        invitation_field.queryset = SurveyInvitation.objects.filter(survey=survey)


class WaveCancelForm(KernForm):
    wave = forms.ModelChoiceField(queryset=MailWave.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args: Any, survey: Survey, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wave_field = self.fields["wave"]
        assert isinstance(wave_field, forms.ModelChoiceField)
        wave_field.queryset = MailWave.objects.filter(
            survey=survey, status__in=[WaveStatus.SCHEDULED, WaveStatus.SENDING]
        )
