"""Writing the findings (Befunde) and the publication settings of the Standortanalyse, audited."""

from __future__ import annotations

from typing import TypedDict

from django.db import transaction

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record, model_changes
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.navigation import navigation_changed
from standortkompass.standortanalyse.models import AnalysisSettings, Finding

FINDING_FIELDS = ("kind", "title", "text", "references", "is_public", "order")


class FindingData(TypedDict, total=False):
    kind: str
    title: str
    text: str
    references: list[str]
    is_public: bool
    order: int


def _values(finding: Finding) -> dict[str, object]:
    return {name: getattr(finding, name) for name in FINDING_FIELDS}


def finding_create(*, process: StrategyProcess, actor: User, data: FindingData) -> Finding:
    with transaction.atomic():
        finding = Finding(process=process, created_by=actor)
        for name in FINDING_FIELDS:
            if name in data:
                setattr(finding, name, data[name])  # type: ignore[literal-required]
        finding.full_clean()
        finding.save()
        changes = model_changes(dict.fromkeys(FINDING_FIELDS, ""), _values(finding))
        audit_record(actor=actor, action="finding.create", obj=finding, process=process, changes=changes)
        return finding


def finding_update(*, finding: Finding, actor: User, data: FindingData) -> Finding:
    with transaction.atomic():
        stored = Finding.objects.select_for_update().get(pk=finding.pk)
        before = _values(stored)
        for name in FINDING_FIELDS:
            if name in data:
                setattr(finding, name, data[name])  # type: ignore[literal-required]
        finding.full_clean()
        finding.save()
        changes = model_changes(before, _values(finding))
        if changes:
            audit_record(actor=actor, action="finding.update", obj=finding, process=finding.process, changes=changes)
        return finding


def finding_delete(*, finding: Finding, actor: User) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="finding.delete", obj=finding, process=finding.process)
        finding.delete()


def analysis_settings_update(
    *, process: StrategyProcess, actor: User, is_public: bool, peer_codes: list[str]
) -> AnalysisSettings:
    """Publish or withdraw the analysis and set its comparison districts."""
    with transaction.atomic():
        settings, _created = AnalysisSettings.objects.select_for_update().get_or_create(process=process)
        before = {"is_public": settings.is_public, "peer_codes": settings.peer_codes}
        settings.is_public = is_public
        settings.peer_codes = list(peer_codes)
        settings.full_clean()
        settings.save()
        changes = model_changes(before, {"is_public": is_public, "peer_codes": list(peer_codes)})
        if "is_public" in changes:
            navigation_changed()
        if changes:
            audit_record(actor=actor, action="analysis.settings", obj=settings, process=process, changes=changes)
        return settings


# Demo: findings that match the shipped official data of Landkreis Ludwigsburg (08118).
DEMO_FINDINGS: tuple[FindingData, ...] = (
    FindingData(
        kind="strength",
        title="Starker Industriestandort",
        text=(
            "Fast 29 % der sozialversicherungspflichtig Beschäftigten arbeiten im **Verarbeitenden Gewerbe** – "
            "der Standortquotient gegenüber Deutschland liegt bei 1,39."
        ),
        references=["standortquotienten", "branchenstruktur"],
        is_public=True,
        order=1,
    ),
    FindingData(
        kind="strength",
        title="Hohe Produktivität und niedrige Arbeitslosigkeit",
        text=(
            "Das BIP je Erwerbstätigen liegt gut ein Viertel über dem Bundeswert; "
            "die Arbeitslosenquote deutlich darunter."
        ),
        references=["kennzahlen", "produktivitaet", "arbeitslosenquote"],
        is_public=True,
        order=2,
    ),
    FindingData(
        kind="weakness",
        title="Auspendlerüberschuss",
        text=(
            "Der Kreis hat weniger Arbeitsplätze als beschäftigte Einwohnerinnen und Einwohner; "
            "viele pendeln nach Stuttgart."
        ),
        references=["pendler"],
        is_public=True,
        order=1,
    ),
    FindingData(
        kind="opportunity",
        title="Dynamische Dienstleistungen",
        text=(
            "Handel, Verkehr und Gastgewerbe sowie die unternehmensnahen Dienstleistungen wachsen schneller "
            "als im Land (Portfolio, Shift-Share)."
        ),
        references=["portfolio", "shift-share-branchen"],
        is_public=True,
        order=1,
    ),
    FindingData(
        kind="threat",
        title="Abhängigkeit vom Strukturwandel der Industrie",
        text="Der hohe Industrieanteil macht den Kreis verwundbar, wenn Fahrzeugbau und Zulieferer umbauen müssen.",
        references=["spezialisierung", "shift-share"],
        is_public=True,
        order=1,
    ),
)


def analysis_demo_load(*, process: StrategyProcess) -> None:
    """Publish the demo process's analysis and give it the demo findings. Idempotent: restores edited demo findings."""
    with transaction.atomic():
        AnalysisSettings.objects.update_or_create(process=process, defaults={"is_public": True, "peer_codes": []})
        for data in DEMO_FINDINGS:
            finding = Finding.objects.filter(process=process, title=data["title"]).first() or Finding(process=process)
            for name in FINDING_FIELDS:
                if name in data:
                    setattr(finding, name, data[name])  # type: ignore[literal-required]
            finding.full_clean()
            finding.save()
