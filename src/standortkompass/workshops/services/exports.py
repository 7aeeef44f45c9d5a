"""The data of a live session as files: CSV (one table) and XLSX (a sheet per kind of row).

Every card, cluster, canvas, vote, rating, pairwise choice, rank and commitment of every phase is a row, values
unrounded, so the results can be computed again from the file. The files are pseudonymous: no display names, no
names given with commitments and no accounts — a participant is a number within the session (in the order they
joined), with the stakeholder group and table they had when they voted. Paper results have no participant.

CSV as the survey exports write it for German Excel (``surveys.export_formats``): UTF-8 with BOM, ``;``,
``\\r\\n``; text a spreadsheet would run as a formula begins with an apostrophe. It is streamed row by row. The
XLSX (XlsxWriter, rows go to a temporary file as they are written) stores every text as a text cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import xlsxwriter
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from standortkompass.surveys.export_formats import EXCEL_CELL_LIMIT, neutralise_csv_text
from standortkompass.workshops.models import (
    Commitment,
    Contribution,
    Item,
    ItemKind,
    LiveSession,
    Participant,
    PhaseKind,
    SessionPhase,
)

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The kinds of rows (the CSV's column "row kind"; the XLSX has a sheet for each group of them).
ROW_CARD = "card"
ROW_CLUSTER = "cluster"
ROW_CANVAS = "canvas"
ROW_POINTS = "points"
ROW_RATING = "rating"
ROW_PAIRWISE = "pairwise"
ROW_RANK = "rank"
ROW_COMMITMENT = "commitment"

# Which row kind a phase's contributions are.
CONTRIBUTION_ROWS = {
    PhaseKind.DOT_VOTE: ROW_POINTS,
    PhaseKind.POINTS: ROW_POINTS,
    PhaseKind.RATING: ROW_RATING,
    PhaseKind.MATRIX: ROW_RATING,
    PhaseKind.PAIRWISE: ROW_PAIRWISE,
    PhaseKind.RANKING: ROW_RANK,
}


def row_kind_labels() -> dict[str, str]:
    return {
        ROW_CARD: _("Card"),
        ROW_CLUSTER: _("Cluster"),
        ROW_CANVAS: _("Project canvas"),
        ROW_POINTS: _("Points"),
        ROW_RATING: _("Rating"),
        ROW_PAIRWISE: _("Pairwise comparison"),
        ROW_RANK: _("Rank"),
        ROW_COMMITMENT: _("Commitment"),
    }


@dataclass(frozen=True)
class Column:
    key: str
    label: Callable[[], str]


# The CSV's columns, in order (the XLSX sheets take the ones that matter for them).
COLUMNS: tuple[Column, ...] = (
    Column("session", lambda: _("Session")),
    Column("phase_position", lambda: _("Phase no.")),
    Column("phase", lambda: _("Phase")),
    Column("phase_kind", lambda: _("Kind of phase")),
    Column("row_kind", lambda: _("Row kind")),
    Column("item_id", lambda: _("Item ID")),
    Column("item_text", lambda: _("Item")),
    Column("item_kind", lambda: _("Kind of item")),
    Column("cluster_id", lambda: _("Cluster ID")),
    Column("cluster", lambda: _("Cluster")),
    Column("source_item_id", lambda: _("Carried over from item ID")),
    Column("hidden", lambda: _("Hidden")),
    Column("origin", lambda: _("Origin")),
    Column("participant", lambda: _("Participant no.")),
    Column("group", lambda: _("Stakeholder group")),
    Column("table", lambda: _("Table")),
    Column("criterion", lambda: _("Criterion")),
    Column("value", lambda: _("Value")),
    Column("other_item_id", lambda: _("Other item ID")),
    Column("other_item", lambda: _("Other item")),
    Column("role", lambda: _("Role")),
    Column("text", lambda: _("Text")),
    Column("timestamp", lambda: _("Time")),
)

Row = dict[str, Any]


def _labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def _time(value: Any) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if value is not None else ""


@dataclass
class _Context:
    """What every row of a session needs: names of phases, participants' numbers, labels."""

    session: LiveSession
    phases: dict[int, SessionPhase]
    numbers: dict[Any, int]
    items: dict[int, Item]
    phase_kinds: dict[str, str]
    origins: dict[str, str]
    contribution_origins: dict[str, str]
    groups: dict[str, str]
    item_kinds: dict[str, str]
    roles: dict[str, str]
    row_kinds: dict[str, str]
    yes: str

    def base(self, phase_id: int, row_kind: str) -> Row:
        phase = self.phases[phase_id]
        return {
            "session": self.session.title,
            "phase_position": phase.position,
            "phase": phase.title,
            "phase_kind": self.phase_kinds.get(phase.kind, phase.kind),
            "row_kind": self.row_kinds[row_kind],
        }

    def item_columns(self, item: Item | None) -> Row:
        if item is None:
            return {}
        cluster = self.items.get(item.cluster_id) if item.cluster_id else None
        return {
            "item_id": item.pk,
            "item_text": item.text,
            "item_kind": self.item_kinds.get(item.kind, item.kind),
            "cluster_id": cluster.pk if cluster else None,
            "cluster": cluster.text if cluster else "",
        }


