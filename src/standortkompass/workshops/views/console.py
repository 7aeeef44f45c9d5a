"""The facilitator console of a live session (``…/sitzung/<id>/moderation/``).

One page: the phases with their state and the controls of the current one (open the next, close, reopen with
a reason, show or hide the results, the timer, the split by stakeholder group), the chosen phase's cards
(hide, merge, move into a cluster, new and renamed clusters), paper results (cards typed in, dot counts from a
pinboard), the pick for a later phase, the participation and the participants (remove one), and the results
region the projector shows (``workshops/projector/_results.html``, swapped live by ``static/workshops/live.js``).

Every control is an ordinary form: a POST to its own address, then back to the console (post/redirect/get);
an invalid paper entry shows the console again with the message at the field. No JavaScript is needed.
All of it requires ``workshops.manage``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from standortkompass.accounts.access import process_permission_required
from standortkompass.accounts.http import ProcessRequest
from standortkompass.core.forms import KernForm
from standortkompass.processes.views.kit import add_service_errors, error_text, paginate, render_form
from standortkompass.workshops.charts import results_view
from standortkompass.workshops.forms.console import (
    CardsForm,
    ClusterForm,
    ClusterRenameForm,
    PaperCardsForm,
    PaperPointsForm,
    ReopenForm,
    TimerForm,
)
from standortkompass.workshops.forms.manage import participant_label
from standortkompass.workshops.models import (
    Contribution,
    ContributionOrigin,
    InputMode,
    Item,
    ItemKind,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseState,
    SessionPhase,
)
from standortkompass.workshops.selectors.results import group_label, participation
from standortkompass.workshops.selectors.state import live_messages, phase_results, projector_context
from standortkompass.workshops.selectors.workshops import phases_of
from standortkompass.workshops.services.contributions import (
    cluster_create,
    cluster_rename,
    item_hide,
    item_move,
    items_merge,
    paper_cards,
    paper_points,
)
from standortkompass.workshops.services.participation import participant_remove
from standortkompass.workshops.services.phases import (
    phase_close,
    phase_open,
    phase_reopen,
    phase_reveal,
    phase_split,
    phase_timer,
)
from standortkompass.workshops.views.manage import console_url, phase_or_404, session_or_404
from standortkompass.workshops.views.projector import (
    join_url,
    join_url_shown,
    projector_key_path,
    qr_svg,
    watch_socket_path,
)

# Kinds in which cards are written, typed in from paper and clustered.
CARD_KINDS = frozenset({PhaseKind.CHECK_IN, PhaseKind.COLLECT, PhaseKind.CLUSTER, PhaseKind.CANVAS})
PAPER_POINT_KINDS = frozenset({PhaseKind.DOT_VOTE, PhaseKind.POINTS})
CLUSTER_KINDS = frozenset({PhaseKind.CLUSTER, PhaseKind.COLLECT})


def _phase_url(session: LiveSession, phase: SessionPhase, anchor: str = "") -> str:
    url = f"{console_url(session)}?phase={phase.pk}"
    return f"{url}#{anchor}" if anchor else url


def _selected(session: LiveSession, phases: list[SessionPhase], value: str | None) -> SessionPhase | None:
    if value and value.isdigit():
        for phase in phases:
            if phase.pk == int(value):
                return phase
    if session.current_phase_id is not None:
        for phase in phases:
            if phase.pk == session.current_phase_id:
                return phase
    return phases[0] if phases else None


def _next_phase(session: LiveSession, phases: list[SessionPhase]) -> SessionPhase | None:
    """The first pending phase after the current one (or the first pending phase at all)."""
    current = next((phase for phase in phases if phase.pk == session.current_phase_id), None)
    after = [
        phase for phase in phases if current is None or (phase.position, phase.pk) > (current.position, current.pk)
    ]
    return next((phase for phase in after if phase.state == PhaseState.PENDING), None)


def _tree(items: list[Item]) -> list[dict[str, Any]]:
    """The phase's items as the console lists them: each item that stands on its own with its members (cards
    in a cluster, duplicates merged into a card), clusters first."""
    members: dict[int, list[Item]] = {}
    for item in items:
        if item.cluster_id is not None:
            members.setdefault(item.cluster_id, []).append(item)

    def node(item: Item, depth: int = 0) -> dict[str, Any]:
        children = members.get(item.pk, []) if depth < 10 else []
        return {"item": item, "members": [node(child, depth + 1) for child in children]}

    known = {item.pk for item in items}
    roots = [item for item in items if item.cluster_id is None or item.cluster_id not in known]
    roots.sort(key=lambda item: (item.kind != ItemKind.CLUSTER, item.position, item.pk))
    return [node(item) for item in roots]


def _paper_counts(phase: SessionPhase) -> dict[int, int]:
    rows = Contribution.objects.filter(phase=phase, participant__isnull=True, origin=ContributionOrigin.PAPER)
    return {row.item_id: row.value or 0 for row in rows}


def _forms(session: LiveSession, phase: SessionPhase | None, items: list[Item]) -> dict[str, KernForm]:
    if phase is None:
        return {}
    visible = [item for item in items if not item.hidden]
    cards = [item for item in visible if item.kind == ItemKind.CARD]
    clusters = [item for item in visible if item.kind == ItemKind.CLUSTER and item.cluster_id is None]
    roots = [item for item in visible if item.cluster_id is None]
    seconds = int(phase.setting("timer_seconds") or 0)
    return {
        "cards_form": CardsForm(cards=cards, clusters=clusters, every=items),
        "cluster_form": ClusterForm(auto_id="id_cluster_%s"),
        "rename_form": ClusterRenameForm(clusters=clusters, auto_id="id_rename_%s"),
        "paper_cards_form": PaperCardsForm(session=session, auto_id="id_paper_%s"),
        "paper_points_form": PaperPointsForm(items=roots, counts=_paper_counts(phase), auto_id="id_points_%s"),
        "timer_form": TimerForm(initial={"minutes": seconds // 60 or 5}, auto_id="id_timer_%s"),
    }


def _chosen(form: Any) -> list[str]:
    """The cards ticked in a posted card form (ticked again when the console shows its errors)."""
    return list(form.data.getlist("items")) if form is not None and form.is_bound else []


def _cards(
    request: ProcessRequest, session: LiveSession, phases: list[SessionPhase], bound: dict[str, Any]
) -> dict[str, Any]:
    """The chosen phase (``?phase=``, else the posted one's or the current), its cards and the forms (``bound``
    replaces a form by the posted one with its errors): what the page and its card list share."""
    wanted = request.GET.get("phase") or (str(bound.pop("phase").pk) if "phase" in bound else None)
    phase = _selected(session, phases, wanted)
    items = list(phase.items.select_related("author", "table").order_by("position", "id")) if phase else []
    forms = _forms(session, phase, items)
    forms.update({name: form for name, form in bound.items() if name.endswith("_form")})
    return {
        "process": request.process,
        "session": session,
        "phase": phase,
        "tree": _tree(items),
        "hidden_count": sum(1 for item in items if item.hidden),
        "cluster_phase": phase is not None and phase.kind in CLUSTER_KINDS,
        "chosen": _chosen(bound.get("cards_form")),
        **forms,
    }


def _console(request: ProcessRequest, session: LiveSession, **bound: Any) -> HttpResponse:
    """The console page; ``bound`` replaces a form by the posted one with its errors."""
    phases = phases_of(session)
    cards = _cards(request, session, phases, bound)
    phase: SessionPhase | None = cards["phase"]
    people = session.participants.filter(removed_at__isnull=True).select_related("table").order_by("joined_at", "id")
    counts = participation(session)
    result = phase_results(phase) if phase is not None and phase.state != PhaseState.PENDING else None
    context: dict[str, Any] = {
        **cards,
        "workshop": session.workshop,
        "phases": phases,
        "current": next((entry for entry in phases if entry.pk == session.current_phase_id), None),
        "next_phase": _next_phase(session, phases),
        "card_phase": phase is not None and phase.kind in CARD_KINDS,
        "paper_points_phase": phase is not None and phase.kind in PAPER_POINT_KINDS,
        "pick_targets": [
            entry
            for entry in phases
            if phase is not None
            and entry.input_phase_id == phase.pk
            and entry.input_mode == InputMode.PICK
            and entry.state == PhaseState.PENDING
            and entry.opened_at is None
        ],
        "reveal_setting": phase.setting("reveal") if phase else "",
        "own_result": results_view(phase.kind, result, split=phase.split_by_group, large=False) if phase else None,
        "participation": counts,
        "groups": [{"label": group_label(key), **figures} for key, figures in (counts.get("by_group") or {}).items()],
        "participants": paginate(request, people),
        "removed_count": counts.get("removed", 0),
        "join_url": join_url(session),
        "join_url_shown": join_url_shown(session),
        "projector_key_path": projector_key_path(session),
        "qr_code": qr_svg(session, scale=4),
        "socket_path": watch_socket_path(session),
        "results_url": reverse("workshops_manage:projector_results", args=[session.workshop.process_id, session.pk]),
        "cards_url": _cards_url(session, phase),
        "live_messages": live_messages(),
    }
    context["projector"] = projector_context(session)
    return render(request, "workshops/console/console.html", context)


def _cards_url(session: LiveSession, phase: SessionPhase | None) -> str:
    if phase is None:
        return ""
    url = reverse("workshops_manage:console_cards", args=[session.workshop.process_id, session.pk])
    return f"{url}?phase={phase.pk}"


@process_permission_required("workshops.manage")
@require_GET
def console(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    return _console(request, session_or_404(request, session_pk))


@process_permission_required("workshops.manage")
@require_GET
def console_cards(request: ProcessRequest, process_pk: int, session_pk: int) -> HttpResponse:
    """The chosen phase's card list alone: fetched again by the console's script when cards change."""
    session = session_or_404(request, session_pk)
    context = _cards(request, session, phases_of(session), {})
    return render(request, "workshops/console/_cards.html", context)


# --- the phase's controls --------------------------------------------------------------------------------------


def _act(request: ProcessRequest, action: Any, success: str) -> None:
    try:
        action()
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, success)


@process_permission_required("workshops.manage")
@require_POST
def phase_open_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    _act(
        request,
        lambda: phase_open(phase=phase, actor=request.user),
        _("The phase “%(title)s” is open.") % {"title": phase},
    )
    return redirect(console_url(session))


@process_permission_required("workshops.manage")
@require_POST
def phase_close_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    _act(
        request,
        lambda: phase_close(phase=phase, actor=request.user),
        _("The phase “%(title)s” is closed; its result is kept.") % {"title": phase},
    )
    return redirect(_phase_url(session, phase))


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def phase_reopen_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase_reopen(phase=phase, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The phase “%(title)s” is open again.") % {"title": phase})
            return redirect(console_url(session))
    return render_form(
        request,
        form=form,
        title=_("Reopen the phase “%(title)s”") % {"title": phase},
        submit_label=_("Reopen the phase"),
        cancel_url=_phase_url(session, phase),
        template="workshops/console/reopen.html",
        session=session,
        phase=phase,
    )


def _flag(request: ProcessRequest, name: str) -> bool:
    return request.POST.get(name) == "1"


@process_permission_required("workshops.manage")
@require_POST
def phase_reveal_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    revealed = _flag(request, "revealed")
    _act(
        request,
        lambda: phase_reveal(phase=phase, actor=request.user, revealed=revealed),
        _("The results are shown.") if revealed else _("The results are hidden again."),
    )
    return redirect(_phase_url(session, phase))


@process_permission_required("workshops.manage")
@require_POST
def phase_split_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    split = _flag(request, "split")
    _act(
        request,
        lambda: phase_split(phase=phase, actor=request.user, split=split),
        _("The results are shown by stakeholder group.") if split else _("The results are shown for all together."),
    )
    return redirect(_phase_url(session, phase))


@process_permission_required("workshops.manage")
@require_POST
def phase_timer_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    if "stop" in request.POST:
        _act(request, lambda: phase_timer(phase=phase, actor=request.user, seconds=0), _("The timer is stopped."))
        return redirect(_phase_url(session, phase))
    form = TimerForm(request.POST, auto_id="id_timer_%s")
    if not form.is_valid():
        return _console(request, session, phase=phase, timer_form=form)
    minutes = form.cleaned_data["minutes"]
    _act(
        request,
        lambda: phase_timer(phase=phase, actor=request.user, seconds=minutes * 60),
        _("The timer runs for %(minutes)d minutes.") % {"minutes": minutes},
    )
    return redirect(_phase_url(session, phase))


# --- cards and clusters ----------------------------------------------------------------------------------------


def _phase_items(phase: SessionPhase) -> list[Item]:
    return list(phase.items.order_by("position", "id"))


@process_permission_required("workshops.manage")
@require_POST
def cards_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    """The card list's actions: merge the chosen cards, move them into a cluster, hide or show them."""
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    items = _phase_items(phase)
    visible = [item for item in items if not item.hidden]
    form = CardsForm(
        request.POST,
        cards=[item for item in visible if item.kind == ItemKind.CARD],
        clusters=[item for item in visible if item.kind == ItemKind.CLUSTER and item.cluster_id is None],
        every=items,
    )
    if not form.is_valid():
        return _console(request, session, phase=phase, cards_form=form)
    data = form.cleaned_data
    chosen: list[Item] = data["chosen"]
    try:
        if data["action"] in ("hide", "show"):
            hidden = data["action"] == "hide"
            for item in chosen:
                item_hide(item=item, actor=request.user, hidden=hidden)
            text = (
                _("Hidden: %(count)d cards. They no longer appear anywhere.")
                if hidden
                else _("Shown again: %(count)d cards.")
            )
            messages.success(request, text % {"count": len(chosen)})
        elif data["action"] == "merge":
            target: Item = data["target_item"]
            others = [item for item in chosen if item.pk != target.pk]
            items_merge(target=target, items=others, actor=request.user)
            messages.success(
                request,
                _("%(count)d cards have been merged into “%(card)s”.") % {"count": len(others), "card": target.text},
            )
        else:
            cluster: Item | None = data["cluster_item"]
            for item in chosen:
                item_move(item=item, cluster=cluster, actor=request.user)
            if cluster is None:
                messages.success(
                    request, _("%(count)d cards have been taken out of their cluster.") % {"count": len(chosen)}
                )
            else:
                messages.success(
                    request,
                    _("%(count)d cards have been moved into the cluster “%(cluster)s”.")
                    % {"count": len(chosen), "cluster": cluster.text},
                )
    except ValidationError as error:
        add_service_errors(form, error)
        return _console(request, session, phase=phase, cards_form=form)
    return redirect(_phase_url(session, phase, "karten"))


