"""Ready-to-use session templates (issue 13 §2): Unternehmensworkshop, Strategiewerkstatt, Zukunftswerkstatt.

A template is a plan of phases (and, for the World Café, tables). Applying it copies the plan into a session —
phases and tables are created there and can be changed like any others afterwards. The phases' input links
build the funnel (the matrix takes the top 8 of the dot vote …). Titles and prompts are written in the site's
language (German), the language of editorial text, whatever language the facilitator's page is in.

The Strategiewerkstatt's candidate phase is prefilled with the candidates the process already has: the
clusters of its held Unternehmensworkshop, the findings of the location analysis (the evidence options of
``processes.evidence``) and the themes of the company survey's open answers (its codes, each named by enough
companies), each card keeping where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.processes import evidence
from standortkompass.workshops.models import (
    CARD_MAX_LENGTH,
    InputMode,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    PhaseKind,
    PhaseScope,
    PhaseState,
    SessionPhase,
    SessionState,
    Table,
    WorkshopKind,
)
from standortkompass.workshops.services.live import announce
from standortkompass.workshops.services.phases import CANVAS_FIELDS, PhaseData, new_phase

__all__ = ["CANVAS_FIELDS", "TEMPLATES", "PhasePlan", "SessionTemplate", "TablePlan", "apply_template"]

Text = str | Promise

# The evidence kind whose options become candidates of the Strategiewerkstatt (the SWOT's findings); the survey
# adds the codes of its open answers (what companies named in their own words), see _survey_candidates.
CANDIDATE_KINDS = ("finding",)
SURVEY_RESULT_KIND = "survey_result"
# How the prefilled candidates name their source (Item.source_reference): the evidence kind and its reference.
WORKSHOP_ITEM_KIND = "workshop_item"


@dataclass(frozen=True)
class TablePlan:
    name: Text
    topic: Text = ""


@dataclass(frozen=True)
class PhasePlan:
    """One phase of a template. ``key`` names it for the input links of later phases (``input_from``)."""

    key: str
    kind: str
    title: Text
    prompt: Text
    scope: str = PhaseScope.PLENARY
    input_mode: str = InputMode.NONE
    input_from: str = ""
    input_top_n: int | None = None
    settings: Mapping[str, Any] = field(default_factory=dict)
    # "candidates": filled with the process's candidates for fields of action (Strategiewerkstatt).
    prefill: str = ""


@dataclass(frozen=True)
class SessionTemplate:
    key: str
    title: Text
    description: Text
    workshop_kind: str
    phases: tuple[PhasePlan, ...]
    tables: tuple[TablePlan, ...] = ()


IMPACT = {"key": "impact", "label": gettext_lazy("Impact")}
DOTS = {"budget": 5, "cap_per_item": 2, "reveal": "on_close"}

COMPANY = SessionTemplate(
    key="company",
    title=gettext_lazy("Company workshop (World Café)"),
    description=gettext_lazy(
        "World Café on the strengths, obstacles and needs of the companies; the harvest is clustered into "
        "candidates for fields of action."
    ),
    workshop_kind=WorkshopKind.COMPANY,
    tables=(
        TablePlan(
            gettext_lazy("Strengths"),
            gettext_lazy("What distinguishes our location? What can companies build on here?"),
        ),
        TablePlan(
            gettext_lazy("Obstacles"),
            gettext_lazy("What slows companies down here – in everyday business, in investing, in finding staff?"),
        ),
        TablePlan(
            gettext_lazy("Needs"),
            gettext_lazy("What do companies need to grow here in the coming years?"),
        ),
    ),
    phases=(
        PhasePlan(
            "welcome",
            PhaseKind.INFORMATION,
            gettext_lazy("Welcome and procedure"),
            gettext_lazy(
                "Today we work in a World Café: three tables, three questions – strengths, obstacles and needs. "
                "After each round you move on to another table; the table host stays and tells the newcomers what "
                "has been said so far."
            ),
        ),
        PhasePlan(
            "round_1",
            PhaseKind.COLLECT,
            gettext_lazy("World Café – round 1"),
            gettext_lazy("Answer your table's question: one thought per card, short and concrete."),
            scope=PhaseScope.TABLE,
            settings={"timer_seconds": 1200, "reveal": "live"},
        ),
        PhasePlan(
            "round_2",
            PhaseKind.COLLECT,
            gettext_lazy("World Café – round 2"),
            gettext_lazy(
                "New table, new people: your table host sums up the cards of the previous round. What is missing, "
                "what do you see differently? Add your cards."
            ),
            scope=PhaseScope.TABLE,
            input_mode=InputMode.ALL,
            input_from="round_1",
            settings={"timer_seconds": 1200, "reveal": "live"},
        ),
        PhasePlan(
            "round_3",
            PhaseKind.COLLECT,
            gettext_lazy("World Café – round 3"),
            gettext_lazy(
                "Last round: sharpen what is there. Which card matters most to the companies? Add what is still "
                "missing."
            ),
            scope=PhaseScope.TABLE,
            input_mode=InputMode.ALL,
            input_from="round_2",
            settings={"timer_seconds": 1200, "reveal": "live"},
        ),
        PhasePlan(
            "harvest",
            PhaseKind.COLLECT,
            gettext_lazy("Harvest"),
            gettext_lazy(
                "The table hosts present what came together at their table. Add what you think is still missing."
            ),
            input_mode=InputMode.ALL,
            input_from="round_3",
            settings={"reveal": "live"},
        ),
        PhasePlan(
            "clusters",
            PhaseKind.CLUSTER,
            gettext_lazy("Cluster the topics"),
            gettext_lazy(
                "Together we group the cards that belong together and give each group a name. Each group is a "
                "candidate for a field of action of the strategy."
            ),
            input_mode=InputMode.ALL,
            input_from="harvest",
            settings={"reveal": "live"},
        ),
        PhasePlan(
            "candidates",
            PhaseKind.SUMMARY,
            gettext_lazy("Candidates for fields of action"),
            gettext_lazy(
                "These are the candidates for fields of action from today's workshop. They go on to the "
                "Strategiewerkstatt, where they are weighed against the findings of the location analysis and the "
                "company survey."
            ),
            input_mode=InputMode.ALL,
            input_from="clusters",
        ),
    ),
)

STRATEGY = SessionTemplate(
    key="strategy",
    title=gettext_lazy("Strategy workshop"),
    description=gettext_lazy(
        "From many candidates to a few fields of action: candidates from the analysis, the survey and the company "
        "workshop, dot vote, table rounds, matrix of impact and feasibility, pairwise comparison of the top six, "
        "result for the steering committee."
    ),
    workshop_kind=WorkshopKind.STRATEGY,
    phases=(
        PhasePlan(
            "check_in",
            PhaseKind.CHECK_IN,
            gettext_lazy("Arrival"),
            gettext_lazy("In a word or a sentence: what should our location be known for in ten years?"),
            settings={"max_cards_per_participant": 1, "reveal": "live"},
        ),
        PhasePlan(
            "candidates",
            PhaseKind.COLLECT,
            gettext_lazy("Candidates for fields of action"),
            gettext_lazy(
                "Here are the candidates from the location analysis, the company survey and the company workshop. "
                "Which field of action is missing? Add it – one topic per card."
            ),
            settings={"reveal": "live"},
            prefill="candidates",
        ),
        PhasePlan(
            "dot_vote",
            PhaseKind.DOT_VOTE,
            gettext_lazy("Dot vote: which fields of action matter most?"),
            gettext_lazy(
                "You have 5 dots. Give them to the fields of action the strategy must take on – at most 2 per card."
            ),
            input_mode=InputMode.ALL,
            input_from="candidates",
            settings=DOTS,
        ),
        PhasePlan(
            "table_rounds",
            PhaseKind.COLLECT,
            gettext_lazy("Table rounds: deepen the top candidates"),
            gettext_lazy(
                "Each table takes on one of the top candidates: what should this field of action achieve, which "
                "measures come to mind, who has to be on board? One thought per card."
            ),
            scope=PhaseScope.TABLE,
            input_mode=InputMode.TOP,
            input_from="dot_vote",
            input_top_n=8,
            settings={"timer_seconds": 1800, "reveal": "live"},
        ),
        PhasePlan(
            "matrix",
            PhaseKind.MATRIX,
            gettext_lazy("Impact and feasibility"),
            gettext_lazy(
                "Rate each candidate: how much would it move the location (impact), and how well can we do it with "
                "the people and the money we have (feasibility)? If you cannot judge a candidate, say so."
            ),
            input_mode=InputMode.TOP,
            input_from="dot_vote",
            input_top_n=8,
            settings={"criteria": [IMPACT, {"key": "feasibility", "label": gettext_lazy("Feasibility")}]},
        ),
        PhasePlan(
            "pairwise",
            PhaseKind.PAIRWISE,
            gettext_lazy("Pairwise comparison of the top six"),
            gettext_lazy(
                "Two candidates at a time: which one should the strategy take on first, and how clearly? “Equally "
                "important” is an answer too."
            ),
            input_mode=InputMode.TOP,
            input_from="matrix",
            input_top_n=6,
        ),
        PhasePlan(
            "result",
            PhaseKind.SUMMARY,
            gettext_lazy("Result for the steering committee"),
            gettext_lazy(
                "These fields of action, weighted in this order, go to the steering committee as the workshop's "
                "recommendation."
            ),
            input_mode=InputMode.ALL,
            input_from="pairwise",
        ),
    ),
)

FUTURE = SessionTemplate(
    key="future",
    title=gettext_lazy("Future workshop (after Robert Jungk)"),
    description=gettext_lazy(
        "Critique phase, fantasy phase and implementation phase: from what hampers the location to project ideas "
        "with people who carry them."
    ),
    workshop_kind=WorkshopKind.FUTURE,
    phases=(
        PhasePlan(
            "introduction",
            PhaseKind.INFORMATION,
            gettext_lazy("Introduction: the three phases"),
            gettext_lazy(
                "A future workshop has three phases. Critique: what annoys and hampers us? Fantasy: what would it be "
                "like if everything were possible? Implementation: what do we really take on, and who is in?"
            ),
        ),
        PhasePlan(
            "critique",
            PhaseKind.COLLECT,
            gettext_lazy("Critique phase: what hampers us?"),
            gettext_lazy(
                "What annoys you about the location, what hampers companies and people here? Be frank and concrete "
                "– one criticism per card."
            ),
            settings={"timer_seconds": 900, "reveal": "live"},
        ),
        PhasePlan(
            "critique_clusters",
            PhaseKind.CLUSTER,
            gettext_lazy("Critique phase: cluster the criticism"),
            gettext_lazy("We group the criticism that belongs together and give each group a name."),
            input_mode=InputMode.ALL,
            input_from="critique",
            settings={"reveal": "live"},
        ),
        PhasePlan(
            "critique_vote",
            PhaseKind.DOT_VOTE,
            gettext_lazy("Critique phase: what weighs most?"),
            gettext_lazy("You have 5 dots: give them to the criticisms that weigh most for you."),
            input_mode=InputMode.ALL,
            input_from="critique_clusters",
            settings=DOTS,
        ),
        PhasePlan(
            "top_critique",
            PhaseKind.INFORMATION,
            gettext_lazy("The heaviest criticisms"),
            gettext_lazy(
                "These criticisms weigh most. In the fantasy phase each table takes one of them and turns it into a "
                "picture of the future."
            ),
            input_mode=InputMode.TOP,
            input_from="critique_vote",
            input_top_n=5,
        ),
        PhasePlan(
            "fantasy",
            PhaseKind.COLLECT,
            gettext_lazy("Fantasy phase: it would be nice if …"),
            gettext_lazy(
                "Imagine everything were possible – money, rules and responsibilities play no part. Take your "
                "table's criticism and start every card with “It would be nice if …”."
            ),
            scope=PhaseScope.TABLE,
            settings={"timer_seconds": 1200, "reveal": "live"},
        ),
        PhasePlan(
            "fantasy_vote",
            PhaseKind.DOT_VOTE,
            gettext_lazy("Fantasy phase: which ideas inspire you?"),
            gettext_lazy("You have 5 dots for the ideas you would most like to see come true."),
            input_mode=InputMode.ALL,
            input_from="fantasy",
            settings=DOTS,
        ),
        PhasePlan(
            "canvases",
            PhaseKind.CANVAS,
            gettext_lazy("Implementation phase: project canvases"),
            gettext_lazy(
                "Each table turns one of the top ideas into a project: goal, first steps, lead, partners, "
                "resources, risks and how we will know that it works."
            ),
            scope=PhaseScope.TABLE,
            input_mode=InputMode.TOP,
            input_from="fantasy_vote",
            input_top_n=5,
            settings={"timer_seconds": 2700, "reveal": "live"},
        ),
        PhasePlan(
            "matrix",
            PhaseKind.MATRIX,
            gettext_lazy("Impact and effort"),
            gettext_lazy(
                "Rate each project: how much would it achieve (impact), and how much money, time and work would it "
                "take (effort)?"
            ),
            input_mode=InputMode.ALL,
            input_from="canvases",
            settings={"criteria": [IMPACT, {"key": "effort", "label": gettext_lazy("Effort")}]},
        ),
        PhasePlan(
            "commitments",
            PhaseKind.COMMITMENTS,
            gettext_lazy("Who is in?"),
            gettext_lazy(
                "Which project will you carry forward – as lead, as partner or with support? Sign up with your name "
                "and say what you contribute."
            ),
            input_mode=InputMode.ALL,
            input_from="matrix",
            settings={"reveal": "live"},
        ),
    ),
)

TEMPLATES: dict[str, SessionTemplate] = {template.key: template for template in (COMPANY, STRATEGY, FUTURE)}


def _plain(value: Any) -> Any:
    """Lazy texts as strings (in the active language), also inside lists and mappings."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Mapping):
        return {key: _plain(entry) for key, entry in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(entry) for entry in value]
    return value


