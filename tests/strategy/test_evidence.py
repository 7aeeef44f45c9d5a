"""Evidence both ways: an element cites its sources; a source's page says what came of it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.evidence import citations
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind
from standortkompass.strategy.services.evidence import evidence_add, evidence_remove
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit


@pytest.fixture
def finding(process):
    AnalysisSettings.objects.create(process=process, is_public=True)
    return Finding.objects.create(process=process, kind=FindingKind.WEAKNESS, title="Fachkräfteengpass", is_public=True)


def _publish(small_strategy, users):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="1")
    version_submit(version=version, actor=users["admin"])
    version_decide(version=version, actor=users["admin"], approved=True, decided_on=dt.date(2027, 1, 1), summary="Ja")
    version_publish(version=version, actor=users["admin"])


def test_a_cited_finding_lists_the_draft_element_for_redaktion_and_the_published_one_for_the_public(
    small_strategy, finding, users, process, client
):
    measure = small_strategy.measures[0]
    evidence_add(
        element=measure, actor=users["editor"], kind="finding", reference={"finding": finding.pk}, note="Engpass"
    )
    key = f"finding:{finding.pk}"
    [internal] = citations(process, key, public=False)
    assert internal.title == "Ausbildungsbörse"
    assert internal.url == f"/verwaltung/{process.pk}/strategie/elemente/{measure.pk}/"
    assert internal.note == "Engpass"
    # Nothing is published yet: the public learns nothing.
    assert citations(process, key, public=True) == []
    assert "Ausbildungsbörse" not in client.get("/standortanalyse/swot/").content.decode()
    _publish(small_strategy, users)
    [public] = citations(process, key, public=True)
    assert public.url == f"/strategie/{measure.slug}/"
    page = client.get("/standortanalyse/swot/").content.decode()
    assert f'id="befund-{finding.pk}"' in page
    assert f'href="/strategie/{measure.slug}/"' in page


def test_a_source_is_cited_once_per_element_and_must_exist(small_strategy, finding, users):
    goal = small_strategy.goals[0]
    evidence_add(element=goal, actor=users["editor"], kind="finding", reference={"finding": finding.pk})
    with pytest.raises(ValidationError) as error:
        evidence_add(element=goal, actor=users["editor"], kind="finding", reference={"finding": finding.pk})
    assert "reference" in error.value.message_dict
    with pytest.raises(ValidationError):
        evidence_add(element=goal, actor=users["editor"], kind="finding", reference={"finding": 999999})
    with pytest.raises(ValidationError):
        evidence_add(element=goal, actor=users["editor"], kind="nonsense", reference={})
    with pytest.raises(ValidationError):
        evidence_add(
            element=small_strategy.vision, actor=users["editor"], kind="finding", reference={"finding": finding.pk}
        )


def test_an_external_document_is_cited_by_title_and_address_and_removing_a_link_is_audited(small_strategy, users):
    project = small_strategy.projects[0]
    reference = {"title": "Fachkräftemonitor BW", "url": "https://example.org/monitor.pdf", "publisher": "IHK"}
    link = evidence_add(element=project, actor=users["editor"], kind="external", reference=reference)
    assert link.source_key == "external:https://example.org/monitor.pdf"
    with pytest.raises(ValidationError):
        evidence_add(element=project, actor=users["editor"], kind="external", reference={"title": " ", "url": ""})
    evidence_remove(link=link, actor=users["editor"])
    assert AuditEntry.objects.filter(action="strategy.evidence.remove").count() == 1
    assert not project.evidence.exists()


def test_many_cited_sources_are_looked_up_together_per_kind(small_strategy, finding, users, process, regions):
    from standortkompass.regiondata.models import Indicator, Observation
    from standortkompass.strategy.selectors.evidence import evidence_shown
    from standortkompass.strategy.selectors.tree import draft_tree

    more = [
        Finding.objects.create(process=process, kind=FindingKind.STRENGTH, title=f"Befund {n}", is_public=True)
        for n in range(6)
    ]
    for n in range(6):
        indicator = Indicator.objects.create(code=f"kennzahl_{n}", name=f"Kennzahl {n}", unit="%")
        Observation.objects.create(indicator=indicator, region=regions["08118"], year=2023, value=n + 0.5)
    goal = small_strategy.goals[0]
    for n, item in enumerate([finding, *more]):
        evidence_add(element=goal, actor=users["editor"], kind="finding", reference={"finding": item.pk})
        if n < 6:
            reference = {"indicator": f"kennzahl_{n}", "region": "08118", "year": None}
            evidence_add(element=goal, actor=users["editor"], kind="analysis_figure", reference=reference)
    links = next(node for node in draft_tree(small_strategy.strategy).elements if node.id == goal.pk).evidence
    assert len(links) == 13

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        shown = evidence_shown(process, links, public=True)
    assert [item.resolved.title for item in shown[:2]] == ["Fachkräfteengpass", "Kennzahl 0, Ludwigsburg"]
    assert shown[1].resolved.figure == "0,5\N{NO-BREAK SPACE}% (2023)"
    # Findings: one read and the analysis's publication; figures: indicators, regions, observations, publication.
    assert len(captured.captured_queries) <= 7
