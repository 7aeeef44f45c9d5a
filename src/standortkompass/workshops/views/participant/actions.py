"""The participant's actions, each a plain form POST that redirects back to the session's page (post/redirect/get);
a refused one shows the page again with the error summary focused, status 400."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from itertools import combinations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from standortkompass.workshops.forms import participant as forms
from standortkompass.workshops.models import (
    Commitment,
    Item,
    Participant,
    PhaseKind,
    SessionPhase,
    SessionState,
)
from standortkompass.workshops.selectors import participants as selectors
from standortkompass.workshops.services import contributions
from standortkompass.workshops.services.participation import participant_update
from standortkompass.workshops.views.participant.screens import canvas_fields, page, phase_criteria, phase_items
from standortkompass.workshops.views.participant.visits import (
    RefusedError,
    ThrottledError,
    Visit,
    form_errors,
    refused_by,
    session_url,
    too_many,
    visit_for,
)


def _action(handler: Callable[[HttpRequest, Visit, Participant], str]) -> Callable[..., HttpResponse]:
    """A participant's POST: refused for someone removed (403), sent to the join page without a cookie; the
    handler returns the anchor to go back to, or raises :class:`RefusedError`."""

    @never_cache
    @require_POST
    @wraps(handler)
    def view(request: HttpRequest, code: str) -> HttpResponse:
        try:
            visit = visit_for(request, code)
        except ThrottledError:
            return too_many(request)
        if visit.removed:
            return page(request, visit, status=403)
        if visit.participant is None or visit.session.state == SessionState.ENDED:
            return HttpResponseRedirect(session_url(visit.session))
        try:
            anchor = handler(request, visit, visit.participant)
        except RefusedError as refused:
            visit.session.refresh_from_db()
            return page(request, visit, errors=refused.errors, posted=refused.posted, status=400)
        return HttpResponseRedirect(session_url(visit.session, anchor))

    return view


def _current_phase(visit: Visit) -> SessionPhase:
    phase = visit.session.current_phase
    if phase is None:
        raise RefusedError([("workshop-phase", _("No phase is open at the moment; your entry was not saved."))])
    return phase


def _phase_item(phase: SessionPhase, raw: object, anchor: str) -> Item:
    try:
        pk = int(str(raw))
    except ValueError:
        pk = 0
    item = phase.items.filter(pk=pk).first()
    if item is None:
        raise RefusedError([(anchor, _("This card does not belong to this phase."))])
    return item


@_action
def card(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """Add a card (or answer), or change one's own (``item`` given)."""
    phase = _current_phase(visit)
    form = forms.CardForm(request.POST)
    item_id = request.POST.get("item", "")
    anchor = f"card-text-{item_id}" if item_id else "id_text"
    if not form.is_valid():
        raise form_errors(form, {"text": anchor})
    try:
        if item_id:
            item = _phase_item(phase, item_id, anchor)
            contributions.item_edit(item=item, participant=participant, text=form.cleaned_data["text"])
            return f"card-{item.pk}"
        item = contributions.item_add(phase=phase, participant=participant, text=form.cleaned_data["text"])
    except ValidationError as error:
        raise refused_by(error, anchor, {"text": request.POST.get("text", ""), "item": item_id}) from None
    return f"card-{item.pk}"


