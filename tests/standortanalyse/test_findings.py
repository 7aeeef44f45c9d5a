"""Findings (Befunde, SWOT): who may write them, the audit trail, the public SWOT page; publishing the analysis."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind

WRITERS = ["admin", "editor"]
REFUSED = ["board", "partner", "company"]


@pytest.fixture
def finding(process, users):
    return Finding.objects.create(
        process=process,
        kind=FindingKind.STRENGTH,
        title="Starke Industrie",
        text="Der **Fahrzeugbau** prägt den Kreis.",
        references=["standortquotienten", "portfolio"],
        is_public=True,
        created_by=users["admin"],
    )


def _urls(process, finding):
    return [
        reverse("standortanalyse_manage:findings", args=[process.pk]),
        reverse("standortanalyse_manage:finding_create", args=[process.pk]),
        reverse("standortanalyse_manage:finding_edit", args=[process.pk, finding.pk]),
        reverse("standortanalyse_manage:finding_delete", args=[process.pk, finding.pk]),
    ]


@pytest.mark.parametrize("role", WRITERS)
def test_administration_and_redaktion_may_open_the_findings_pages(role, process, finding, client_for):
    client = client_for(role)
    for url in _urls(process, finding):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", REFUSED)
def test_board_partner_and_company_are_refused(role, process, finding, client_for):
    client = client_for(role)
    for url in _urls(process, finding):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"kind": "threat", "title": "x"}).status_code == 403, url
    assert Finding.objects.count() == 1


def test_an_outsider_learns_nothing(process, finding, client_for):
    client = client_for("outsider")
    for url in _urls(process, finding):
        assert client.get(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in(process, finding, client_for):
    response = client_for("anonymous").get(_urls(process, finding)[0])
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_redaktion_creates_a_finding_with_references_and_it_is_audited(process, client_for, users):
    response = client_for("editor").post(
        reverse("standortanalyse_manage:finding_create", args=[process.pk]),
        {
            "kind": "weakness",
            "title": "Wenig Dienstleistungen",
            "text": "Unterdurchschnittlicher Anteil.",
            "references": ["branchenstruktur", "shift-share"],
            "is_public": "on",
            "order": "2",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get()
    assert finding.kind == "weakness"
    assert finding.references == ["branchenstruktur", "shift-share"]
    assert finding.created_by == users["editor"]
    entry = AuditEntry.objects.get(action="finding.create")
    assert entry.process == process
    assert entry.actor == users["editor"]


def test_a_finding_needs_a_kind_and_a_title_and_nothing_is_saved_without(process, client_for):
    response = client_for("editor").post(
        reverse("standortanalyse_manage:finding_create", args=[process.pk]), {"text": "ohne Titel"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"kind", "title"}
    assert not Finding.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_unknown_chart_reference_is_refused(process, client_for):
    response = client_for("editor").post(
        reverse("standortanalyse_manage:finding_create", args=[process.pk]),
        {"kind": "threat", "title": "x", "references": ["no-such-chart"], "order": "0"},
    )
    assert "references" in response.context["form"].errors
    assert not Finding.objects.exists()


def test_editing_records_what_changed(process, finding, client_for):
    response = client_for("admin").post(
        reverse("standortanalyse_manage:finding_edit", args=[process.pk, finding.pk]),
        {
            "kind": "strength",
            "title": "Sehr starke Industrie",
            "text": finding.text,
            "order": "0",
            "references": ["portfolio"],
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.title == "Sehr starke Industrie"
    assert not finding.is_public
    changes = AuditEntry.objects.get(action="finding.update").changes
    assert set(changes) == {"title", "references", "is_public"}


def test_deleting_asks_first_then_deletes_and_audits(process, finding, client_for):
    client = client_for("editor")
    url = reverse("standortanalyse_manage:finding_delete", args=[process.pk, finding.pk])
    assert client.get(url).status_code == 200
    assert Finding.objects.exists()
    assert client.post(url).status_code == 302
    assert not Finding.objects.exists()
    assert AuditEntry.objects.filter(action="finding.delete").count() == 1


def test_a_finding_of_another_process_is_not_found(process, finding, client_for, regions):
    from standortkompass.processes.models import StrategyProcess

    other = StrategyProcess.objects.create(slug="anders", title="Anders", region=regions["08118"])
    alien = Finding.objects.create(process=other, kind="threat", title="Fremd")
    url = reverse("standortanalyse_manage:finding_edit", args=[process.pk, alien.pk])
    assert client_for("admin").get(url).status_code == 404


def test_the_swot_page_shows_public_findings_in_four_quadrants_with_chart_links(process, finding, client):
    AnalysisSettings.objects.create(process=process, is_public=True)
    Finding.objects.create(process=process, kind="threat", title="Entwurf", is_public=False)
    Finding.objects.create(process=process, kind="opportunity", title="Wasserstoff", is_public=True)
    response = client.get(reverse("standortanalyse:swot"))
    page = response.content.decode()
    assert [quadrant["kind"] for quadrant in response.context["quadrants"]] == [
        "strength",
        "weakness",
        "opportunity",
        "threat",
    ]
    assert "Starke Industrie" in page
    assert "<strong>Fahrzeugbau</strong>" in page
    assert "Wasserstoff" in page
    assert "Entwurf" not in page
    assert f'href="{reverse("standortanalyse:structure")}#portfolio"' in page
    assert f'href="{reverse("standortanalyse:structure")}#standortquotienten"' in page


def test_only_administration_may_publish_the_analysis(process, client_for):
    url = reverse("standortanalyse_manage:publication", args=[process.pk])
    assert client_for("editor").get(url).status_code == 403
    assert client_for("editor").post(url, {"is_public": "on"}).status_code == 403
    assert not AnalysisSettings.objects.exists()
    assert client_for("admin").get(url).status_code == 200


def test_administration_publishes_the_analysis_with_comparison_districts(process, regions, client_for, client):
    url = reverse("standortanalyse_manage:publication", args=[process.pk])
    assert client.get(reverse("standortanalyse:overview")).status_code == 404
    response = client_for("admin").post(url, {"is_public": "on", "peer_codes": "08118"})
    assert response.status_code == 302
    settings = AnalysisSettings.objects.get(process=process)
    assert settings.is_public
    assert settings.peer_codes == ["08118"]
    assert AuditEntry.objects.get(action="analysis.settings").changes["is_public"] == ["False", "True"]
    assert client.get(reverse("standortanalyse:overview")).status_code == 200


def test_comparison_districts_must_be_known_districts(process, regions, client_for):
    url = reverse("standortanalyse_manage:publication", args=[process.pk])
    response = client_for("admin").post(url, {"is_public": "on", "peer_codes": "08118, 99999, 08"})
    assert response.status_code == 200
    assert "99999" in str(response.context["form"].errors["peer_codes"])
    assert "08" in str(response.context["form"].errors["peer_codes"])
    assert not AnalysisSettings.objects.exists()


def test_the_demo_publishes_the_analysis_with_findings_and_can_run_twice(process):
    from standortkompass.standortanalyse.services.findings import DEMO_FINDINGS, analysis_demo_load

    analysis_demo_load(process=process)
    Finding.objects.filter(title=DEMO_FINDINGS[0]["title"]).update(text="geändert")
    analysis_demo_load(process=process)
    assert AnalysisSettings.objects.get(process=process).is_public
    assert Finding.objects.filter(process=process, is_public=True).count() == len(DEMO_FINDINGS)
    assert Finding.objects.get(title=DEMO_FINDINGS[0]["title"]).text == DEMO_FINDINGS[0]["text"]


def test_the_form_offers_every_chart_as_a_checkbox_and_keeps_the_choice(process, finding, client_for):
    from standortkompass.standortanalyse.pages import CHARTS

    url = reverse("standortanalyse_manage:finding_edit", args=[process.pk, finding.pk])
    page = client_for("editor").get(url).content.decode()
    assert page.count('type="checkbox" name="references"') == len(CHARTS)
    checked = re.findall(r'name="references" value="([^"]+)" id="id_references_\d+" checked', page)
    assert checked == ["standortquotienten", "portfolio"]


def test_the_english_swot_page_marks_the_german_findings(process, finding, client):
    AnalysisSettings.objects.create(process=process, is_public=True)

    page = client.get("/en/standortanalyse/swot/").content.decode()

    assert '<h3 class="kern-heading-small"><span lang="de">Starke Industrie</span></h3>' in page
    assert '<div class="formatted" lang="de">' in page
    assert page.count("Some content on this page is only available in German.") == 1
