"""The documents of the reports (issue 14): the Standortanalyse as tagged PDF, editable DOCX and HTML, and the
command ``standortkompass report``. Built from the statistics the analysis pages test with."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation
from docx import Document as WordDocument
from pypdf import PdfReader

from standortanalyse.test_pages import build_statistics
from standortkompass.core.documents import Figure, TableBlock
from standortkompass.processes.documents import DocumentUnavailableError, document_kinds
from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import ImportBatch
from standortkompass.reports.charts import print_spec
from standortkompass.reports.rendering import build_document, render_document
from standortkompass.standortanalyse.models import Finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(process: StrategyProcess, regions) -> StrategyProcess:
    build_statistics(regions)
    ImportBatch.objects.create(file_name="regionalstatistik.csv", sha256="0" * 64, format="long", rows=10)
    Finding.objects.create(
        process=process, kind="strength", title="Industrie", text="Starker Fahrzeugbau.", is_public=True
    )
    Finding.objects.create(
        process=process, kind="threat", title="Fachkräfte", text="Engpässe <b>wachsen</b>.", is_public=True
    )
    Finding.objects.create(
        process=process, kind="weakness", title="Intern", text="Nicht veröffentlicht.", is_public=False
    )
    return process


@pytest.fixture
def document(analysed):
    with translation.override("de"):
        return build_document("standortanalyse", analysed, {})


def test_the_standortanalyse_is_a_registered_kind():
    assert "standortanalyse" in [kind.key for kind in document_kinds()]


def test_the_document_has_every_page_figures_with_alt_texts_and_tables_and_the_public_swot(document):
    titles = [section.title for section in document.sections]
    assert titles[0] == "Über diese Analyse"
    assert "Wirtschaftsstruktur" in titles
    assert titles[-1] == "Stärken, Schwächen, Chancen und Risiken (SWOT)"
    figures = document.figures()
    assert len(figures) >= 5
    for figure in figures:
        assert isinstance(figure, Figure)
        assert figure.alt
        assert isinstance(figure.table, TableBlock)
        assert figure.table.rows
    swot = document.sections[-1]
    texts = " ".join(block.text for part in swot.sections for block in part.blocks)
    assert "Starker Fahrzeugbau." in texts
    assert "Nicht veröffentlicht." not in texts  # only the public findings
    assert document.versions[0][1].startswith("regionalstatistik.csv")
    assert any("Regionaldatenbank" in source for source in document.sources)


def test_without_statistics_the_document_says_what_is_missing(process):
    with translation.override("de"), pytest.raises(DocumentUnavailableError, match="load-official-data"):
        build_document("standortanalyse", process, {})


def test_an_unknown_kind_is_named(process):
    with pytest.raises(DocumentUnavailableError, match="befragung"):
        build_document("befragung", process, {})


def test_the_print_spec_takes_the_text_column_instead_of_the_container():
    spec = {
        "width": "container",
        "config": {"axis": {"labelLimit": {"expr": "clamp(containerSize()[0] * 0.4, 48, 360)"}}},
    }
    printed = print_spec(spec, width=600, height=300)
    assert printed["width"] == 600
    assert printed["config"]["axis"]["labelLimit"] == {"expr": "clamp([600,300][0] * 0.4, 48, 360)"}
    assert spec["width"] == "container"  # the page's spec is left as it is


def _structure(node, found):
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append((str(node.S), node.get("/Alt")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            _structure(kid, found)
    return found


def test_the_pdf_is_tagged_german_titled_and_every_figure_has_its_alt_text(document):
    rendered = render_document(document, "pdf")
    assert rendered.content_type == "application/pdf"
    with pikepdf.open(io.BytesIO(rendered.content)) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked) is True
        assert str(root.Lang) == "de"
        assert bool(root.ViewerPreferences.DisplayDocTitle) is True
        assert str(pdf.docinfo["/Title"]) == document.title
        elements = _structure(root.StructTreeRoot, [])
        kinds = [kind for kind, _alt in elements]
        figures = [alt for kind, alt in elements if kind == "/Figure"]
        assert len(figures) == len(document.figures())
        assert all(alt is not None and str(alt) for alt in figures)
        assert str(figures[0]) == document.figures()[0].alt
        assert "/H1" in kinds
        assert "/H2" in kinds
        assert "/Table" in kinds
        assert "/TH" in kinds
        assert "/L" in kinds
    reader = PdfReader(io.BytesIO(rendered.content))
    assert 5 <= len(reader.pages) <= 200
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Standortanalyse" in text
    assert "Inhalt" in text
    assert "Abbildung 1:" in text
    assert "Tabelle 1:" in text
    assert "Wirtschaftsstruktur" in text
    assert "Daten und Quellen" in text


def test_the_docx_has_word_headings_a_contents_field_tables_with_header_rows_and_alt_texts(document):
    rendered = render_document(document, "docx")
    word = WordDocument(io.BytesIO(rendered.content))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert "1 Über diese Analyse" in headings
    assert any(text.endswith("Wirtschaftsstruktur") for text in headings)
    assert word.core_properties.language == "de-DE"
    assert word.core_properties.title == document.title
    body = word.element.body.xml
    assert "TOC \\o" in body
    assert len(word.tables) >= len(document.figures())
    assert all("w:tblHeader" in table._tbl.xml for table in word.tables)
    pictures = word.inline_shapes
    assert len(pictures) == len(document.figures())
    assert [picture._inline.docPr.get("descr") for picture in pictures] == [f.alt for f in document.figures()]
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions[0].startswith("Tabelle 1:") or captions[0].startswith("Abbildung 1:")
    assert "PAGE" in word.sections[0].footer._element.xml


def test_the_html_is_one_accessible_page_with_escaped_text(document):
    rendered = render_document(document, "html")
    page = rendered.content.decode()
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in page
    assert "<title>Standortanalyse" in page
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == len(document.figures())
    assert all('alt="' in image and 'alt=""' not in image for image in images)
    assert "Engpässe &lt;b&gt;wachsen&lt;/b&gt;." in page
    assert "<b>wachsen</b>" not in page
    assert page.count("<caption>") >= len(document.figures())
    # Wide tables scroll sideways on a phone: each scrolling region can be reached with the keyboard.
    assert page.count('class="table-wrapper" tabindex="0" role="region" aria-label="') == page.count("<table>")


def test_the_command_writes_the_file(analysed, tmp_path: Path):
    target = tmp_path / "analyse.html"
    call_command("report", "standortanalyse", "--format", "html", "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".report-*"))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["befragung", "--format", "pdf", "--output", "{tmp}/x.pdf"], "Unknown kind"),
        (["standortanalyse", "--format", "pdf", "--output", "{tmp}/fehlt/x.pdf"], "does not exist"),
        (["standortanalyse", "--process", "999999", "--format", "pdf", "--output", "{tmp}/x.pdf"], "no process"),
    ],
)
def test_bad_arguments_end_with_a_message_and_status_2(analysed, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message) as raised:
        call_command("report", *[argument.replace("{tmp}", str(tmp_path)) for argument in arguments])
    assert raised.value.returncode == 2
    assert not list(tmp_path.iterdir())


def test_with_several_processes_the_command_asks_for_one(analysed, tmp_path):
    StrategyProcess.objects.create(slug="zweiter", title="Zweiter Prozess", region=analysed.region)
    with pytest.raises(CommandError, match="--process") as raised:
        call_command("report", "standortanalyse", "--format", "html", "--output", str(tmp_path / "x.html"))
    assert raised.value.returncode == 2


def test_a_process_without_statistics_is_refused_with_status_2(process, tmp_path):
    with pytest.raises(CommandError, match="load-official-data") as raised:
        call_command("report", "standortanalyse", "--format", "docx", "--output", str(tmp_path / "x.docx"))
    assert raised.value.returncode == 2


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_pages_of_the_pdf_are_drawn_for_a_look(document):
    """Pages of the PDF as PNG in test-artifacts/ (report-standortanalyse-<n>.png): title page, contents, a
    chart page, a table page — to look at layout, charts, tables and German characters (pdftoppm, from
    poppler-utils; CI installs it)."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftoppm is not on PATH (apt-get install poppler-utils), and CI=true requires it.")
        pytest.skip("pdftoppm is not on PATH (Debian: apt-get install poppler-utils)")
    rendered = render_document(document, "pdf")
    ARTIFACTS.mkdir(exist_ok=True)
    source = ARTIFACTS / "report-standortanalyse.pdf"
    source.write_bytes(rendered.content)
    for old in ARTIFACTS.glob("report-standortanalyse-*.png"):
        old.unlink()
    subprocess.run(  # noqa: S603 - poppler's pdftoppm on our own file
        [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "6", str(source), str(ARTIFACTS / "report-standortanalyse")],
        check=True,
        timeout=120,
    )
    drawn = sorted(ARTIFACTS.glob("report-standortanalyse-*.png"))
    assert len(drawn) == 6
    assert all(path.stat().st_size > 2000 for path in drawn)  # not blank pages


def test_in_english_the_document_and_its_pdf_speak_english(analysed):
    with translation.override("en"):
        document = build_document("standortanalyse", analysed, {})
    assert document.language == "en"
    assert document.sections[0].title == "About this analysis"
    rendered = render_document(document, "html")
    assert '<html lang="en">' in rendered.content.decode()
    assert "Figure 1:" in rendered.content.decode()