@_action
def canvas(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """Add or change a project canvas."""
    phase = _current_phase(visit)
    fields = canvas_fields(phase)
    form = forms.canvas_form(fields, data=request.POST)
    item_id = request.POST.get("item", "")
    prefix = f"canvas-{item_id}-" if item_id else "id_"
    posted = {key: str(value) for key, value in request.POST.items()}
    if not form.is_valid():
        raise form_errors(form, {name: f"{prefix}{name}" for name in form.fields})
    values = {key: form.cleaned_data[f"canvas_{key}"] for key, _label in fields}
    try:
        if item_id:
            item = _phase_item(phase, item_id, f"{prefix}text")
            contributions.item_edit(item=item, participant=participant, text=form.cleaned_data["text"], canvas=values)
        else:
            item = contributions.item_add(
                phase=phase, participant=participant, text=form.cleaned_data["text"], canvas=values
            )
    except ValidationError as error:
        raise refused_by(error, f"{prefix}text", posted) from None
    return f"card-{item.pk}"


@_action
def points(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """One point (or ten) more or fewer for an item."""
    phase = _current_phase(visit)
    form = forms.PointsForm(request.POST)
    if not form.is_valid():
        raise RefusedError(
            [("workshop-phase", _("Please use the buttons next to a card to give or take back points."))]
        )
    item = form.cleaned_data["item"]  # checked by the service (the phase's, visible, votable, at this table)
    try:
        contributions.points_change(phase=phase, participant=participant, item=item, delta=form.cleaned_data["delta"])
    except ValidationError as error:
        # A card that is not (or no longer) the phase's has no buttons to go back to: the phase is the place.
        anchor = "workshop-phase" if "item" in getattr(error, "error_dict", {}) else f"points-{item}"
        raise refused_by(error, anchor) from None
    return f"item-{item}"


@_action
def rating(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """Ratings of every item (rating: one scale; matrix: two), sent together."""
    phase = _current_phase(visit)
    criteria = [key for key, _label in phase_criteria(phase)[:2]] if phase.kind == PhaseKind.MATRIX else []
    ids = [item.pk for item in phase_items(phase, participant) if item.cluster_id is None]
    low, high = int(phase.setting("scale_min")), int(phase.setting("scale_max"))
    parsed = forms.parse_ratings(
        request.POST,
        item_ids=ids,
        criteria=criteria,
        scale=range(low, high + 1),
        allow_cannot_judge=bool(phase.setting("allow_cannot_judge")),
    )
    posted = {key: str(value) for key, value in request.POST.items()}
    if parsed.errors:
        raise RefusedError([(name, message) for name, message in parsed.errors.items()], posted)
    if not parsed.values:
        raise RefusedError([("workshop-phase", _("Please rate at least one card."))], posted)
    for name, (item_id, criterion, value) in parsed.values.items():
        try:
            item = _phase_item(phase, item_id, name)
            contributions.rating_set(phase=phase, participant=participant, item=item, value=value, criterion=criterion)
        except ValidationError as error:
            raise refused_by(error, name, posted) from None
    return "workshop-phase"


@_action
def pairwise(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """The pairwise choices, all pairs sent together."""
    phase = _current_phase(visit)
    ids = [item.pk for item in phase_items(phase, participant) if item.cluster_id is None]
    parsed = forms.parse_pairs(request.POST, pairs=list(combinations(ids, 2)))
    posted = {key: str(value) for key, value in request.POST.items()}
    if parsed.errors:
        raise RefusedError([(name, message) for name, message in parsed.errors.items()], posted)
    if not parsed.values:
        raise RefusedError([("workshop-phase", _("Please compare at least one pair."))], posted)
    for name, (first, second, preferred, strength) in parsed.values.items():
        try:
            item_a, item_b = _phase_item(phase, first, name), _phase_item(phase, second, name)
            winner = None if preferred is None else (item_a if preferred == item_a.pk else item_b)
            contributions.pairwise_set(
                phase=phase, participant=participant, item_a=item_a, item_b=item_b, preferred=winner, strength=strength
            )
        except ValidationError as error:
            raise refused_by(error, name, posted) from None
    return "workshop-phase"


@_action
def ranking(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """The ranking (a place per item, optionally one item moved up or down), saved as a whole."""
    phase = _current_phase(visit)
    ballot = selectors.ballot(phase=phase, participant=participant)
    shown = [item for item in phase_items(phase, participant) if item.cluster_id is None]
    shown.sort(key=lambda item: (ballot.get(str(item.pk)) or len(shown) + 1, item.position, item.pk))
    parsed = forms.parse_ranking(request.POST, item_ids=[item.pk for item in shown])
    posted = {key: str(value) for key, value in request.POST.items()}
    if parsed.errors:
        raise RefusedError([(name, message) for name, message in parsed.errors.items()], posted)
    order = parsed.values["order"]
    try:
        contributions.ranking_submit(phase=phase, participant=participant, item_ids=order)
    except ValidationError as error:
        raise refused_by(error, "workshop-phase", posted) from None
    moved = str(request.POST.get("move", "")).partition(":")[0]
    return f"rank-row-{moved}" if moved.isdigit() else "workshop-phase"


@_action
def cluster(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """Move a card into a cluster (or out of it), or make a new cluster."""
    phase = _current_phase(visit)
    if "item" not in request.POST:
        create = forms.ClusterCreateForm(request.POST)
        if not create.is_valid():
            raise form_errors(create, {"text": "id_cluster_text"})
        try:
            made = contributions.cluster_create(phase=phase, participant=participant, text=create.cleaned_data["text"])
        except ValidationError as error:
            raise refused_by(error, "id_cluster_text", {"text": request.POST.get("text", "")}) from None
        return f"cluster-{made.pk}"
    form = forms.ClusterMoveForm(request.POST)
    item_id = request.POST.get("item", "")
    anchor = f"move-{item_id}"
    if not form.is_valid():
        raise form_errors(form, {"item": anchor, "cluster": anchor})
    item = _phase_item(phase, form.cleaned_data["item"], anchor)
    target = form.cleaned_data["cluster"]
    try:
        chosen = _phase_item(phase, target, anchor) if target else None
        contributions.item_move(item=item, cluster=chosen, participant=participant)
    except ValidationError as error:
        raise refused_by(error, anchor) from None
    return f"card-{item.pk}"


@_action
def commitment(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """Sign up to carry an idea forward, or withdraw."""
    phase = _current_phase(visit)
    item_id = request.POST.get("item", "")
    prefix = f"commit-{item_id}-"
    posted = {key: str(value) for key, value in request.POST.items()}
    item = _phase_item(phase, item_id, "workshop-phase")
    try:
        if request.POST.get("withdraw"):
            existing = Commitment.objects.filter(phase=phase, item=item, participant=participant).first()
            if existing is not None:
                contributions.commitment_remove(commitment=existing, participant=participant)
            return f"item-{item.pk}"
        form = forms.CommitmentForm(request.POST)
        if not form.is_valid():
            raise form_errors(form, {name: f"{prefix}{name}" for name in form.fields})
        contributions.commitment_add(
            phase=phase,
            item=item,
            participant=participant,
            role=form.cleaned_data["role"],
            name=form.cleaned_data["name"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        raise refused_by(error, f"{prefix}role", posted) from None
    return f"item-{item.pk}"


@_action
def profile(request: HttpRequest, visit: Visit, participant: Participant) -> str:
    """Change one's name or stakeholder group."""
    form = forms.ProfileForm(request.POST, auto_id="id_profile_%s")
    if not form.is_valid():
        raise form_errors(form, {"group": "id_profile_group_0", "display_name": "id_profile_display_name"})
    try:
        participant_update(participant=participant, data=form.cleaned_data)
    except ValidationError as error:
        raise refused_by(error, "id_profile_display_name") from None
    return "workshop-profile"