@process_permission_required("workshops.manage")
@require_POST
def cluster_create_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    form = ClusterForm(request.POST, auto_id="id_cluster_%s")
    if form.is_valid():
        try:
            cluster = cluster_create(phase=phase, actor=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cluster “%(cluster)s” has been created.") % {"cluster": cluster.text})
            return redirect(_phase_url(session, phase, "karten"))
    return _console(request, session, phase=phase, cluster_form=form)


@process_permission_required("workshops.manage")
@require_POST
def cluster_rename_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    clusters = [item for item in _phase_items(phase) if item.kind == ItemKind.CLUSTER and not item.hidden]
    form = ClusterRenameForm(request.POST, clusters=clusters, auto_id="id_rename_%s")
    if form.is_valid():
        try:
            renamed = cluster_rename(cluster=form.cluster_item(), text=form.cleaned_data["text"], actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cluster is now called “%(cluster)s”.") % {"cluster": renamed.text})
            return redirect(_phase_url(session, phase, "karten"))
    return _console(request, session, phase=phase, rename_form=form)


# --- paper results ---------------------------------------------------------------------------------------------


@process_permission_required("workshops.manage")
@require_POST
def paper_cards_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    form = PaperCardsForm(request.POST, session=session, auto_id="id_paper_%s")
    if form.is_valid():
        try:
            created = paper_cards(
                phase=phase, actor=request.user, texts=form.cleaned_data["texts"], table=form.cleaned_data.get("table")
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("%(count)d paper cards have been entered.") % {"count": len(created)})
            return redirect(_phase_url(session, phase, "papier"))
    return _console(request, session, phase=phase, paper_cards_form=form)


@process_permission_required("workshops.manage")
@require_POST
def paper_points_view(request: ProcessRequest, process_pk: int, session_pk: int, phase_pk: int) -> HttpResponse:
    session = session_or_404(request, session_pk)
    phase = phase_or_404(session, phase_pk)
    roots = [item for item in _phase_items(phase) if not item.hidden and item.cluster_id is None]
    form = PaperPointsForm(request.POST, items=roots, auto_id="id_points_%s")
    if form.is_valid():
        counts = form.counts()
        try:
            paper_points(phase=phase, actor=request.user, counts=counts)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The paper dots have been entered: %(count)d in all.") % {"count": sum(counts.values())}
            )
            return redirect(_phase_url(session, phase, "papier"))
    return _console(request, session, phase=phase, paper_points_form=form)


# --- participants ----------------------------------------------------------------------------------------------


@process_permission_required("workshops.manage")
@require_http_methods(["GET", "POST"])
def participant_remove_view(
    request: ProcessRequest, process_pk: int, session_pk: int, participant_pk: Any
) -> HttpResponse:
    session = session_or_404(request, session_pk)
    participant = Participant.objects.filter(Q(session=session) & Q(pk=participant_pk)).first()
    if participant is None:
        raise Http404(_("Page not found."))
    back = f"{console_url(session)}#teilnehmende"
    if request.method == "POST":
        _act(
            request,
            lambda: participant_remove(participant=participant, actor=request.user),
            _("The participant has been removed; their device can no longer take part."),
        )
        return redirect(back)
    return render(
        request,
        "workshops/console/participant_remove.html",
        {
            "process": request.process,
            "session": session,
            "participant": participant,
            "label": participant_label(participant),
            "cancel_url": back,
        },
    )
