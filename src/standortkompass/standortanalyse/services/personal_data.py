"""The personal data of the Standortanalyse: who wrote which finding (registered in ``StandortanalyseConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from standortkompass.accounts import personal_data
from standortkompass.accounts.personal_data import Person, Record, fields_of
from standortkompass.standortanalyse.models import Finding


def _findings(person: Person) -> list[Record]:
    if person.user is None:
        return []
    findings = Finding.objects.filter(created_by=person.user).select_related("process").order_by("created_at", "id")
    return [fields_of(finding, ["process", "kind", "title", "created_at"]) for finding in findings]


def _findings_erase(person: Person) -> int:
    if person.user is None:
        return 0
    return Finding.objects.filter(created_by=person.user).update(created_by=None)


def register_personal_data() -> None:
    personal_data.register(
        "standortanalyse.findings",
        label=_("Findings (SWOT) written by the person"),
        effect=_("kept without the person"),
        collect=_findings,
        erase=_findings_erase,
    )