def _card_text(text: str) -> str:
    text = " ".join(str(text).split())
    if len(text) <= CARD_MAX_LENGTH:
        return text
    return text[: CARD_MAX_LENGTH - 2].rstrip() + " …"


def _held_company_clusters(phase: SessionPhase) -> list[Item]:
    """The clusters of the latest closed cluster phase of the process's company workshops."""
    process = phase.session.workshop.process
    source = (
        SessionPhase.objects.filter(
            session__workshop__process=process,
            session__workshop__kind=WorkshopKind.COMPANY,
            kind=PhaseKind.CLUSTER,
            state=PhaseState.CLOSED,
        )
        .order_by("-closed_at", "-id")
        .first()
    )
    if source is None:
        return []
    return list(source.items.filter(kind=ItemKind.CLUSTER, hidden=False).order_by("position", "id"))


def _reference_key(reference: Mapping[str, Any]) -> tuple[str, str, str]:
    return (
        str(reference.get("kind", "")),
        repr(sorted((reference.get("reference") or {}).items())),
        str(reference.get("code", "")),
    )


def _survey_candidates(process: Any) -> list[tuple[str, dict[str, Any]]]:
    """The codes of the surveys' open answers (e.g. "Breitbandausbau" coded for the question on what the district
    should do), most often assigned first, each from at least as many completed responses as the survey shows at
    the least (its suppression threshold): a theme named by fewer companies is not put on the wall. A question's
    result is not a candidate: it is a question, not a field of action."""
    from django.db.models import Count, Q

    from standortkompass.surveys.models import Code, ResponseStatus

    codes = (
        Code.objects.filter(survey__process=process)
        .select_related("survey")
        .annotate(
            responses=Count(
                "assignments__response",
                filter=Q(assignments__response__status=ResponseStatus.COMPLETED),
                distinct=True,
            )
        )
        .order_by("-responses", "survey_id", "label")
    )
    return [
        (
            code.label,
            {
                "kind": SURVEY_RESULT_KIND,
                "reference": {"survey": code.survey_id, "question": code.question, "breakdown": ""},
                "group": code.survey.title,
                "code": code.label,
            },
        )
        for code in codes
        if code.responses >= code.survey.suppression_threshold
    ]


