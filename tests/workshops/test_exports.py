"""The exports of a live session: CSV for German Excel with every vote unrounded, XLSX with a sheet per kind, both
pseudonymous (no display names, no names of commitments); only for facilitators of the process."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from standortkompass.workshops.models import Contribution, Item, StakeholderGroup
from standortkompass.workshops.services.exports import COLUMNS, session_csv, session_rows
from workshops.held_session import Held, build_held_session


@pytest.fixture
def held(live_session, users) -> Held:
    return build_held_session(live_session, users["editor"])


def _csv(held: Held) -> list[dict[str, str]]:
    data = b"".join(session_csv(held.session))
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_the_csv_has_a_row_for_every_card_and_every_vote(held):
    rows = _csv(held)
    label = {column.key: column.label() for column in COLUMNS}

    item_ids = {row[label["item_id"]] for row in rows}
    assert {str(pk) for pk in Item.objects.filter(phase__session=held.session).values_list("pk", flat=True)} <= item_ids
    contributions = Contribution.objects.filter(phase__session=held.session).count()
    items = Item.objects.filter(phase__session=held.session).count()
    canvas_fields = 6
    commitments = 2
    assert len(rows) == items + canvas_fields + contributions + commitments


def test_every_dot_is_in_the_csv_unrounded_with_group_and_paper_marked(held):
    rows = _csv(held)
    label = {column.key: column.label() for column in COLUMNS}
    dots = [row for row in rows if row[label["phase"]] == "Punkte" and row[label["value"]]]

    total = sum(int(row[label["value"]]) for row in dots)
    assert total == 2 + 1 + 1 + 2 + 2 + 2  # five online rows (8 points) and the paper count of 2
    paper = [row for row in dots if row[label["participant"]] == ""]
    assert len(paper) == 1
    assert paper[0][label["value"]] == "2"
    groups = {row[label["group"]] for row in dots if row[label["participant"]]}
    assert groups == {str(StakeholderGroup.COMPANY.label), str(StakeholderGroup.MUNICIPALITY.label)}


def test_matrix_ratings_keep_cannot_judge_as_an_empty_value(held):
    rows = _csv(held)
    label = {column.key: column.label() for column in COLUMNS}
    matrix = [row for row in rows if row[label["phase"]] == "Matrix" and row[label["criterion"]]]

    assert len(matrix) == 3 * 3 * 2
    empty = [row for row in matrix if row[label["value"]] == ""]
    assert len(empty) == 3  # the third participant cannot judge the feasibility
    assert {row[label["criterion"]] for row in matrix} == {"impact", "feasibility"}


def test_pairwise_rows_name_both_items(held):
    rows = _csv(held)
    label = {column.key: column.label() for column in COLUMNS}
    pairs = [row for row in rows if row[label["phase"]] == "Paarvergleich" and row[label["other_item_id"]]]

    assert len(pairs) == 6
    assert {row[label["value"]] for row in pairs} == {"3", "0"}


def test_the_export_names_nobody(held):
    data = b"".join(session_csv(held.session)).decode("utf-8-sig")

    assert "Erika" not in data
    assert "Kim" not in data  # neither the display name nor the name given with the commitment
    assert "Max Papier" not in data
    assert "Ich koordiniere" in data  # what someone contributes is kept


def test_participants_are_numbered_in_the_order_they_joined(held):
    numbers = {row["participant"] for _kind, row in session_rows(held.session) if row.get("participant")}

    assert numbers == {1, 2, 3}


def test_text_that_a_spreadsheet_would_run_is_neutralised(held):
    data = b"".join(session_csv(held.session)).decode("utf-8-sig")

    assert ";'=Glasfaser überall;" in data
    assert ";=Glasfaser" not in data


def test_the_workbook_has_a_sheet_per_kind(held, client_for, process):
    response = client_for("editor").get(
        reverse("workshops_manage:export_xlsx", kwargs={"process_pk": process.pk, "session_pk": held.session.pk})
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private, no-store"
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(workbook.sheetnames) == 9
    votes = list(workbook.worksheets[2].iter_rows(values_only=True))
    assert len(votes) == 1 + 6  # heading, five online rows and one paper count
    cards = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert any(row[4] == "=Glasfaser überall" for row in cards[1:])  # text cell, not a formula
    canvases = list(workbook.worksheets[7].iter_rows(values_only=True))
    assert len(canvases) == 1 + 1 + 6  # heading, the canvas and its six fields


def test_the_csv_download_is_an_attachment_for_facilitators(held, client_for, process):
    url = reverse("workshops_manage:export_csv", kwargs={"process_pk": process.pk, "session_pk": held.session.pk})

    response = client_for("admin").get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert ".csv" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")
    response.close()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("editor", 200), ("admin", 200), ("board", 403), ("partner", 403), ("company", 403), ("outsider", 404)],
)
@pytest.mark.parametrize("name", ["workshops_manage:export_csv", "workshops_manage:export_xlsx"])
def test_only_facilitators_download_the_exports(live_session, client_for, process, role, expected, name):
    url = reverse(name, kwargs={"process_pk": process.pk, "session_pk": live_session.pk})

    response = client_for(role).get(url)
    response.close()

    assert response.status_code == expected


def test_anonymous_visitors_are_sent_to_the_log_in(live_session, client_for, process):
    url = reverse("workshops_manage:export_csv", kwargs={"process_pk": process.pk, "session_pk": live_session.pk})

    response = client_for("anonymous").get(url)

    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


def test_a_session_of_another_process_is_not_found(live_session, client_for, regions):
    from standortkompass.processes.models import StrategyProcess

    other = StrategyProcess.objects.create(title="Anderer", slug="anderer", region=regions["08118"])
    url = reverse("workshops_manage:export_csv", kwargs={"process_pk": other.pk, "session_pk": live_session.pk})

    assert client_for("editor").get(url).status_code == 404