def _context(session: LiveSession) -> _Context:
    phases = {phase.pk: phase for phase in SessionPhase.objects.filter(session=session).order_by("position", "id")}
    participants = Participant.objects.filter(session=session).order_by("joined_at", "id").values_list("pk", flat=True)
    items = {item.pk: item for item in Item.objects.filter(phase__session=session).select_related("table", "author")}
    return _Context(
        session=session,
        phases=phases,
        numbers={pk: number for number, pk in enumerate(participants, start=1)},
        items=items,
        phase_kinds=_labels(PhaseKind.choices),
        origins=_labels(Item._meta.get_field("origin").choices or ()),
        contribution_origins=_labels(Contribution._meta.get_field("origin").choices or ()),
        groups=_labels(Participant._meta.get_field("group").choices or ()),
        item_kinds=_labels(ItemKind.choices),
        roles=_labels(Commitment.Role.choices),
        row_kinds=row_kind_labels(),
        yes=_("yes"),
    )


def _item_rows(context: _Context) -> Iterator[tuple[str, Row]]:
    """Cards, clusters and canvases (a canvas gives one row per filled field, after its own row)."""
    phase_order = {pk: index for index, pk in enumerate(context.phases)}
    for item in sorted(context.items.values(), key=lambda item: (phase_order[item.phase_id], item.position, item.pk)):
        phase = context.phases[item.phase_id]
        if item.kind == ItemKind.CLUSTER:
            row_kind = ROW_CLUSTER
        elif phase.kind == PhaseKind.CANVAS:
            row_kind = ROW_CANVAS
        else:
            row_kind = ROW_CARD
        author = item.author
        row = {
            **context.base(item.phase_id, row_kind),
            **context.item_columns(item),
            "source_item_id": item.source_item_id,
            "hidden": context.yes if item.hidden else "",
            "origin": context.origins.get(item.origin, item.origin),
            "participant": context.numbers.get(author.pk) if author else None,
            "group": context.groups.get(author.group, "") if author else "",
            "table": item.table.name if item.table else "",
            "timestamp": _time(item.created_at),
        }
        yield row_kind, row
        if row_kind == ROW_CANVAS and isinstance(item.canvas, dict):
            for key, value in item.canvas.items():
                if value in ("", None):
                    continue
                yield (
                    row_kind,
                    {**row, "criterion": str(key), "text": value if isinstance(value, str) else str(value)},
                )


