"""The demo strategy: a Leitbild, four goals, five fields of action with measures and ten projects.

The fields of action follow from the demo's findings (``standortanalyse.services.findings.DEMO_FINDINGS``)
and the topics of the demo survey (skilled workers, commercial land, energy, digitalisation). Everything
written here is labelled as demo content (``Strategy.is_demo``, "(Demo)" in the title, a "**Demo:**" note
in the introduction). Indicators bound to an official statistic take their baseline from the statistics
store when the demo is loaded and show its newest value, so no official figure is typed in here; a target
is a demo assumption of the agency and says so. Indicators without a statistic have targets only.

The step freezes the draft as version 1, submits it, records the steering committee's decision (for now
here; the governance demo will record it in the register) and publishes it, so the public pages show it.
Running it again changes nothing: a strategy that already has elements or versions is kept as it is.

The demo's Partner log-in becomes a contact person of the lead organisation of one project
(``data.PARTNER_CONTACT``), so that it leads that project and finds its report in "My area" once a reporting round
is open (monitoring's demo step opens one). This happens also for a demo strategy loaded before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.processes import evidence
from standortkompass.processes.demo.data import USERS as DEMO_USERS
from standortkompass.processes.models import Board, BoardKind, BoardMember, ContactPerson, Organisation, StrategyProcess
from standortkompass.regiondata.models import Indicator, Observation, Region
from standortkompass.standortanalyse.models import Finding
from standortkompass.strategy.demo.data import (
    CONSULTATION_COMMENTS,
    CONSULTATION_INTRODUCTION,
    CONSULTATION_TITLE,
    DECIDED_ON,
    DECISION,
    EXTERNAL,
    FIELDS,
    GOAL_SOURCES,
    GOALS,
    INTRODUCTION,
    PARTNER_CONTACT,
    PROJECT_SOURCES,
    PROJECTS,
    TITLE,
    VISION,
    Bound,
    ProjectData,
    Target,
)
from standortkompass.strategy.models import Element, ElementKind, Strategy, StrategyVersion
from standortkompass.strategy.selectors.versions import version_tree
from standortkompass.strategy.services.consultation import (
    comment_respond,
    comment_submit,
    consultation_close,
    consultation_open,
)
from standortkompass.strategy.services.elements import (
    element_create,
    milestone_create,
    sheet_update,
    strategy_ensure,
    strategy_update,
)
from standortkompass.strategy.services.evidence import evidence_add
from standortkompass.strategy.services.indicators import indicator_create
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit
from standortkompass.surveys.demo import DEMO_SLUG
from standortkompass.surveys.models import Survey


def _member(process: StrategyProcess, role: str) -> User:
    user = User.objects.filter(memberships__process=process, memberships__role=role).order_by("pk").first()
    if user is None:
        raise ValidationError(f"The demo strategy needs a member with the role {role!r} in the process.")
    return user


def _baseline(statistic: Indicator, region: Region, year: int) -> float | None:
    value = (
        Observation.objects.filter(
            indicator=statistic, region=region, year=year, sector__in=("", "TOTAL"), value__isnull=False
        )
        .values_list("value", flat=True)
        .first()
    )
    return value


def _indicators(element: Element, actor: User, specs: tuple[Bound | Target, ...], district: Region | None) -> None:
    for spec in specs:
        if isinstance(spec, Target):
            data: dict[str, object] = {
                "name": spec.name,
                "unit": spec.unit,
                "definition": spec.definition,
                "target_value": spec.target,
                "target_year": spec.target_year,
                "source": "Zählung der Wirtschaftsförderung (Demo)",
            }
            indicator_create(element=element, actor=actor, data=data)
            continue
        statistic = Indicator.objects.filter(code=spec.statistic).first()
        baseline = _baseline(statistic, district, spec.baseline_year) if statistic and district else None
        if statistic is None or district is None or baseline is None:
            continue  # the official statistics are not loaded: no figure is made up instead
        target = round(baseline * spec.target_factor, spec.rounding)
        data = {
            "name": spec.name,
            "unit": statistic.unit,
            "definition": spec.definition,
            "baseline_value": baseline,
            "baseline_year": spec.baseline_year,
            "target_value": target,
            "target_year": spec.target_year,
            "source": statistic.source,
            "statistic": statistic,
            "region": district,
        }
        indicator_create(element=element, actor=actor, data=data)


def _cite(element: Element, actor: User, kind: str, reference: dict[str, Any], note: str) -> None:
    """Link a source when it exists (a demo step before this one may not have run)."""
    registered = evidence.kind(kind)
    if registered is None or registered.resolve(element.strategy.process, reference, public=False) is None:
        return
    evidence_add(element=element, actor=actor, kind=kind, reference=reference, note=note)


def _cite_source(
    element: Element,
    actor: User,
    source: tuple[str, str],
    *,
    findings: dict[str, Finding],
    survey: Survey | None,
    note: str = "Daraus folgt diese Maßnahme (Demo).",
) -> None:
    kind, key = source
    if kind == "finding" and key in findings:
        _cite(element, actor, "finding", {"finding": findings[key].pk}, note)
    elif kind in {"survey", "survey_by_size"} and survey is not None:
        breakdown = survey.size_question if kind == "survey_by_size" else ""
        reference = {"survey": survey.pk, "question": key, "breakdown": breakdown}
        _cite(element, actor, "survey_result", reference, note)
    elif kind == "external":
        _cite(element, actor, "external", dict(EXTERNAL), note)


def _organisation(process: StrategyProcess, key: str) -> Organisation | None:
    if key.isdigit():
        return Organisation.objects.filter(process=process, external_id=key).first()
    return Organisation.objects.filter(process=process, name=key).first()


def partner_contact_ensure(*, process: StrategyProcess) -> ContactPerson | None:
    """The demo's Partner log-in as contact person of the lead organisation of ``PARTNER_CONTACT.project`` — only
    where that log-in is a Partner of the process and the organisation exists. Idempotent."""
    email = next((user.email for user in DEMO_USERS if user.role == Role.PARTNER), "")
    if not Membership.objects.filter(process=process, role=Role.PARTNER, user__email__iexact=email).exists():
        return None
    lead = next(project.lead for project in PROJECTS if project.title == PARTNER_CONTACT.project)
    organisation = _organisation(process, lead)
    if organisation is None:
        return None
    contact = ContactPerson.objects.filter(organisation=organisation, email__iexact=email).first()
    if contact is None:
        contact = ContactPerson(
            organisation=organisation,
            name=PARTNER_CONTACT.name,
            role=PARTNER_CONTACT.role,
            email=email,
            consent_to_contact=True,
            consent_scope=PARTNER_CONTACT.consent_scope,
            consent_given_at=timezone.make_aware(PARTNER_CONTACT.consent_given_at),
            consent_method=PARTNER_CONTACT.consent_method,
        )
        contact.full_clean()
        contact.save()
    return contact


def strategy_demo_load(*, process: StrategyProcess) -> Strategy:
    """The demo strategy of the demo process, published as version 1. Idempotent: an existing one is kept."""
    partner_contact_ensure(process=process)
    existing = Strategy.objects.filter(process=process).first()
    if existing is not None and (existing.elements.exists() or existing.versions.exists()):
        return existing
    editor = _member(process, Role.EDITOR)
    admin = _member(process, Role.ADMIN)
    district = process.region
    findings = {finding.title: finding for finding in Finding.objects.filter(process=process)}
    survey = Survey.objects.filter(process=process, slug=DEMO_SLUG).first()
    with transaction.atomic():
        strategy = strategy_ensure(process=process)
        strategy_update(strategy=strategy, actor=editor, data={"title": TITLE, "introduction": INTRODUCTION})
        strategy.is_demo = True
        strategy.save(update_fields=["is_demo"])

        def add(kind: str, data: Mapping[str, object], serves: list[Element] | None = None) -> Element:
            return element_create(strategy=strategy, actor=editor, kind=kind, data=data, serves=serves or [])

        add(ElementKind.VISION, VISION)
        goals = []
        for number, (title, summary, specs) in enumerate(GOALS):
            goal = add(ElementKind.GOAL, {"title": title, "summary": summary})
            _indicators(goal, editor, specs, district)
            note = "Darauf stützt sich das Ziel (Demo)."
            _cite_source(goal, editor, GOAL_SOURCES[number], findings=findings, survey=survey, note=note)
            goals.append(goal)
        measures: dict[str, Element] = {}
        for spec in FIELDS:
            field = add(
                ElementKind.FIELD, {"title": spec["title"], "summary": spec["summary"], "rationale": spec["rationale"]}
            )
            for title in spec["findings"]:
                if title in findings:
                    note = "Befund der Standortanalyse, aus dem das Handlungsfeld folgt."
                    _cite(field, editor, "finding", {"finding": findings[title].pk}, note)
            for question in spec["questions"]:
                if survey is not None:
                    reference = {"survey": survey.pk, "question": question, "breakdown": ""}
                    _cite(field, editor, "survey_result", reference, "Ergebnis der Unternehmensbefragung (Demo).")
            if spec.get("figure") and district is not None:
                reference = {"indicator": spec["figure"], "region": district.code, "year": None}
                _cite(field, editor, "analysis_figure", reference, "Amtliche Statistik des Landkreises.")
            if spec.get("external"):
                _cite(field, editor, "external", dict(EXTERNAL), "Die Flächen müssen zum Regionalplan passen.")
            for title, summary, goal_numbers, source in spec["measures"]:
                measure = add(
                    ElementKind.MEASURE,
                    {"title": title, "summary": summary, "parent": field},
                    [goals[number] for number in goal_numbers],
                )
                _cite_source(measure, editor, source, findings=findings, survey=survey)
                measures[title] = measure
        for project in PROJECTS:
            element = _project(process, editor, project, measures[project.measure], add)
            if project.title in PROJECT_SOURCES:
                note = "Darauf stützt sich das Projekt (Demo)."
                source = PROJECT_SOURCES[project.title]
                _cite_source(element, editor, source, findings=findings, survey=survey, note=note)
        version = version_freeze(
            strategy=strategy, actor=editor, label="Entwurf für den Lenkungskreis (Demo)", note="Erste Fassung."
        )
        _consultation(process, version, admin=admin, editor=editor)
        version = version_submit(version=version, actor=admin)
        version = version_decide(version=version, actor=admin, approved=True, decided_on=DECIDED_ON, summary=DECISION)
        version_publish(version=version, actor=admin)
    strategy.refresh_from_db()
    return strategy


def _consultation(process: StrategyProcess, version: StrategyVersion, *, admin: User, editor: User) -> None:
    """The Sounding Board's consultation on version 1: its members' comments, answered by Redaktion, closed."""
    board = Board.objects.filter(process=process, kind=BoardKind.SOUNDING_BOARD).first()
    seat = BoardMember.objects.filter(board=board, user__isnull=False).select_related("user").first()
    if board is None or seat is None or seat.user is None:
        return
    consultation = consultation_open(
        version=version,
        actor=admin,
        title=CONSULTATION_TITLE,
        introduction=CONSULTATION_INTRODUCTION,
        deadline=timezone.now() + dt.timedelta(days=14),
        boards=[board],
    )
    tree = version_tree(version)
    for element_title, text, disposition, response in CONSULTATION_COMMENTS:
        node = next((node for node in tree.elements if node.title == element_title), None)
        comment = comment_submit(
            consultation=consultation, actor=seat.user, text=text, element_id=node.id if node else None
        )
        comment_respond(comment=comment, actor=editor, disposition=disposition, response=response)
    consultation_close(consultation=consultation, actor=admin)


def _project(
    process: StrategyProcess, editor: User, data: ProjectData, measure: Element, add: Callable[..., Element]
) -> Element:
    element = add(ElementKind.PROJECT, {"title": data.title, "summary": data.summary}, [measure])
    partners = [org for org in (_organisation(process, name) for name in data.partners) if org is not None]
    municipalities = list(Region.objects.filter(code__in=data.municipalities).order_by("code"))
    sheet = sheet_update(
        element=element,
        actor=editor,
        data={
            "goal": data.goal,
            "lead_organisation": _organisation(process, data.lead),
            "target_groups": data.target_groups,
            "start_date": data.start,
            "end_date": data.end,
            "budget": Decimal(data.budget) if data.budget is not None else None,
            "funding_source": data.funding,
            "funding_note": data.funding_note,
            "status": data.status,
            "progress": data.progress,
        },
        partners=partners,
        municipalities=municipalities,
    )
    for title, due, reached in data.milestones:
        milestone_create(sheet=sheet, actor=editor, data={"title": title, "due_date": due, "reached_on": reached})
    _indicators(element, editor, data.indicators, None)
    return element
