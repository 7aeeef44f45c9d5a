from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from standortkompass.core.forms import KernForm


class FeedbackForm(KernForm):
    message = forms.CharField(
        label=_("What did not work for you?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_("Please describe the barrier and, if you can, what you were trying to do."),
    )
    page_url = forms.CharField(label=_("Page concerned"), max_length=500, required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your e-mail address for our answer"), required=False)
    # A field people never see; forms that fill it are from bots.
    website = forms.CharField(required=False, widget=forms.HiddenInput)
