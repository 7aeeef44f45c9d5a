"""Editing the draft: elements, order, indicators, fact sheets, evidence (part of the manage URLs)."""

from django.urls import URLPattern, path

from standortkompass.strategy.views import editing, elements, evidence, indicators, sheets

urlpatterns: list[URLPattern] = [
    path("", editing.draft, name="draft"),
    path("titel/", editing.strategy_edit, name="strategy_edit"),
    # Elements
    path("elemente/neu/<str:kind>/", elements.element_create_view, name="element_create"),
    path("elemente/<int:element_pk>/", elements.element, name="element"),
    path("elemente/<int:element_pk>/bearbeiten/", elements.element_edit, name="element_edit"),
    path("elemente/<int:element_pk>/loeschen/", elements.element_delete_view, name="element_delete"),
    path("elemente/<int:element_pk>/verschieben/", elements.element_move_view, name="element_move"),
    # Fact sheet and milestones of a project
    path("elemente/<int:element_pk>/steckbrief/", sheets.sheet_edit, name="sheet_edit"),
    path("elemente/<int:element_pk>/meilensteine/neu/", sheets.milestone_create_view, name="milestone_create"),
    path(
        "elemente/<int:element_pk>/meilensteine/<int:milestone_pk>/bearbeiten/",
        sheets.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "elemente/<int:element_pk>/meilensteine/<int:milestone_pk>/loeschen/",
        sheets.milestone_delete_view,
        name="milestone_delete",
    ),
    # Indicators and their actual values
    path("elemente/<int:element_pk>/kennzahlen/neu/", indicators.indicator_create_view, name="indicator_create"),
    path("kennzahlen/<int:indicator_pk>/", indicators.indicator, name="indicator"),
    path("kennzahlen/<int:indicator_pk>/bearbeiten/", indicators.indicator_edit, name="indicator_edit"),
    path("kennzahlen/<int:indicator_pk>/loeschen/", indicators.indicator_delete_view, name="indicator_delete"),
    path("kennzahlen/<int:indicator_pk>/werte/neu/", indicators.actual_create, name="actual_create"),
    path("kennzahlen/<int:indicator_pk>/werte/<int:actual_pk>/bearbeiten/", indicators.actual_edit, name="actual_edit"),
    path(
        "kennzahlen/<int:indicator_pk>/werte/<int:actual_pk>/loeschen/",
        indicators.actual_delete_view,
        name="actual_delete",
    ),
    # Evidence links
    path("elemente/<int:element_pk>/belege/neu/", evidence.evidence_kinds, name="evidence_kinds"),
    path("elemente/<int:element_pk>/belege/neu/<str:kind>/", evidence.evidence_add_view, name="evidence_add"),
    path("belege/<int:evidence_pk>/bearbeiten/", evidence.evidence_edit, name="evidence_edit"),
    path("belege/<int:evidence_pk>/entfernen/", evidence.evidence_remove_view, name="evidence_remove"),
]
