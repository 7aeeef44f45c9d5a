"""The strategy's personal data: a board member's comments are reported and, on erasure, kept without the name."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from standortkompass.accounts.services.personal_data import person_find, personal_data_erase, personal_data_report
from standortkompass.processes.models import Board, BoardMember
from standortkompass.strategy.models import ConsultationComment, StrategyVersion
from standortkompass.strategy.services.consultation import comment_respond, comment_submit, consultation_open
from standortkompass.strategy.services.versions import version_freeze


def test_a_comment_is_reported_and_erased_to_an_erased_person_while_its_text_and_answer_stay(
    small_strategy, process, users
):
    board = Board.objects.create(process=process, name="Sounding Board", kind="sounding_board")
    BoardMember.objects.create(board=board, name="Erika Beispiel", user=users["board"])
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="1")
    consultation = consultation_open(
        version=version,
        actor=users["admin"],
        title="Runde",
        deadline=timezone.now() + dt.timedelta(days=3),
        boards=[board],
    )
    comment = comment_submit(consultation=consultation, actor=users["board"], text="Bitte schärfen.")
    comment_respond(comment=comment, actor=users["editor"], disposition="taken_up", response="Danke.")

    found = {
        item.kind.name: item.records for item in personal_data_report(person=person_find(email="board@example.org"))
    }
    [record] = found["strategy.comments"]
    assert "Bitte schärfen." in record.values()
    editor = {
        item.kind.name: item.records for item in personal_data_report(person=person_find(email="editor@example.org"))
    }
    assert len(editor["strategy.work"]) == 1  # the frozen version
    assert len(editor["strategy.comments"]) == 1  # answered

    personal_data_erase(
        person=person_find(email="board@example.org"), actor=users["admin"], requested_on=timezone.localdate()
    )
    comment = ConsultationComment.objects.get()
    assert comment.created_by is None
    assert "Erika" not in comment.author_label
    assert "Test Board" not in comment.author_label
    assert comment.text == "Bitte schärfen."
    assert comment.response == "Danke."
    personal_data_erase(
        person=person_find(email="editor@example.org"), actor=users["admin"], requested_on=timezone.localdate()
    )
    assert StrategyVersion.objects.get().created_by is None
    assert ConsultationComment.objects.get().responded_by is None
