"""The demo strategy: labelled, published, idempotent; indicators bound to real statistics, evidence that resolves."""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from standortkompass.processes import evidence
from standortkompass.processes.models import Organisation, OrganisationType, StrategyProcess
from standortkompass.regiondata.catalogue import OFFICIAL_FILES
from standortkompass.regiondata.importers.official import read_official_csv
from standortkompass.regiondata.models import Observation
from standortkompass.regiondata.services.observations import observations_import
from standortkompass.standortanalyse.services.findings import analysis_demo_load
from standortkompass.strategy.demo import strategy_demo_load
from standortkompass.strategy.demo.data import PROJECTS
from standortkompass.strategy.models import (
    Element,
    ElementKind,
    EvidenceLink,
    IndicatorActual,
    Strategy,
    StrategyIndicator,
    StrategyVersion,
    VersionState,
)
from standortkompass.surveys.demo import survey_demo_load

pytestmark = pytest.mark.django_db

STATISTICS_FILES = (
    "employment/svb_arbeitsort_wohnort_kreise_2008-2019.csv",
    "gva/vgrdl_bip_bws_kreise_2000-2017.csv",
    "labour_market/arbeitslose_kreise_jahresdurchschnitt_2015-2020.csv",
)


# The cut-down tables, read once for the module (each test starts with an empty database).
_excerpts: dict[str, bytes] = {}


def _excerpt(path: str) -> bytes:
    if path not in _excerpts:
        with (Path(settings.OFFICIAL_DATA_DIR) / path).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = [row for row in reader if row["ags"] == "08118"]
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=reader.fieldnames or [], lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        _excerpts[path] = buffer.getvalue().encode()
    return _excerpts[path]


@pytest.fixture
def statistics(regions) -> None:
    """The shipped official tables the demo binds, cut down to the district of Ludwigsburg."""
    for spec in OFFICIAL_FILES:
        if spec.path in STATISTICS_FILES:
            data = _excerpt(spec.path)
            parsed = read_official_csv(data, spec=spec)
            observations_import(parsed=parsed, sha256=hashlib.sha256(data).hexdigest(), loader="test")


@pytest.fixture
def organisations(process: StrategyProcess, regions) -> None:
    """The demo's organisations the projects name (the whole demo process has them)."""
    for name in sorted({key for project in PROJECTS for key in (project.lead, *project.partners)}):
        if name.isdigit():
            Organisation.objects.create(
                process=process, name=f"Stadt {name}", type=OrganisationType.MUNICIPALITY, external_id=name
            )
        else:
            Organisation.objects.create(process=process, name=name, type=OrganisationType.CHAMBER)


@pytest.fixture
def demo(process: StrategyProcess, users, statistics, organisations) -> Strategy:
    analysis_demo_load(process=process)
    survey_demo_load(process=process, responses=12)
    return strategy_demo_load(process=process)


def test_the_demo_strategy_is_labelled_as_demo(demo):
    assert demo.is_demo
    assert "(Demo)" in demo.title
    assert demo.introduction.startswith("**Demo:**")


def test_the_demo_has_a_vision_four_goals_five_fields_measures_and_ten_projects(demo):
    kinds = [element.kind for element in Element.objects.filter(strategy=demo)]

    assert kinds.count(ElementKind.VISION) == 1
    assert kinds.count(ElementKind.GOAL) == 4
    assert kinds.count(ElementKind.FIELD) == 5
    assert kinds.count(ElementKind.MEASURE) == 10
    assert kinds.count(ElementKind.PROJECT) == 10
    projects = Element.objects.filter(strategy=demo, kind=ElementKind.PROJECT).select_related("sheet")
    assert len({project.sheet.status for project in projects}) == 5
    assert all(project.sheet.lead_organisation_id for project in projects)
    assert all(project.serves.exists() for project in projects)


def test_the_demo_version_one_is_decided_and_published(demo):
    version = StrategyVersion.objects.get(strategy=demo)

    assert version.number == 1
    assert version.state == VersionState.APPROVED
    assert version.decision_summary.endswith("(Demo)")
    assert demo.published_version == version


