"""Distribution of a survey: dashboard of response rates, invitations, mail templates and waves.

All management views need ``surveys.manage`` and find the survey only in ``request.process``.
``optout`` is the public page behind the opt-out link of every mail (wired in surveys/urls/public.py).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.views.kit import paginate, query_string, save_form
from standortkompass.surveys.forms.distribution import (
    InvitationBounceForm,
    MailTemplateForm,
    WaveCancelForm,
    WaveScheduleForm,
)
from standortkompass.surveys.mail_defaults import PLACEHOLDERS, render_placeholders
from standortkompass.surveys.mail_rendering import mail_values
from standortkompass.surveys.models import MailKind, MailTemplate, Survey, SurveyInvitation, WaveStatus
from standortkompass.surveys.selectors.distribution import (
    InvitationState,
    invitation_state,
    invitations_list,
    response_rates,
    waves_list,
)
from standortkompass.surveys.selectors.invitations import invitation_for_token
from standortkompass.surveys.selectors.mail import mail_template_for
from standortkompass.surveys.services.invitations import (
    SkipReason,
    invitation_mark_bounced,
    invitation_opt_out,
    invitations_create_from_registry,
)
from standortkompass.surveys.services.mail_templates import mail_template_reset, mail_template_save
from standortkompass.surveys.services.waves import wave_cancel, wave_schedule
from standortkompass.surveys.views.common import request_survey

STATE_LABELS = {
    InvitationState.NOT_SENT: gettext_lazy("not yet sent"),
    InvitationState.INVITED: gettext_lazy("invited"),
    InvitationState.REMINDED: gettext_lazy("reminded"),
    InvitationState.STARTED: gettext_lazy("started"),
    InvitationState.COMPLETED: gettext_lazy("completed"),
    InvitationState.OPTED_OUT: gettext_lazy("opted out"),
    InvitationState.BOUNCED: gettext_lazy("undeliverable"),
}

SKIP_MESSAGES = {
    SkipReason.ALREADY_INVITED: ngettext_lazy(
        "%(count)d contact person was already invited.", "%(count)d contact persons were already invited.", "count"
    ),
    SkipReason.EMAIL_ALREADY_INVITED: ngettext_lazy(
        "%(count)d contact person has an e-mail address that is already invited.",
        "%(count)d contact persons have an e-mail address that is already invited.",
        "count",
    ),
    SkipReason.NO_EMAIL: ngettext_lazy(
        "%(count)d contact person has no e-mail address.", "%(count)d contact persons have no e-mail address.", "count"
    ),
    SkipReason.OPTED_OUT: ngettext_lazy(
        "%(count)d contact person has opted out of being contacted.",
        "%(count)d contact persons have opted out of being contacted.",
        "count",
    ),
    SkipReason.NO_CONSENT: ngettext_lazy(
        "%(count)d contact person has not agreed to be contacted.",
        "%(count)d contact persons have not agreed to be contacted.",
        "count",
    ),
}


def _kind(mail_kind: str) -> str:
    if mail_kind not in MailKind.values:
        raise Http404(_("Page not found."))
    return mail_kind


def _dashboard_url(survey: Survey) -> str:
    return reverse("surveys_manage:distribution", args=[survey.process_id, survey.pk])


def _render_dashboard(request: ProcessRequest, survey: Survey, schedule_form: BaseForm | None = None) -> HttpResponse:
    waves = waves_list(survey=survey)
    rates = response_rates(survey=survey)
    custom = set(MailTemplate.objects.filter(survey=survey).values_list("kind", flat=True))
    return render(
        request,
        "surveys/manage/distribution.html",
        {
            "process": survey.process,
            "survey": survey,
            "rates": rates,
            "overall_rows": [rates.overall],
            "waves": waves,
            "open_waves": [wave for wave in waves if wave.status in (WaveStatus.SCHEDULED, WaveStatus.SENDING)],
            "schedule_form": schedule_form or WaveScheduleForm(),
            "mail_kinds": [(value, label, value in custom) for value, label in MailKind.choices],
            "invitation_count": SurveyInvitation.objects.filter(survey=survey).count(),
        },
    )


@process_permission_required("surveys.manage")
@require_GET
def distribution(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    """Response rates by group and against the register, mail waves, templates."""
    return _render_dashboard(request, request_survey(request, survey_pk))


@process_permission_required("surveys.manage")
@require_POST
def wave_schedule_view(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    form = WaveScheduleForm(request.POST)
    if saved := save_form(
        request,
        form,
        lambda: wave_schedule(
            survey=survey,
            kind=form.cleaned_data["kind"],
            scheduled_at=form.cleaned_data["scheduled_at"],
            actor=request.user,
        ),
    ):
        when = formats.date_format(timezone.localtime(saved.value.scheduled_at), "DATETIME_FORMAT")
        messages.success(
            request,
            _("The %(kind)s wave is scheduled for %(when)s.") % {"kind": saved.value.get_kind_display(), "when": when},
        )
        return redirect(_dashboard_url(survey))
    return _render_dashboard(request, survey, schedule_form=form)


@process_permission_required("surveys.manage")
@require_POST
def wave_cancel_view(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    form = WaveCancelForm(request.POST, survey=survey)
    if not form.is_valid():
        messages.error(request, _("This wave can no longer be cancelled."))
        return redirect(_dashboard_url(survey))
    try:
        wave_cancel(wave=form.cleaned_data["wave"], actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The wave has been cancelled. Mails already sent stay sent."))
    return redirect(_dashboard_url(survey))


@process_permission_required("surveys.manage")
@require_GET
def invitations(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    """The invitations with their state; search by organisation, person or e-mail (``q``)."""
    survey = request_survey(request, survey_pk)
    search = request.GET.get("q", "").strip()[:200]
    page = paginate(request, invitations_list(survey=survey, search=search))
    rows = [
        {
            "invitation": invitation,
            "state": invitation_state(invitation),
            "state_label": STATE_LABELS[invitation_state(invitation)],
        }
        for invitation in page.object_list
    ]
    return render(
        request,
        "surveys/manage/distribution_invitations.html",
        {
            "process": survey.process,
            "survey": survey,
            "page": page,
            "rows": rows,
            "search": search,
            "query": query_string(q=search),
        },
    )


@process_permission_required("surveys.manage")
@require_POST
def invitations_create(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    """Invite every contact person of the process's companies who may be contacted."""
    survey = request_survey(request, survey_pk)
    result = invitations_create_from_registry(survey=survey, actor=request.user)
    created = len(result.created)
    text = ngettext("%(count)d invitation created.", "%(count)d invitations created.", created)
    messages.success(request, text % {"count": created})
    for reason, contacts in result.skipped.items():
        messages.info(request, SKIP_MESSAGES[reason] % {"count": len(contacts)})
    return redirect("surveys_manage:distribution_invitations", process_pk=survey.process_id, survey_pk=survey.pk)


