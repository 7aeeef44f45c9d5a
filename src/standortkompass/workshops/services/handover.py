"""Handing a workshop's results to the strategy: a cluster, a winning item or a project canvas becomes a field of
action, a measure or a project idea in the strategy's draft, with an evidence link back to the item.

The link is of the evidence kind "workshop_item" (``selectors.evidence``), so the element's page names the
workshop result it rests on, and the workshop's documentation page asks ``processes.evidence.citations`` what
became of the item ("Was wurde aus dieser Idee?"). A canvas fills the project's fact sheet where the strategy has
fields for it (goal, risks, partners, the lead organisation when it is one of the process's actors); the rest of
the canvas goes into the project's text.

Only results are handed over: items of closed phases, not hidden by the facilitator and not merged into another
card. Every hand-over is recorded in the audit log ("workshops.handover").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import Organisation, StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, EvidenceLink, ProjectSheet
from standortkompass.strategy.services.elements import element_create, sheet_update, strategy_ensure
from standortkompass.strategy.services.evidence import evidence_add
from standortkompass.workshops.models import Item, ItemKind, LiveSession, PhaseKind, PhaseState
from standortkompass.workshops.selectors.evidence import KIND as EVIDENCE_KIND
from standortkompass.workshops.services.phases import CANVAS_FIELDS

# What a result can become in the strategy (a goal or the vision is the strategy's own wording).
HANDOVER_KINDS = (ElementKind.FIELD, ElementKind.MEASURE, ElementKind.PROJECT)
TITLE_LENGTH = Element._meta.get_field("title").max_length or 200
SUMMARY_LENGTH = Element._meta.get_field("summary").max_length or 300
NOTE_LENGTH = EvidenceLink._meta.get_field("note").max_length or 500
# Canvas fields that the project's fact sheet has a field for.
SHEET_FIELDS = {"goal": "goal", "risks": "risks", "partners": "other_partners"}
PARTNERS_LENGTH = ProjectSheet._meta.get_field("other_partners").max_length or 500


def reference(item: Item) -> dict[str, int]:
    """The evidence reference of a workshop item."""
    return {"item": item.pk}


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0] + "…"


def handover_refusal(item: Item) -> str:
    """Why the item cannot be handed over ("" if it can): it is hidden, its phase is not closed, or it is a card
    merged into another one."""
    if item.hidden:
        return _("This item was hidden by the facilitator and cannot be handed over.")
    if item.phase.state != PhaseState.CLOSED:
        return _("The phase “%(phase)s” is not closed: only results of closed phases can be handed over.") % {
            "phase": item.phase.title
        }
    if item.cluster_id is not None and item.cluster is not None and item.cluster.kind != ItemKind.CLUSTER:
        return _("This card was merged into “%(card)s”; hand that one over instead.") % {"card": item.cluster.text}
    return ""


def handover_check(item: Item) -> None:
    """Refuse what is no result (yet) with its reason (:func:`handover_refusal`).

    Call inside the transaction: the session's row is locked (as the phase services lock it to open or reopen a
    phase) and the item and its phase are read again."""
    LiveSession.objects.select_for_update().filter(pk=item.phase.session_id).first()
    item.refresh_from_db(fields=["hidden", "cluster"])
    item.phase.refresh_from_db(fields=["state"])
    refusal = handover_refusal(item)
    if refusal:
        raise ValidationError(refusal)


def process_of(item: Item) -> StrategyProcess:
    return item.phase.session.workshop.process


def handover_note(item: Item) -> str:
    """The evidence link's note: which workshop, phase and day the item comes from."""
    session = item.phase.session
    day = session.started_at or item.phase.closed_at or item.created_at
    note = _("Result of the workshop “%(workshop)s” (%(phase)s, %(date)s).") % {
        "workshop": session.workshop.title,
        "phase": item.phase.title,
        "date": date_format(timezone.localtime(day), "SHORT_DATE_FORMAT"),
    }
    return _shorten(note, NOTE_LENGTH)


def _canvas_text(item: Item, *, skip: set[str]) -> str:
    """The canvas's fields as Markdown paragraphs ("**Erste Schritte:** …"), but those in ``skip``."""
    canvas = item.canvas if isinstance(item.canvas, dict) else {}
    paragraphs = []
    for key, label in CANVAS_FIELDS.items():
        value = str(canvas.get(key) or "").strip()
        if value and key not in skip:
            paragraphs.append(f"**{label}:** {value}")
    return "\n\n".join(paragraphs)