def _contribution_rows(context: _Context) -> Iterator[tuple[str, Row]]:
    cannot_judge = _("cannot judge")
    equal = _("equal")
    contributions = (
        Contribution.objects.filter(phase__session=context.session)
        .select_related("table")
        .order_by("phase__position", "phase_id", "id")
    )
    for contribution in contributions.iterator(chunk_size=2000):
        phase = context.phases[contribution.phase_id]
        row_kind = CONTRIBUTION_ROWS.get(PhaseKind(phase.kind), ROW_POINTS)
        other = context.items.get(contribution.other_item_id) if contribution.other_item_id else None
        text = ""
        if contribution.value is None:
            text = cannot_judge
        elif row_kind == ROW_PAIRWISE and contribution.value == 0:
            text = equal
        yield (
            row_kind,
            {
                **context.base(contribution.phase_id, row_kind),
                **context.item_columns(context.items.get(contribution.item_id)),
                "origin": context.contribution_origins.get(contribution.origin, contribution.origin),
                "participant": context.numbers.get(contribution.participant_id),
                "group": context.groups.get(contribution.group, ""),
                "table": contribution.table.name if contribution.table else "",
                "criterion": contribution.criterion,
                "value": contribution.value,
                "other_item_id": other.pk if other else None,
                "other_item": other.text if other else "",
                "text": text,
                "timestamp": _time(contribution.updated_at),
            },
        )


def _commitment_rows(context: _Context) -> Iterator[tuple[str, Row]]:
    commitments = (
        Commitment.objects.filter(phase__session=context.session)
        .select_related("participant__table")
        .order_by("phase__position", "item_id", "created_at", "id")
    )
    for commitment in commitments:
        participant = commitment.participant
        yield (
            ROW_COMMITMENT,
            {
                **context.base(commitment.phase_id, ROW_COMMITMENT),
                **context.item_columns(context.items.get(commitment.item_id)),
                "origin": context.contribution_origins.get(commitment.origin, commitment.origin),
                "participant": context.numbers.get(participant.pk) if participant else None,
                "group": context.groups.get(participant.group, "") if participant else "",
                "table": participant.table.name if participant and participant.table else "",
                "role": context.roles.get(commitment.role, commitment.role),
                "text": commitment.note,
                "timestamp": _time(commitment.created_at),
            },
        )


def session_rows(session: LiveSession) -> Iterator[tuple[str, Row]]:
    """Every row of the session's data, as (row kind, values by column key): items, contributions, commitments."""
    context = _context(session)
    yield from _item_rows(context)
    yield from _contribution_rows(context)
    yield from _commitment_rows(context)


def file_stem(session: LiveSession) -> str:
    stamp = timezone.localtime(session.started_at or session.created_at).strftime("%Y-%m-%d")
    return f"werkstatt-{session.join_code.lower()}-{stamp}"


# CSV --------------------------------------------------------------------------------------------


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_csv_text(value)
    return str(value)