@process_permission_required("surveys.manage")
@require_POST
def invitation_bounce(request: ProcessRequest, process_pk: int, survey_pk: int) -> HttpResponse:
    survey = request_survey(request, survey_pk)
    form = InvitationBounceForm(request.POST, survey=survey)
    back = reverse("surveys_manage:distribution_invitations", args=[survey.process_id, survey.pk])
    if not form.is_valid():
        messages.error(request, _("Give the reason why the mail could not be delivered."))
        return redirect(back)
    invitation = invitation_mark_bounced(
        invitation=form.cleaned_data["invitation"], reason=form.cleaned_data["reason"], actor=request.user
    )
    messages.success(
        request, _("%(email)s is recorded as undeliverable and gets no more mails.") % {"email": invitation.email}
    )
    return redirect(back)


@process_permission_required("surveys.manage")
@require_http_methods(["GET", "POST"])
def template(request: ProcessRequest, process_pk: int, survey_pk: int, mail_kind: str) -> HttpResponse:
    """Edit the survey's text of an invitation or reminder mail, or go back to the default."""
    survey = request_survey(request, survey_pk)
    kind = _kind(mail_kind)
    subject, body = mail_template_for(survey=survey, kind=kind)
    form = MailTemplateForm(request.POST or None, initial={"subject": subject, "body": body})
    if request.method == "POST" and request.POST.get("action") == "reset":
        mail_template_reset(survey=survey, kind=kind, actor=request.user)
        messages.success(request, _("The default text is used again."))
        return redirect(
            "surveys_manage:distribution_template", process_pk=survey.process_id, survey_pk=survey.pk, mail_kind=kind
        )
    if save_form(
        request,
        form,
        lambda: mail_template_save(
            survey=survey,
            kind=kind,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            actor=request.user,
        ),
    ):
        messages.success(request, _("The mail text has been saved. Waves already scheduled keep their text."))
        return redirect(_dashboard_url(survey))
    return render(
        request,
        "surveys/manage/distribution_template.html",
        {
            "process": survey.process,
            "survey": survey,
            "form": form,
            "kind_label": MailKind(kind).label,
            "kind": kind,
            "placeholders": [("{" + name + "}", description) for name, description in PLACEHOLDERS.items()],
            "is_custom": MailTemplate.objects.filter(survey=survey, kind=kind).exists(),
            "cancel_url": _dashboard_url(survey),
        },
    )


def _link_placeholder(survey: Survey, text: str) -> str:
    """The survey's invitation link with a visible stand-in for the token (no real token in a preview)."""
    marker = "TOKEN"
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("survey:invitation", kwargs={"survey_slug": survey.slug, "token": marker})
    return f"{settings.SITE_URL}{path}".replace(f"{marker}/", text)


@process_permission_required("surveys.manage")
@require_GET
def preview(request: ProcessRequest, process_pk: int, survey_pk: int, mail_kind: str) -> HttpResponse:
    """The current text of ``mail_kind`` as the first invited contact would get it, without a real link."""
    survey = request_survey(request, survey_pk)
    kind = _kind(mail_kind)
    subject, body = mail_template_for(survey=survey, kind=kind)
    sample = (
        SurveyInvitation.objects.filter(survey=survey, contact__isnull=False)
        .select_related("contact", "organisation")
        .order_by("pk")
        .first()
    )
    values: dict[str, Any] | None = None
    if sample is not None:
        values = mail_values(
            survey=survey,
            invitation=sample,
            link=_link_placeholder(survey, _("(personal link)")),
            optout=_("(personal opt-out link)"),
        )
    return render(
        request,
        "surveys/manage/distribution_preview.html",
        {
            "process": survey.process,
            "survey": survey,
            "kind": kind,
            "kind_label": MailKind(kind).label,
            "sample": sample,
            "subject": render_placeholders(subject, values) if values else subject,
            "body": render_placeholders(body, values) if values else body,
        },
    )


@require_http_methods(["GET", "POST"])
def optout(request: HttpRequest, survey_slug: str, token: str) -> HttpResponse:
    """The opt-out link of a mail: GET asks (mail scanners follow links), POST records it."""
    survey = get_object_or_404(Survey.objects.select_related("process"), slug=survey_slug)
    invitation = invitation_for_token(survey=survey, token=token)
    if invitation is None:
        raise Http404(_("Page not found."))
    done = invitation.opted_out_at is not None
    if request.method == "POST" and not done:
        invitation_opt_out(survey=survey, token=token)
        done = True
    response = render(request, "surveys/distribution_optout.html", {"survey": survey, "done": done})
    response["Referrer-Policy"] = "no-referrer"
    return response
