"""The register's entries as a kind of evidence ("board_entry"): the strategy can cite a recommendation or decision.

Reference ``{"entry": <RegisterEntry id>}``, source key ``"board:<id>"``. For the public an entry resolves only
when it is public; the link then leads to its page under /beschluesse/, else to its page in the area.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from standortkompass.governance.models import Confidentiality, RegisterEntry
from standortkompass.governance.selectors.access import public_q
from standortkompass.processes.evidence import EvidenceKind, EvidenceOption, Reference, ResolvedEvidence
from standortkompass.processes.models import StrategyProcess


def _entry_id(reference: Reference) -> int | None:
    value = reference.get("entry")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _title(entry: RegisterEntry) -> str:
    day = date_format(entry.decided_on, "SHORT_DATE_FORMAT")
    return f"{entry.get_kind_display()} {entry.board.name}, {day}: {entry.subject}"


def _options(process: StrategyProcess) -> list[EvidenceOption]:
    entries = (
        RegisterEntry.objects.filter(board__process=process).select_related("board").order_by("-decided_on", "-id")
    )
    return [
        EvidenceOption(
            reference={"entry": entry.pk},
            label=_title(entry)
            + ("" if entry.confidentiality == Confidentiality.PUBLIC else f" ({entry.get_confidentiality_display()})"),
            group=entry.board.name,
        )
        for entry in entries
    ]


def _resolve(process: StrategyProcess, reference: Reference, *, public: bool) -> ResolvedEvidence | None:
    pk = _entry_id(reference)
    if pk is None:
        return None
    entries = RegisterEntry.objects.filter(board__process=process, pk=pk).select_related("board")
    if public:
        entries = entries.filter(public_q())
    entry = entries.first()
    if entry is None:
        return None
    url = (
        reverse("governance:entry", kwargs={"pk": entry.pk})
        if public
        else reverse("governance_manage:entry", kwargs={"process_pk": process.pk, "entry_pk": entry.pk})
    )
    return ResolvedEvidence(
        title=_title(entry),
        summary=entry.text[:300],
        url=url,
        source=entry.board.name,
        details=((str(gettext_lazy("Status")), entry.get_status_display()),),
    )


def _key(reference: Reference) -> str:
    return f"board:{_entry_id(reference) or 0}"


BOARD_ENTRY = EvidenceKind(
    key="board_entry",
    label=gettext_lazy("Recommendation or decision of a board"),
    options=_options,
    resolve=_resolve,
    source_key=_key,
    order=40,
)