def session_csv(session: LiveSession) -> Iterator[bytes]:
    """The session's rows as CSV for German Excel, in pieces (the first begins with the BOM)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")

    def take() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8")

    writer.writerow([_csv_cell(column.label()) for column in COLUMNS])
    yield "\ufeff".encode() + take()
    pending = 0
    for _kind, row in session_rows(session):
        writer.writerow([_csv_cell(row.get(column.key)) for column in COLUMNS])
        pending += 1
        if pending >= 500:
            yield take()
            pending = 0
    if pending:
        yield take()


# XLSX -------------------------------------------------------------------------------------------

_COMMON = ("phase_position", "phase", "phase_kind")
_VOTE = ("origin", "participant", "group", "table")
SHEETS: tuple[tuple[str, Callable[[], str], tuple[str, ...], tuple[str, ...]], ...] = (
    # (key, sheet name, row kinds, columns)
    (
        "cards",
        lambda: _("Cards"),
        (ROW_CARD,),
        (*_COMMON, "item_id", "item_text", "cluster_id", "cluster", "source_item_id", "hidden", *_VOTE, "timestamp"),
    ),
    (
        "clusters",
        lambda: _("Clusters"),
        (ROW_CLUSTER,),
        (*_COMMON, "item_id", "item_text", "source_item_id", "hidden", "origin", "timestamp"),
    ),
    (
        "votes",
        lambda: _("Votes"),
        (ROW_POINTS,),
        (*_COMMON, "item_id", "item_text", "cluster", *_VOTE, "value", "timestamp"),
    ),
    (
        "ratings",
        lambda: _("Ratings"),
        (ROW_RATING,),
        (*_COMMON, "item_id", "item_text", *_VOTE, "criterion", "value", "text", "timestamp"),
    ),
    (
        "pairwise",
        lambda: _("Pairwise"),
        (ROW_PAIRWISE,),
        (*_COMMON, "item_id", "item_text", "other_item_id", "other_item", *_VOTE, "value", "text", "timestamp"),
    ),
    (
        "rankings",
        lambda: _("Rankings"),
        (ROW_RANK,),
        (*_COMMON, "item_id", "item_text", *_VOTE, "value", "timestamp"),
    ),
    (
        "commitments",
        lambda: _("Commitments"),
        (ROW_COMMITMENT,),
        (*_COMMON, "item_id", "item_text", *_VOTE, "role", "text", "timestamp"),
    ),
    (
        "canvases",
        lambda: _("Canvases"),
        (ROW_CANVAS,),
        (*_COMMON, "item_id", "item_text", "hidden", "origin", "participant", "group", "table", "criterion", "text"),
    ),
)


def export_notes() -> list[str]:
    """What a reader of the files must know (the XLSX's sheet "Notes"; the documentation page says it too)."""
    return [
        _(
            "The file is pseudonymous: participants are numbered within the session in the order they joined; "
            "it holds no display names and no names given with commitments."
        ),
        _("Stakeholder group and table are the participant's when they voted."),
        _("Paper results (cards typed in, dot counts from a pinboard) have the origin “Paper” and no participant."),
        _(
            "Values: points given (dot vote, 100 points), the rating on the scale (matrix: per criterion), the "
            "strength of a pairwise preference (1–3, 0 = equal; the item is the preferred one) or the rank "
            "(1 = first). An empty value in a rating means “cannot judge”."
        ),
        _("Cards merged into another one are members of it and counted with it (column “Cluster”)."),
    ]


def _xlsx_text(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:EXCEL_CELL_LIMIT]


def session_xlsx(session: LiveSession, target: IO[bytes]) -> None:
    """The session's rows as a workbook: one sheet per kind (cards, clusters, votes, ratings, pairwise, rankings,
    commitments, canvases) and the notes."""
    labels = {column.key: column.label() for column in COLUMNS}
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    workbook.set_properties({"title": session.title})
    bold = workbook.add_format({"bold": True})
    wrapped = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheets = {}
    by_kind = {}
    next_row = {}
    for key, name, kinds, columns in SHEETS:
        sheet = workbook.add_worksheet(name()[:31])
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(columns):
            sheet.write_string(0, index, _xlsx_text(labels[column]), bold)
        sheets[key] = (sheet, columns)
        next_row[key] = 1
        for kind in kinds:
            by_kind[kind] = key
    for kind, row in session_rows(session):
        key = by_kind[kind]
        sheet, columns = sheets[key]
        number = next_row[key]
        for index, column in enumerate(columns):
            value = row.get(column)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                sheet.write_string(number, index, _xlsx_text(value))
            else:
                sheet.write_number(number, index, value)
        next_row[key] = number + 1
    notes = workbook.add_worksheet(_("Notes"))
    notes.set_column(0, 0, 120)
    notes.write_string(0, 0, _xlsx_text(session.title), bold)
    for row_number, note in enumerate(export_notes(), start=2):
        notes.write_string(row_number, 0, _xlsx_text(note), wrapped)
    workbook.close()