def test_loading_the_demo_twice_gives_one_strategy(demo, process):
    elements = Element.objects.filter(strategy=demo).count()

    again = strategy_demo_load(process=process)

    assert again == demo
    assert Strategy.objects.filter(process=process).count() == 1
    assert Element.objects.filter(strategy=demo).count() == elements
    assert StrategyVersion.objects.filter(strategy=demo).count() == 1


def test_the_demo_indicators_are_bound_to_statistics_of_the_district_and_take_their_baseline_from_them(demo):
    bound = StrategyIndicator.objects.filter(element__strategy=demo, statistic__isnull=False)

    assert bound.count() >= 4
    for indicator in bound:
        assert indicator.region.code == "08118"
        observation = Observation.objects.get(
            indicator=indicator.statistic,
            region=indicator.region,
            year=indicator.baseline_year,
            sector__in=("", "TOTAL"),
        )
        assert indicator.baseline_value == observation.value
        assert "Demo" in indicator.definition  # the target is a demo assumption and says so


def test_the_demo_gives_unbound_indicators_no_baseline_and_no_actual_values(demo):
    unbound = StrategyIndicator.objects.filter(element__strategy=demo, statistic__isnull=True)

    assert unbound.exists()
    assert all(indicator.baseline_value is None for indicator in unbound)
    assert not IndicatorActual.objects.filter(indicator__element__strategy=demo).exists()


def test_the_demo_without_statistics_leaves_the_bound_indicators_out(process, users):
    strategy = strategy_demo_load(process=process)

    assert not StrategyIndicator.objects.filter(element__strategy=strategy, statistic__isnull=False).exists()


def test_the_demo_evidence_links_resolve_to_findings_survey_results_and_a_document(demo, process):
    links = list(EvidenceLink.objects.filter(element__strategy=demo))

    assert {"finding", "survey_result", "external", "analysis_figure"} <= {link.kind for link in links}
    for link in links:
        assert evidence.resolve(process, link.kind, link.reference, public=False) is not None, link.source_key
    assert any(link.reference.get("breakdown") for link in links if link.kind == "survey_result")


def test_the_demo_strategy_is_on_the_public_pages(client, demo):
    overview = client.get(reverse("strategy:overview")).content.decode()
    projects = client.get(reverse("strategy:projects")).content.decode()

    assert "Industriestandort mit Zukunft" in overview
    assert 'class="demo-banner"' in overview
    assert projects.count('class="strategy-project"') == 10
    for element in Element.objects.filter(strategy=demo):
        name = "strategy:project" if element.kind == ElementKind.PROJECT else "strategy:element"
        assert client.get(reverse(name, kwargs={"slug": element.slug})).status_code == 200


def test_the_demo_sounding_board_commented_on_version_one_and_redaktion_handled_every_comment(
    process, users, statistics, organisations
):
    from standortkompass.processes.models import Board, BoardKind, BoardMember
    from standortkompass.strategy.models import CommentDisposition, ConsultationRound

    board = Board.objects.create(process=process, name="Sounding Board", kind=BoardKind.SOUNDING_BOARD)
    BoardMember.objects.create(board=board, name="Dr. Erika Beispiel", user=users["board"])
    analysis_demo_load(process=process)
    survey_demo_load(process=process, responses=12)
    strategy_demo_load(process=process)
    consultation = ConsultationRound.objects.get(version__strategy__process=process)
    assert consultation.version.number == 1
    assert list(consultation.boards.all()) == [board]
    assert consultation.closed_at is not None
    comments = list(consultation.comments.order_by("id"))
    assert len(comments) == 4
    assert all(comment.created_by == users["board"] for comment in comments)
    assert all(comment.disposition != CommentDisposition.OPEN and comment.response for comment in comments)
    assert comments[0].element_title == "Transformation der Automobilzulieferer"
    assert comments[-1].element_id is None
    assert all("(Demo)" in comment.text for comment in comments)
