"""Installation-wide management: the site pages (Impressum …), the go-live checklist and the feedback inbox."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import installation_permission_required
from standortkompass.accounts.http import UserRequest
from standortkompass.processes.forms.manage import FeedbackStatusForm, SitePageForm
from standortkompass.processes.models import AccessibilityFeedback, FeedbackStatus, SitePage
from standortkompass.processes.selectors import CheckState, go_live_checklist, site_page_for
from standortkompass.processes.services.pages import feedback_set_status, site_page_update
from standortkompass.processes.views.kit import paginate, query_string, render_form, save_form


@installation_permission_required("processes.edit_site_pages")
@require_GET
def site_pages(request: UserRequest) -> HttpResponse:
    return render(
        request, "processes/manage/site_pages.html", {"pages": [site_page_for(slug) for slug in SitePage.SLUGS]}
    )


@installation_permission_required("processes.view_go_live_checklist")
@require_GET
def go_live(request: UserRequest) -> HttpResponse:
    """The mandatory texts and settings of a real installation, each done, demo values or missing."""
    items = go_live_checklist()
    return render(
        request,
        "processes/manage/go_live.html",
        {
            "items": items,
            "missing": sum(1 for item in items if item.state == CheckState.MISSING),
            "demo": sum(1 for item in items if item.state == CheckState.DEMO),
        },
    )


@installation_permission_required("processes.edit_site_pages")
@require_http_methods(["GET", "POST"])
def site_page_edit(request: UserRequest, slug: str) -> HttpResponse:
    if slug not in SitePage.SLUGS:
        raise Http404(_("Page not found."))
    page = site_page_for(slug)
    heading = _("Edit page “%(title)s”") % {"title": page.title}
    initial = {"title": page.title, "body": page.body, "video_transcript": page.video_transcript}
    form = SitePageForm(request.POST or None, request.FILES or None, initial=initial, page=page)
    if save_form(
        request,
        form,
        lambda: site_page_update(
            slug=slug,
            actor=request.user,
            title=form.cleaned_data["title"],
            body=form.cleaned_data["body"],
            video_transcript=form.cleaned_data.get("video_transcript", ""),
            video=form.cleaned_data.get("video") or None,
            remove_video=form.cleaned_data.get("remove_video", False),
        ),
    ):
        messages.success(request, _("The page has been saved."))
        return redirect("manage:site_pages")
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("manage:site_pages"),
        template="processes/manage/site_page_form.html",
        page=page,
    )


@installation_permission_required("processes.view_feedback")
@require_GET
def feedback(request: UserRequest) -> HttpResponse:
    """Accessibility reports, newest first; filter by status."""
    items = AccessibilityFeedback.objects.order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status in FeedbackStatus.values:
        items = items.filter(status=status)
    else:
        status = ""
    page = paginate(request, items)
    return render(
        request,
        "processes/manage/feedback.html",
        {
            "page": page,
            "rows": [(item, FeedbackStatusForm(instance=item, prefix=f"f{item.pk}")) for item in page.object_list],
            "statuses": FeedbackStatus.choices,
            "selected_status": status,
            "query": query_string(status=status),
        },
    )


@installation_permission_required("processes.view_feedback")
@require_POST
def feedback_status(request: UserRequest, feedback_pk: int) -> HttpResponse:
    item = get_object_or_404(AccessibilityFeedback, pk=feedback_pk)
    form = FeedbackStatusForm(request.POST, instance=item, prefix=f"f{item.pk}")
    if form.is_valid():
        feedback_set_status(feedback=item, actor=request.user, status=form.cleaned_data["status"])
        messages.success(request, _("The status has been set to “%(status)s”.") % {"status": item.get_status_display()})
    else:
        messages.error(request, _("Please choose a valid status."))
    back = request.POST.get("zurueck", "")
    if back.startswith("?") or back == "":
        return redirect(reverse("manage:feedback") + back)
    return redirect("manage:feedback")
