"""Evidence links of an element: a source chosen from a kind's options or entered, its note, its removal."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.processes import evidence
from standortkompass.processes.evidence import EvidenceKind, EvidenceOption, ResolvedEvidence
from standortkompass.strategy.models import EvidenceLink
from standortkompass.strategy.services.evidence import evidence_add

PAPERS = {"a": "Pendleratlas", "b": "Flächenbericht", "c": "Gründungsreport"}
GONE: set[str] = set()


def url(name: str, process, **kwargs) -> str:
    return reverse(f"strategy_manage:{name}", kwargs={"process_pk": process.pk, **kwargs})


@pytest.fixture
def editor(client_for):
    return client_for("editor")


@pytest.fixture
def paper_kind(monkeypatch):
    """A kind of source with options in two groups, registered for the test only."""

    def options(process):
        return [
            EvidenceOption({"paper": "a"}, PAPERS["a"], group="Mobilität"),
            EvidenceOption({"paper": "b"}, PAPERS["b"], group="Flächen"),
            EvidenceOption({"paper": "c"}, PAPERS["c"], group="Flächen"),
        ]

    def resolve(process, reference, *, public):
        key = reference.get("paper")
        if key not in PAPERS or key in GONE:
            return None
        return ResolvedEvidence(title=PAPERS[key], summary="Ein Bericht.", figure="12,5 %")

    kind = EvidenceKind(
        key="paper",
        label="Bericht",
        options=options,
        resolve=resolve,
        source_key=lambda reference: f"paper:{reference.get('paper')}",
        order=10,
    )
    monkeypatch.setitem(evidence._kinds, "paper", kind)
    GONE.clear()
    return kind


def test_the_first_step_lists_the_registered_kinds(small_strategy, process, editor, paper_kind):
    html = editor.get(url("evidence_kinds", process, element_pk=small_strategy.measures[0].pk)).content.decode()
    assert url("evidence_add", process, element_pk=small_strategy.measures[0].pk, kind="paper") in html
    assert url("evidence_add", process, element_pk=small_strategy.measures[0].pk, kind="external") in html


def test_a_source_is_chosen_from_the_options_of_its_kind_in_groups(small_strategy, process, editor, paper_kind):
    measure = small_strategy.measures[0]
    page = editor.get(url("evidence_add", process, element_pk=measure.pk, kind="paper")).content.decode()
    assert '<legend class="kern-label">Flächen</legend>' in page
    assert page.index("Flächenbericht") < page.index("Gründungsreport")
    form = editor.get(url("evidence_add", process, element_pk=measure.pk, kind="paper")).context["form"]
    value = next(value for value, option in form.options.items() if option.reference == {"paper": "b"})
    response = editor.post(
        url("evidence_add", process, element_pk=measure.pk, kind="paper"),
        {"reference": value, "note": "Zeigt den Mangel."},
    )
    assert response["Location"] == url("element", process, element_pk=measure.pk) + "#belege"
    link = EvidenceLink.objects.get(element=measure)
    assert (link.kind, link.reference, link.source_key, link.note) == (
        "paper",
        {"paper": "b"},
        "paper:b",
        "Zeigt den Mangel.",
    )
    html = editor.get(url("element", process, element_pk=measure.pk)).content.decode()
    assert _("What does this element rest on?") in html
    assert "Flächenbericht" in html
    assert "12,5 %" in html
    assert "Zeigt den Mangel." in html


def test_a_value_that_is_no_option_is_refused(small_strategy, process, editor, paper_kind):
    measure = small_strategy.measures[0]
    response = editor.post(
        url("evidence_add", process, element_pk=measure.pk, kind="paper"), {"reference": '{"paper": "z"}'}
    )
    assert response.context["form"].errors["reference"] == [
        _("This source cannot be chosen (any more); choose another one.")
    ]
    assert not EvidenceLink.objects.exists()


def test_an_external_document_is_entered_field_by_field(small_strategy, process, editor):
    goal = small_strategy.goals[0]
    editor.post(
        url("evidence_add", process, element_pk=goal.pk, kind="external"),
        {"title": "Fachkräftemonitor", "url": "www.example.org/monitor", "publisher": "IHK", "note": "Engpässe"},
    )
    link = EvidenceLink.objects.get(element=goal)
    assert link.reference == {
        "title": "Fachkräftemonitor",
        "url": "https://www.example.org/monitor",
        "publisher": "IHK",
    }
    html = editor.get(url("element", process, element_pk=goal.pk)).content.decode()
    assert 'href="https://www.example.org/monitor"' in html


def test_an_external_document_needs_a_title(small_strategy, process, editor):
    response = editor.post(
        url("evidence_add", process, element_pk=small_strategy.goals[0].pk, kind="external"), {"title": "", "url": ""}
    )
    assert response.context["form"].errors["title"] == [_("Enter the title of the document.")]
    assert not EvidenceLink.objects.exists()


def test_citing_the_same_source_twice_is_refused_with_a_message(small_strategy, process, editor, users, paper_kind):
    measure = small_strategy.measures[0]
    evidence_add(element=measure, actor=users["editor"], kind="paper", reference={"paper": "a"})
    form = editor.get(url("evidence_add", process, element_pk=measure.pk, kind="paper")).context["form"]
    value = next(value for value, option in form.options.items() if option.reference == {"paper": "a"})
    response = editor.post(url("evidence_add", process, element_pk=measure.pk, kind="paper"), {"reference": value})
    assert response.status_code == 200
    assert response.context["form"].errors["reference"] == [_("This element already cites this source.")]
    assert EvidenceLink.objects.filter(element=measure).count() == 1


def test_the_note_is_edited_and_the_link_removed_only_by_post(small_strategy, process, editor, users, paper_kind):
    measure = small_strategy.measures[0]
    link = evidence_add(element=measure, actor=users["editor"], kind="paper", reference={"paper": "a"}, note="alt")
    editor.post(url("evidence_edit", process, evidence_pk=link.pk), {"note": "Pendler fehlen im Kreis."})
    link.refresh_from_db()
    assert link.note == "Pendler fehlen im Kreis."
    assert editor.get(url("evidence_remove", process, evidence_pk=link.pk)).status_code == 405
    response = editor.post(url("evidence_remove", process, evidence_pk=link.pk))
    assert response["Location"] == url("element", process, element_pk=measure.pk) + "#belege"
    assert not EvidenceLink.objects.exists()


def test_a_source_that_is_gone_is_shown_as_no_longer_available(small_strategy, process, editor, users, paper_kind):
    measure = small_strategy.measures[0]
    evidence_add(element=measure, actor=users["editor"], kind="paper", reference={"paper": "c"}, note="Wichtig")
    GONE.add("c")
    html = editor.get(url("element", process, element_pk=measure.pk)).content.decode()
    assert _("Source no longer available") in html
    assert "Wichtig" in html


def test_the_vision_statement_cites_no_sources_and_unknown_kinds_have_no_page(small_strategy, process, editor):
    vision = small_strategy.vision
    assert editor.get(url("evidence_kinds", process, element_pk=vision.pk)).status_code == 404
    assert editor.get(url("evidence_add", process, element_pk=vision.pk, kind="external")).status_code == 404
    goal = small_strategy.goals[0]
    assert editor.get(url("evidence_add", process, element_pk=goal.pk, kind="horoskop")).status_code == 404
    assert (
        _("What does this element rest on?")
        not in editor.get(url("element", process, element_pk=vision.pk)).content.decode()
    )