def candidates_prefill(*, phase: SessionPhase) -> int:
    """Add the process's candidates for fields of action to ``phase`` (those it does not hold yet): the clusters
    of the held company workshop, then the findings of the location analysis and the codes of the survey's open
    answers (each named by enough companies). Each card
    keeps its source in ``source_reference`` (the evidence kind and its reference); a cluster's card also points
    to the cluster (``source_item``). Returns the number of cards added. Call inside a transaction."""
    present = {_reference_key(reference) for reference in phase.items.values_list("source_reference", flat=True)}
    last = phase.items.aggregate(last=Max("position"))["last"] or 0
    new: list[Item] = []

    def add(text: str, reference: dict[str, Any], source_item: Item | None = None) -> None:
        key = _reference_key(reference)
        if key in present or not text.strip():
            return
        present.add(key)
        new.append(
            Item(
                phase=phase,
                kind=ItemKind.CARD,
                text=_card_text(text),
                origin=ItemOrigin.CARRIED,
                source_item=source_item,
                source_reference=reference,
                position=last + len(new) + 1,
            )
        )

    for cluster in _held_company_clusters(phase):
        add(cluster.text, {"kind": WORKSHOP_ITEM_KIND, "reference": {"item": cluster.pk}}, cluster)
    process = phase.session.workshop.process
    for kind_key in CANDIDATE_KINDS:
        kind = evidence.kind(kind_key)
        if kind is None:
            continue
        for option in kind.options(process):
            add(option.label, {"kind": kind_key, "reference": dict(option.reference), "group": option.group})
    for text, reference in _survey_candidates(process):
        add(text, reference)
    Item.objects.bulk_create(new)
    return len(new)


