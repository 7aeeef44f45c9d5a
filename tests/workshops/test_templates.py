"""Session templates: the three workshops of issue 13 copied into a session with their funnel, the World Café's
tables, German texts, and the Strategiewerkstatt's candidates prefilled from the process's sources."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.processes import evidence
from standortkompass.standortanalyse.models import Finding, FindingKind
from standortkompass.surveys.models import Response, ResponseStatus
from standortkompass.surveys.services.coding import code_assign, code_create
from standortkompass.workshops.models import (
    Contribution,
    InputMode,
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    Participant,
    PhaseKind,
    PhaseScope,
    PhaseState,
    SessionPhase,
    SessionState,
    Workshop,
    WorkshopKind,
)
from standortkompass.workshops.services.phases import phase_open, validate_settings
from standortkompass.workshops.services.templates import (
    CANVAS_FIELDS,
    TEMPLATES,
    apply_template,
    candidates_prefill,
)
from surveys.results_data import grid, results_survey


@pytest.fixture
def editor(users):
    return users["editor"]


def _session(workshop, code="TPL347"):
    return LiveSession.objects.create(
        workshop=workshop, title="Vorlage", join_code=code, projector_key=code, state=SessionState.LIVE
    )


def test_there_are_the_three_templates_of_the_issue():
    assert list(TEMPLATES) == ["company", "strategy", "future"]
    assert [template.workshop_kind for template in TEMPLATES.values()] == [
        WorkshopKind.COMPANY,
        WorkshopKind.STRATEGY,
        WorkshopKind.FUTURE,
    ]
    assert list(CANVAS_FIELDS) == ["goal", "first_steps", "lead", "partners", "resources", "risks", "indicator"]


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_every_template_phase_has_valid_settings_and_an_earlier_input(key):
    keys: list[str] = []
    for plan in TEMPLATES[key].phases:
        validate_settings(plan.kind, plan.settings)
        assert (plan.input_mode == InputMode.NONE) == (not plan.input_from), plan.key
        assert not plan.input_from or plan.input_from in keys, plan.key
        keys.append(plan.key)


@pytest.mark.parametrize("key", list(TEMPLATES))
def test_applying_a_template_copies_its_phases_with_their_input_links(live_session, editor, key):
    template = TEMPLATES[key]

    phases = apply_template(session=live_session, key=key, actor=editor)

    assert [(phase.kind, phase.scope) for phase in phases] == [(plan.kind, plan.scope) for plan in template.phases]
    assert [phase.position for phase in phases] == list(range(1, len(phases) + 1))
    by_key = {plan.key: phase for plan, phase in zip(template.phases, phases, strict=True)}
    for plan, phase in zip(template.phases, phases, strict=True):
        assert phase.state == PhaseState.PENDING
        assert phase.input_phase == (by_key[plan.input_from] if plan.input_from else None)
        assert (phase.input_mode, phase.input_top_n) == (plan.input_mode, plan.input_top_n)
    live_session.refresh_from_db()
    assert live_session.template == key
    entry = AuditEntry.objects.get(action="workshops.session.template")
    assert entry.changes == {"template": ["", key], "phases": ["", str(len(phases))]}


def test_the_titles_and_prompts_are_in_german_whatever_the_facilitators_language(live_session, editor):
    with translation.override("en"):
        phases = apply_template(session=live_session, key="future", actor=editor)

    with translation.override(settings.LANGUAGE_CODE):
        expected = [(str(plan.title), str(plan.prompt)) for plan in TEMPLATES["future"].phases]
        assert [(phase.title, phase.prompt) for phase in phases] == expected
        assert phases[8].settings["criteria"] == [
            {"key": "impact", "label": _("Impact")},
            {"key": "effort", "label": _("Effort")},
        ]


def test_the_strategy_template_narrows_the_candidates_down_as_the_issue_says(live_session, editor):
    phases = {phase.title: phase for phase in apply_template(session=live_session, key="strategy", actor=editor)}
    kinds = [phase.kind for phase in phases.values()]

    assert kinds == ["check_in", "collect", "dot_vote", "collect", "matrix", "pairwise", "summary"]
    matrix = next(phase for phase in phases.values() if phase.kind == PhaseKind.MATRIX)
    pairwise = next(phase for phase in phases.values() if phase.kind == PhaseKind.PAIRWISE)
    assert (matrix.input_phase.kind, matrix.input_mode, matrix.input_top_n) == ("dot_vote", "top", 8)
    assert [criterion["key"] for criterion in matrix.settings["criteria"]] == ["impact", "feasibility"]
    assert (pairwise.input_phase, pairwise.input_top_n) == (matrix, 6)


def test_the_company_template_brings_the_world_cafes_tables_unless_the_session_has_tables(workshop, editor):
    session = _session(workshop)
    phases = apply_template(session=session, key="company", actor=editor)
    apply_template(session=session, key="company", actor=editor)

    tables = list(session.tables.order_by("position"))
    with translation.override(settings.LANGUAGE_CODE):
        assert [table.name for table in tables] == [_("Strengths"), _("Obstacles"), _("Needs")]
    assert all(table.topic for table in tables)
    assert [phase.scope for phase in phases].count(PhaseScope.TABLE) == 3
    assert session.phases.count() == 2 * len(phases)
    assert session.phases.order_by("position").last().position == 2 * len(phases)


def test_an_unknown_template_or_an_ended_session_is_refused(live_session, editor):
    with pytest.raises(ValidationError) as unknown:
        apply_template(session=live_session, key="barcamp", actor=editor)
    LiveSession.objects.filter(pk=live_session.pk).update(state=SessionState.ENDED)
    with pytest.raises(ValidationError, match=_("The live session has ended.")):
        apply_template(session=live_session, key="future", actor=editor)

    assert unknown.value.message_dict == {"template": [_("Choose one of the templates.")]}
    assert not live_session.phases.exists()


# --- the Strategiewerkstatt's candidates ----------------------------------------------------------


def _held_company_workshop(process, *, clusters, closed_at, code):
    workshop = Workshop.objects.create(process=process, title="Unternehmensworkshop", kind=WorkshopKind.COMPANY)
    session = _session(workshop, code=code)
    phase = SessionPhase.objects.create(
        session=session,
        kind=PhaseKind.CLUSTER,
        title="Themen bündeln",
        state=PhaseState.CLOSED,
        closed_at=closed_at,
    )
    made = []
    for number, (text, hidden) in enumerate(clusters):
        made.append(Item.objects.create(phase=phase, kind=ItemKind.CLUSTER, text=text, hidden=hidden, position=number))
        Item.objects.create(phase=phase, text=f"Karte zu {text}", position=10 + number, cluster=made[-1])
    return made


def test_the_candidates_come_from_the_company_workshop_the_findings_and_the_survey(process, workshop, editor):
    now = timezone.now()
    _held_company_workshop(
        process, clusters=[("Alt", False)], closed_at=now - timezone.timedelta(days=30), code="OLD347"
    )
    mobility, _hidden, skills = _held_company_workshop(
        process,
        clusters=[("Mobilität", False), ("Versteckt", True), ("Fachkräfte sichern", False)],
        closed_at=now,
        code="NEW347",
    )
    weakness = Finding.objects.create(process=process, kind=FindingKind.WEAKNESS, title="Wenig Gewerbeflächen")
    strength = Finding.objects.create(process=process, kind=FindingKind.STRENGTH, title="Starke Industrie")
    survey = results_survey(process, grid({("industrie", "0_9"): 6, ("handel", "10_49"): 6}), size_question="groesse")
    # Codes of an open answer: named by 6 companies (shown), by 2 (fewer than the survey shows: left out).
    completed = list(Response.objects.filter(survey=survey, status=ResponseStatus.COMPLETED).order_by("pk"))
    broadband = code_create(survey=survey, question="firma", label="Breitbandausbau", actor=None)
    rare = code_create(survey=survey, question="firma", label="Seilbahn", actor=None)
    for response in completed[:6]:
        code_assign(code=broadband, response=response, actor=None)
    for response in completed[:2]:
        code_assign(code=rare, response=response, actor=None)

    phases = apply_template(session=_session(workshop), key="strategy", actor=editor)

    candidates = list(phases[1].items.order_by("position"))
    assert {item.origin for item in candidates} == {ItemOrigin.CARRIED}
    assert [item.text for item in candidates[:2]] == ["Mobilität", "Fachkräfte sichern"]
    assert [item.source_item for item in candidates[:2]] == [mobility, skills]
    assert candidates[0].source_reference == {"kind": "workshop_item", "reference": {"item": mobility.pk}}
    findings = {item.text: item.source_reference for item in candidates if item.source_reference["kind"] == "finding"}
    assert findings["Wenig Gewerbeflächen"]["reference"] == {"finding": weakness.pk}
    assert findings["Starke Industrie"]["reference"] == {"finding": strength.pk}
    answers = [item for item in candidates if item.source_reference["kind"] == "survey_result"]
    assert [item.text for item in answers] == ["Breitbandausbau"]
    assert answers[0].source_reference["reference"] == {"survey": survey.pk, "question": "firma", "breakdown": ""}
    assert answers[0].source_reference["code"] == "Breitbandausbau"
    # The cited result resolves (the open question's result of the survey).
    assert (
        evidence.kind("survey_result").resolve(process, answers[0].source_reference["reference"], public=False)
        is not None
    )
    assert len(candidates) == 2 + 2 + 1
    assert not phases[0].items.exists()

    assert candidates_prefill(phase=phases[1]) == 0
    Finding.objects.create(process=process, kind=FindingKind.OPPORTUNITY, title="Wasserstoff-Korridor")
    assert candidates_prefill(phase=phases[1]) == 1


def test_a_long_source_title_is_shortened_to_a_card(process, workshop, editor, monkeypatch):
    long_label = "Sehr lange Beschreibung " * 20
    option = evidence.EvidenceOption(reference={"finding": 1}, label=long_label)
    finding_kind = dataclasses.replace(evidence.kind("finding"), options=lambda process: [option])
    monkeypatch.setitem(evidence._kinds, "finding", finding_kind)

    phases = apply_template(session=_session(workshop), key="strategy", actor=editor)

    (card,) = phases[1].items.all()
    assert len(card.text) <= Item._meta.get_field("text").max_length
    assert card.text.endswith(" …")


def test_the_strategy_funnel_runs_from_the_candidates_to_the_result(process, workshop, editor):
    for number in range(10):
        Finding.objects.create(process=process, kind=FindingKind.WEAKNESS, title=f"Befund {number}", order=number)
    session = _session(workshop)
    check_in, candidates, dots, table_rounds, matrix, pairwise, result = apply_template(
        session=session, key="strategy", actor=editor
    )
    people = [
        Participant.objects.create(session=session, token_hash=uuid.uuid4().hex * 2, group="company")
        for _person in range(3)
    ]

    for phase in (check_in, candidates, dots):
        phase_open(phase=phase, actor=editor)
    cards = list(dots.items.order_by("position"))
    assert len(cards) == 10
    for rank, card in enumerate(cards):
        for person in people[: 1 + rank % 3]:
            Contribution.objects.create(phase=dots, participant=person, item=card, ballot_key=str(card.pk), value=1)
    phase_open(phase=table_rounds, actor=editor)
    phase_open(phase=matrix, actor=editor)
    assert table_rounds.items.count() == matrix.items.count() == 8
    for rank, card in enumerate(matrix.items.order_by("position")):
        for criterion in ("impact", "feasibility"):
            Contribution.objects.create(
                phase=matrix,
                participant=people[0],
                item=card,
                criterion=criterion,
                ballot_key=f"{card.pk}:{criterion}",
                value=1 + rank % 5,
            )
    phase_open(phase=pairwise, actor=editor)
    phase_open(phase=result, actor=editor)

    assert pairwise.items.count() == result.items.count() == 6
    assert SessionPhase.objects.filter(session=session, state=PhaseState.OPEN).get() == result
    lineage_texts = {item.source_item.source_item.source_item.text for item in pairwise.items.all()}
    assert lineage_texts <= {f"Befund {number}" for number in range(10)}
