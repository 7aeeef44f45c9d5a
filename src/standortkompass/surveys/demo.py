"""The demo survey: the default questionnaire in the field with generated, clearly labelled answers.

Nothing here is an official figure: the answers are drawn from a seeded random generator so that
the results pages have something to show. The survey and every response carry ``is_demo``.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction

from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys import expressions
from standortkompass.surveys.models import Anonymity, Response, ResponseStatus, Survey
from standortkompass.surveys.runtime import Answers, Runtime
from standortkompass.surveys.schema import Page, Question
from standortkompass.surveys.selectors.surveys import personal_question_names
from standortkompass.surveys.services.questionnaires import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open

DEFAULT_QUESTIONNAIRE = Path(__file__).parent / "questionnaires" / "unternehmensbefragung_zukunftsstrategie.xlsx"
DEMO_TITLE = "Unternehmensbefragung Zukunftsstrategie (Demo)"
DEMO_SLUG = "unternehmensbefragung-demo"
DEMO_RESPONSES = 180
DEMO_PARTIAL = 25
DEMO_TEXTS = (
    "Demo-Antwort: schnellere Genehmigungen für Erweiterungen",
    "Demo-Antwort: mehr bezahlbare Gewerbeflächen",
    "Demo-Antwort: besserer Nahverkehr für Auszubildende",
    "Demo-Antwort: Glasfaser im Gewerbegebiet",
    "Demo-Antwort: Unterstützung bei der Fachkräftegewinnung",
    "Demo-Antwort: Netzwerk für Energieeffizienz",
    "Demo-Antwort: eine feste Ansprechperson in der Verwaltung",
    "Demo-Antwort: Kinderbetreuung mit längeren Öffnungszeiten",
)
# Lean towards small companies and the middle of scales, as real surveys do.
SIZE_WEIGHTS = {"0_9": 5, "10_49": 3, "50_249": 1.5, "250_plus": 0.5}


def _number(question: Question, answers: Answers, rng: random.Random, *, decimal: bool) -> object:
    for _attempt in range(60):
        value: object = round(rng.lognormvariate(2.5, 1.3), 1) if decimal else int(rng.lognormvariate(2.3, 1.4))
        if expressions.satisfies_constraint(question["constraint"], answers, value):
            return value
    return None


def _answer(runtime: Runtime, question: Question, answers: Answers, rng: random.Random, skew: float) -> object:
    kind = question["kind"]
    if kind in {"select_one", "select_multiple", "rank"}:
        names = [choice["name"] for choice in runtime.choices(question, answers) if choice["name"] != "other"]
        if not names:
            return None
        if kind == "select_one":
            weights = [SIZE_WEIGHTS.get(name, 1.0) for name in names]
            if len(names) in (4, 5, 6) and not any(name in SIZE_WEIGHTS for name in names):
                # A rating scale: lean towards one side per item.
                weights = [1.0 + skew * (len(names) - index) for index in range(len(names))]
            return rng.choices(names, weights=weights)[0]
        if kind == "select_multiple":
            order = runtime.canonical_order(question)
            return sorted(rng.sample(names, k=min(len(names), rng.randint(1, 3))), key=order.index)
        return rng.sample(names, k=min(len(names), 3))
    if kind == "integer":
        return _number(question, answers, rng, decimal=False)
    if kind == "decimal":
        return _number(question, answers, rng, decimal=True)
    if kind in {"text", "long_text"}:
        return rng.choice(DEMO_TEXTS) if rng.random() < 0.35 else None
    if kind == "date":
        return f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-01"
    return None


def generate_answers(
    runtime: Runtime, rng: random.Random, *, personal: frozenset[str] | set[str] = frozenset()
) -> Answers:
    """Plausible answers that follow the questionnaire's logic, page by page as a respondent would."""
    answers: Answers = {}
    skew = rng.uniform(-0.15, 0.6)
    for page in runtime.schema["pages"]:
        if not runtime.page_is_visible(page, answers):
            continue
        for question in _as_they_appear(runtime, page, answers):
            items = question["items"] if question["kind"] == "matrix" else [question]
            for item in items:
                if item["name"] in personal or item["kind"] in {"note", "calculate"}:
                    continue
                if question["kind"] == "matrix":
                    item = {**item, "list_name": item["list_name"] or question["list_name"]}
                if not item["required"] and rng.random() < 0.08:
                    continue
                for _attempt in range(20):
                    value = _answer(runtime, item, answers, rng, skew)
                    if value is None or value == [] or runtime.constraint_error(item, value, answers) is None:
                        break
                else:
                    value = None
                if value is not None and value != []:
                    answers[item["name"]] = value
        answers = runtime.without_hidden(answers)
    return answers


def _as_they_appear(runtime: Runtime, page: Page, answers: Answers) -> Iterator[Question]:
    """The page's visible questions, then those that earlier answers on the page make visible
    (an "other, namely" follow-up), as a respondent sees them."""
    seen: set[str] = set()
    while fresh := [q for q in runtime.visible_questions(page, answers) if q["name"] not in seen]:
        for question in fresh:
            seen.add(question["name"])
            yield question


def survey_demo_load(*, process: StrategyProcess, responses: int = DEMO_RESPONSES, seed: int = 2026) -> Survey:
    """The demo survey of the demo process with generated answers. Idempotent: an existing one is kept."""
    existing = Survey.objects.filter(process=process, slug=DEMO_SLUG).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        version = questionnaire_import(
            process=process, data=DEFAULT_QUESTIONNAIRE.read_bytes(), filename=DEFAULT_QUESTIONNAIRE.name
        )
        questionnaire_publish(version=version, actor=None)
        survey = survey_create(
            process=process,
            questionnaire=version.questionnaire,
            actor=None,
            title=DEMO_TITLE,
            slug=DEMO_SLUG,
            anonymity=Anonymity.ANONYMOUS,
            open_access=True,
            is_demo=True,
            introduction=(
                "**Demo:** Diese Befragung gehört zum Demo-Prozess. Die vorhandenen Antworten sind zufällig "
                "erzeugt und keine echten Angaben von Unternehmen."
            ),
        )
        survey = survey_open(survey=survey, actor=None)
        runtime = Runtime(version.schema)
        personal = personal_question_names(version)
        rng = random.Random(seed)  # noqa: S311 (demo answers, not secrets)
        pages = [page["name"] for page in runtime.schema["pages"]]
        rows = []
        for number in range(responses + DEMO_PARTIAL):
            answers = generate_answers(runtime, rng, personal=personal)
            partial = number >= responses
            if partial:
                # Stopped somewhere in the middle: keep the answers of the first pages only.
                stop = rng.randint(1, max(len(pages) - 2, 1))
                kept = {name for page in pages[:stop] for name in runtime.answerable_names(runtime.page(page))}
                answers = runtime.without_hidden({k: v for k, v in answers.items() if k in kept})
            rows.append(
                Response(
                    survey=survey,
                    version=version,
                    status=ResponseStatus.IN_PROGRESS if partial else ResponseStatus.COMPLETED,
                    language=runtime.language,
                    answers=answers,
                    current_page=pages[stop] if partial else pages[-1],
                    is_demo=True,
                )
            )
        Response.objects.bulk_create(rows, batch_size=500)
    return survey