def apply_template(*, session: LiveSession, key: str, actor: User | None) -> list[SessionPhase]:
    """Copy the template's phases to the end of the session's list (and its tables, if the session has none yet);
    they can be changed like any others afterwards. Returns the new phases."""
    template = TEMPLATES.get(key)
    if template is None:
        raise ValidationError({"template": _("Choose one of the templates.")})
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        session = (
            LiveSession.objects.select_for_update(of=("self",)).select_related("workshop__process").get(pk=session.pk)
        )
        if session.state == SessionState.ENDED:
            raise ValidationError(_("The live session has ended."))
        created: dict[str, SessionPhase] = {}
        for plan in template.phases:
            data: PhaseData = {
                "kind": plan.kind,
                "title": str(plan.title),
                "prompt": str(plan.prompt),
                "scope": plan.scope,
                "input_mode": plan.input_mode,
                "input_phase": created[plan.input_from] if plan.input_from else None,
                "input_top_n": plan.input_top_n,
                "settings": _plain(plan.settings),
            }
            phase = new_phase(session=session, data=data)
            if plan.prefill == "candidates":
                candidates_prefill(phase=phase)
            created[plan.key] = phase
        if template.tables and not session.tables.exists():
            Table.objects.bulk_create(
                Table(session=session, name=str(table.name), topic=str(table.topic), position=number)
                for number, table in enumerate(template.tables, start=1)
            )
        if not session.template:
            session.template = key
            session.save(update_fields=["template"])
        audit_record(
            actor=actor,
            action="workshops.session.template",
            obj=session,
            process=session.workshop.process,
            changes={"template": ["", key], "phases": ["", str(len(created))]},
        )
        announce(session, event="phase")
        return list(created.values())