def _cluster_text(item: Item) -> str:
    cards = [card.text for card in item.members.filter(hidden=False).order_by("position", "id")]
    if not cards:
        return ""
    lines = [_("Cards of this cluster in the workshop:"), ""]
    lines += [f"- {' '.join(text.split())}" for text in cards]
    return "\n".join(lines)


def _lead(process: StrategyProcess, name: str) -> Organisation | None:
    name = name.strip()
    if not name:
        return None
    return Organisation.objects.filter(process=process, name__iexact=name).first()


def handover_to_strategy(
    *,
    item: Item,
    actor: User,
    element_kind: str,
    parent: Element | None = None,
    title: str | None = None,
) -> Element:
    """Make the item a field of action, a measure (``parent``: its field of action) or a project idea
    (``parent``: the measure it implements, optional) in the strategy's draft, citing the item as evidence."""
    with transaction.atomic():
        handover_check(item)
        return _handover(item=item, actor=actor, element_kind=element_kind, parent=parent, title=title)


def _handover(*, item: Item, actor: User, element_kind: str, parent: Element | None, title: str | None) -> Element:
    if element_kind not in HANDOVER_KINDS:
        raise ValidationError({"element_kind": _("Choose a field of action, a measure or a project.")})
    process = process_of(item)
    strategy = strategy_ensure(process=process)
    if parent is not None and parent.strategy_id != strategy.pk:
        raise ValidationError({"parent": _("Choose an element of this process's strategy.")})
    serves: list[Element] = []
    data: dict[str, object] = {}
    if element_kind == ElementKind.MEASURE:
        if parent is None or parent.kind != ElementKind.FIELD:
            raise ValidationError({"parent": _("Choose the field of action this measure belongs to.")})
        data["parent"] = parent
    elif element_kind == ElementKind.PROJECT:
        if parent is not None and parent.kind != ElementKind.MEASURE:
            raise ValidationError({"parent": _("A project implements a measure: choose one, or none.")})
        serves = [parent] if parent is not None else []
    elif parent is not None:
        raise ValidationError({"parent": _("A field of action belongs to no other element.")})
    wanted = (title if title is not None else item.text).strip()
    if not wanted:
        raise ValidationError({"title": _("Give the element a title.")})
    data["title"] = _shorten(wanted, TITLE_LENGTH)
    canvas = item.canvas if isinstance(item.canvas, dict) and item.phase.kind == PhaseKind.CANVAS else {}
    lead = _lead(process, str(canvas.get("lead") or "")) if element_kind == ElementKind.PROJECT else None
    if canvas:
        goal = str(canvas.get("goal") or "").strip()
        if goal:
            data["summary"] = _shorten(goal, SUMMARY_LENGTH)
        skip: set[str] = set()
        if element_kind == ElementKind.PROJECT:
            skip = set(SHEET_FIELDS) | ({"lead"} if lead is not None else set())
        data["text"] = _canvas_text(item, skip=skip)
    elif item.kind == ItemKind.CLUSTER:
        data["text"] = _cluster_text(item)
    element = element_create(strategy=strategy, actor=actor, kind=element_kind, data=data, serves=serves)
    if element_kind == ElementKind.PROJECT and canvas:
        sheet: dict[str, object] = {}
        for key, sheet_field in SHEET_FIELDS.items():
            value = str(canvas.get(key) or "").strip()
            if value:
                sheet[sheet_field] = _shorten(value, PARTNERS_LENGTH) if sheet_field == "other_partners" else value
        if lead is not None:
            sheet["lead_organisation"] = lead
        if sheet:
            sheet_update(element=element, actor=actor, data=sheet)
    evidence_add(element=element, actor=actor, kind=EVIDENCE_KIND, reference=reference(item), note=handover_note(item))
    audit_record(
        actor=actor,
        action="workshops.handover",
        obj=item,
        process=process,
        changes={"element": ["", f"{element.get_kind_display()}: {element.title}"]},
    )
    return element


def handover_link(*, item: Item, actor: User, element: Element, note: str | None = None) -> EvidenceLink:
    """Cite the item for an element that exists already ("this idea went into field of action X")."""
    process = process_of(item)
    if element.strategy.process_id != process.pk:
        raise ValidationError({"element": _("Choose an element of this process's strategy.")})
    with transaction.atomic():
        handover_check(item)
        link = evidence_add(
            element=element,
            actor=actor,
            kind=EVIDENCE_KIND,
            reference=reference(item),
            note=handover_note(item) if note is None else note,
        )
        audit_record(
            actor=actor,
            action="workshops.handover",
            obj=item,
            process=process,
            changes={"element": ["", f"{element.get_kind_display()}: {element.title}"]},
        )
    return link
