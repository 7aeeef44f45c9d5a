"""Management of the news items (Aktuelles) of a process."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.processes.forms.manage import NewsForm
from standortkompass.processes.models import NewsItem
from standortkompass.processes.services.news import NewsData, news_create, news_delete, news_update
from standortkompass.processes.views.kit import confirm_delete, paginate, query_string, render_form, save_form


def _item(request: ProcessRequest, pk: int) -> NewsItem:
    return get_object_or_404(NewsItem, pk=pk, process=request.process)


def _data(form: NewsForm) -> NewsData:
    return NewsData(
        title=form.cleaned_data["title"],
        title_en=form.cleaned_data["title_en"],
        teaser=form.cleaned_data["teaser"],
        teaser_en=form.cleaned_data["teaser_en"],
        body=form.cleaned_data["body"],
        body_en=form.cleaned_data["body_en"],
        author=form.cleaned_data["author"],
        author_name=form.cleaned_data["author_name"],
        published_at=form.publication_date(),
    )


@process_permission_required("processes.edit_content")
@require_GET
def news(request: ProcessRequest, process_pk: int) -> HttpResponse:
    """All news items of the process, drafts first, then newest; search in title and teaser (``q``)."""
    process = request.process
    items = process.news.select_related("author").order_by("-published_at", "-created_at", "-id")
    search = request.GET.get("q", "").strip()[:200]
    if search:
        items = items.filter(Q(title__icontains=search) | Q(teaser__icontains=search))
    return render(
        request,
        "processes/manage/news.html",
        {
            "process": process,
            "page": paginate(request, items),
            "search": search,
            "query": query_string(q=search),
            "now": timezone.now(),
        },
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def news_create_view(request: ProcessRequest, process_pk: int) -> HttpResponse:
    process = request.process
    user = request.user
    form = NewsForm(request.POST or None, process=process, user=user)
    if saved := save_form(request, form, lambda: news_create(process=process, actor=user, data=_data(form))):
        messages.success(request, _("The news item “%(title)s” has been created.") % {"title": saved.value.title})
        return redirect("manage:news", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=_("New news item"),
        submit_label=_("Create news item"),
        cancel_url=reverse("manage:news", args=[process.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def news_edit(request: ProcessRequest, process_pk: int, news_pk: int) -> HttpResponse:
    process = request.process
    user = request.user
    item = _item(request, news_pk)
    heading = _("Edit news item “%(title)s”") % {"title": item.title}
    form = NewsForm(request.POST or None, instance=item, process=process, user=user)
    if save_form(request, form, lambda: news_update(item=item, actor=user, data=_data(form))):
        messages.success(request, _("The news item “%(title)s” has been saved.") % {"title": item.title})
        return redirect("manage:news", process_pk=process.pk)
    return render_form(
        request,
        form=form,
        title=heading,
        cancel_url=reverse("manage:news", args=[process.pk]),
        delete_url=reverse("manage:news_delete", args=[process.pk, item.pk]),
    )


@process_permission_required("processes.edit_content")
@require_http_methods(["GET", "POST"])
def news_delete_view(request: ProcessRequest, process_pk: int, news_pk: int) -> HttpResponse:
    item = _item(request, news_pk)
    url = reverse("manage:news", args=[process_pk])
    return confirm_delete(
        request,
        obj=item,
        title=_("Delete news item “%(title)s”?") % {"title": item.title},
        cancel_url=url,
        success_url=url,
        delete=lambda: news_delete(item=item, actor=request.user),
    )
