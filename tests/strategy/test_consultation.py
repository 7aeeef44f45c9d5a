"""Consultation rounds: Administration opens a round on a version for boards and/or the partners; participants
comment until the deadline; Redaktion answers or records the handling; the outcome is for the round's participants
only."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from conftest import verified_client
from standortkompass.accounts.models import Membership, Role, User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.member_tasks import member_tasks
from standortkompass.processes.models import Board, BoardMember
from standortkompass.strategy.models import CommentDisposition, ConsultationComment, ConsultationRound
from standortkompass.strategy.services.consultation import comment_respond, comment_submit, consultation_open
from standortkompass.strategy.services.elements import element_delete
from standortkompass.strategy.services.versions import version_freeze
from strategy.conftest import build_small_strategy


def url(name: str, process, **kwargs) -> str:
    return reverse(f"strategy_manage:{name}", kwargs={"process_pk": process.pk, **kwargs})


@pytest.fixture
def boards(process, users):
    """The Sounding Board (the cast's board member has a seat) and the Lenkungskreis (another board member)."""
    sounding = Board.objects.create(process=process, name="Sounding Board", kind="sounding_board")
    steering = Board.objects.create(process=process, name="Lenkungskreis", kind="steering_committee")
    BoardMember.objects.create(board=sounding, name="Erika Beispiel", user=users["board"])
    other = User.objects.create_user("lenkung@example.org", "Richtig-Langes-Passwort-2026", full_name="Lena Lenk")
    Membership.objects.create(user=other, process=process, role=Role.BOARD)
    BoardMember.objects.create(board=steering, name="Lena Lenk", user=other)
    return {"sounding": sounding, "steering": steering, "other_member": other}


@pytest.fixture
def consultation(small_strategy, users, boards) -> ConsultationRound:
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    return consultation_open(
        version=version,
        actor=users["admin"],
        title="Konsultation des Sounding Boards",
        introduction="Bitte kommentieren Sie den Entwurf.",
        deadline=timezone.now() + dt.timedelta(days=14),
        boards=[boards["sounding"]],
    )


def past_deadline(consultation: ConsultationRound) -> None:
    ConsultationRound.objects.filter(pk=consultation.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    consultation.refresh_from_db()


def test_administration_opens_a_round_on_a_version_for_a_board_and_the_partners(
    small_strategy, process, users, boards, client_for
):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    deadline = (timezone.localtime() + dt.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")

    response = client_for("admin").post(
        url("consultation_open", process),
        {
            "version": version.pk,
            "title": "Konsultation",
            "introduction": "Bitte kommentieren.",
            "boards": [boards["sounding"].pk],
            "for_partners": "on",
            "deadline": deadline,
        },
    )

    consultation = ConsultationRound.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("consultation", process, round_pk=consultation.pk)
    assert list(consultation.boards.all()) == [boards["sounding"]]
    assert consultation.for_partners
    assert AuditEntry.objects.filter(action="strategy.consultation.open").count() == 1


def test_a_round_needs_a_board_or_the_partners_and_a_deadline_in_the_future(
    small_strategy, process, users, boards, client_for
):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    client = client_for("admin")
    data = {"version": version.pk, "title": "Konsultation", "deadline": "2020-01-01T12:00"}

    response = client.post(url("consultation_open", process), data)

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"boards", "deadline"}
    assert not ConsultationRound.objects.exists()


def test_redaktion_cannot_open_a_round(small_strategy, process, users, boards, client_for):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    data = {"version": version.pk, "title": "K", "boards": [boards["sounding"].pk], "deadline": "2099-01-01T12:00"}

    assert client_for("editor").post(url("consultation_open", process), data).status_code == 403
    assert not ConsultationRound.objects.exists()


def test_a_board_member_of_the_round_reads_the_version_with_a_comment_form_per_element(
    consultation, process, small_strategy, client_for
):
    page = client_for("board").get(url("consultation", process, round_pk=consultation.pk)).content.decode()

    assert "Bitte kommentieren Sie den Entwurf." in page
    for element in [small_strategy.vision, *small_strategy.goals, *small_strategy.measures]:
        assert f'name="element" value="{element.pk}"' in page
        assert f'id="id_e{element.pk}-text"' in page
    assert 'name="element" value=""' in page  # the version as a whole


def test_a_participant_comments_on_an_element_and_on_the_version_as_a_whole(
    consultation, process, small_strategy, users, client_for
):
    client = client_for("board")
    measure = small_strategy.measures[1]
    address = url("consultation", process, round_pk=consultation.pk)

    response = client.post(address, {"element": measure.pk, f"e{measure.pk}-text": "Bitte mit den Kammern."})
    client.post(address, {"element": "", "version-text": "Insgesamt gelungen."})

    assert response.status_code == 302
    assert response["Location"] == f"{address}#element-{measure.pk}"
    on_element, on_version = ConsultationComment.objects.order_by("id")
    assert (on_element.element_id, on_element.element_title, on_element.text) == (
        measure.pk,
        "Willkommensservice",
        "Bitte mit den Kammern.",
    )
    assert on_element.author_label == "Test Board (Sounding Board)"
    assert (on_version.element_id, on_version.element_title) == (None, "")
    assert AuditEntry.objects.filter(action="strategy.consultation.comment").count() == 2


def test_an_empty_comment_names_the_field_and_saves_nothing(consultation, process, small_strategy, client_for):
    goal = small_strategy.goals[0]

    response = client_for("board").post(
        url("consultation", process, round_pk=consultation.pk), {"element": goal.pk, f"e{goal.pk}-text": "  "}
    )

    assert response.status_code == 200
    assert f'href="#id_e{goal.pk}-text"' in response.content.decode()
    assert not ConsultationComment.objects.exists()


def test_after_the_deadline_a_comment_is_refused_with_a_clear_message(
    consultation, process, small_strategy, client_for
):
    past_deadline(consultation)
    goal = small_strategy.goals[0]
    client = client_for("board")

    response = client.post(
        url("consultation", process, round_pk=consultation.pk), {"element": goal.pk, f"e{goal.pk}-text": "Zu spät"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    ended = gettext("The consultation round ended on %(date)s at %(time)s; comments are no longer accepted.")
    assert ended.split("%(date)s")[0] in page
    assert not ConsultationComment.objects.exists()
    page = client.get(url("consultation", process, round_pk=consultation.pk)).content.decode()
    assert 'name="element"' not in page
    with pytest.raises(ValidationError):
        comment_submit(consultation=consultation, actor=consultation.created_by, text="Auch zu spät")


def test_a_comment_may_name_an_element_deleted_from_the_draft_since_the_version_was_frozen(
    consultation, small_strategy, users
):
    project = small_strategy.projects[1]
    project_pk = project.pk
    element_delete(element=project, actor=users["editor"])

    comment = comment_submit(consultation=consultation, actor=users["board"], text="Fehlt mir", element_id=project_pk)

    assert comment.element_title == "Gewerbeflächenkataster"


def test_a_comment_on_an_element_not_in_the_version_is_refused(consultation, process, users, client_for):
    with pytest.raises(ValidationError):
        comment_submit(consultation=consultation, actor=users["board"], text="?", element_id=999999)
    response = client_for("board").post(
        url("consultation", process, round_pk=consultation.pk), {"element": "999999", "e999999-text": "?"}
    )
    assert response.status_code == 404
    assert not ConsultationComment.objects.exists()


def test_a_member_of_another_board_learns_nothing_of_the_round(consultation, process, boards, users):
    comment_submit(consultation=consultation, actor=users["board"], text="Intern")
    client = verified_client(boards["other_member"])
    goal_pk = consultation.version.snapshot["elements"][1]["id"]

    assert client.get(url("consultation", process, round_pk=consultation.pk)).status_code == 404
    assert client.get(url("consultation_outcome", process, round_pk=consultation.pk)).status_code == 404
    refused = client.post(
        url("consultation", process, round_pk=consultation.pk), {"element": goal_pk, f"e{goal_pk}-text": "Hallo"}
    )
    assert refused.status_code == 404
    assert ConsultationComment.objects.count() == 1
    links = {
        url("consultation", process, round_pk=consultation.pk),
        url("consultation_outcome", process, round_pk=consultation.pk),
    }
    assert not [task for task in member_tasks(boards["other_member"], process, Role.BOARD) if task.url in links]


@pytest.mark.parametrize(
    ("role", "for_partners", "expected"), [("partner", True, 200), ("partner", False, 404), ("company", True, 404)]
)
def test_partners_take_part_only_in_a_round_for_the_partners(
    small_strategy, process, users, client_for, role, for_partners, expected
):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    consultation = consultation_open(
        version=version,
        actor=users["admin"],
        title="Partnerbeteiligung",
        deadline=timezone.now() + dt.timedelta(days=7),
        for_partners=for_partners,
        boards=[] if for_partners else [Board.objects.create(process=process, name="Sounding Board")],
    )

    assert client_for(role).get(url("consultation", process, round_pk=consultation.pk)).status_code == expected
    assert client_for(role).get(url("consultation_outcome", process, round_pk=consultation.pk)).status_code == expected


def test_redaktion_marks_a_comment_not_taken_up_only_with_a_reason(consultation, process, users, client_for):
    comment = comment_submit(consultation=consultation, actor=users["board"], text="Mehr Radwege")
    client = client_for("editor")
    address = url("consultation_comment", process, round_pk=consultation.pk, comment_pk=comment.pk)

    refused = client.post(address, {"disposition": "not_taken_up", "response": ""})
    assert refused.status_code == 200
    assert list(refused.context["form"].errors) == ["response"]
    comment.refresh_from_db()
    assert comment.disposition == CommentDisposition.OPEN

    saved = client.post(address, {"disposition": "not_taken_up", "response": "Gehört nicht zur Wirtschaftsstrategie."})
    assert saved.status_code == 302
    comment.refresh_from_db()
    assert (comment.disposition, comment.responded_by) == (CommentDisposition.NOT_TAKEN_UP, users["editor"])
    assert AuditEntry.objects.filter(action="strategy.consultation.respond").count() == 1


def test_a_board_member_cannot_handle_comments(consultation, process, users, client_for):
    comment = comment_submit(consultation=consultation, actor=users["board"], text="Mehr Radwege")

    response = client_for("board").post(
        url("consultation_comment", process, round_pk=consultation.pk, comment_pk=comment.pk),
        {"disposition": "taken_up"},
    )

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.disposition == CommentDisposition.OPEN


def test_the_outcome_lists_every_comment_with_its_handling_for_everyone_in_the_round(
    consultation, process, small_strategy, users, client_for
):
    first = comment_submit(
        consultation=consultation, actor=users["board"], text="Azubis einbinden", element_id=small_strategy.goals[0].pk
    )
    comment_submit(consultation=consultation, actor=users["editor"], text="Rückfrage der Redaktion")
    comment_respond(comment=first, actor=users["editor"], disposition="taken_up", response="Aufgenommen in Ziel 1.")

    page = client_for("board").get(url("consultation_outcome", process, round_pk=consultation.pk)).content.decode()

    assert "Azubis einbinden" in page
    assert "Rückfrage der Redaktion" in page
    assert "Aufgenommen in Ziel 1." in page
    assert gettext("Taken up") in page
    assert page.index("Rückfrage der Redaktion") < page.index("Azubis einbinden")  # the version as a whole first
    assert url("consultation_comment", process, round_pk=consultation.pk, comment_pk=first.pk) not in page


def test_the_round_is_a_task_in_my_area_of_its_board_members_and_then_its_outcome(consultation, process, users):
    tasks = member_tasks(users["board"], process, Role.BOARD)
    link = url("consultation", process, round_pk=consultation.pk)
    assert [task.url for task in tasks if task.url == link] == [link]

    past_deadline(consultation)
    tasks = member_tasks(users["board"], process, Role.BOARD)
    outcome = url("consultation_outcome", process, round_pk=consultation.pk)
    assert [task.url for task in tasks if task.url in (link, outcome)] == [outcome]
    assert not [task for task in member_tasks(users["partner"], process, Role.PARTNER) if task.url == outcome]


def test_the_round_list_is_for_redaktion_with_the_counts(consultation, process, users, client_for):
    comment_submit(consultation=consultation, actor=users["board"], text="Eins")

    response = client_for("editor").get(url("consultations", process))

    assert response.status_code == 200
    assert "Konsultation des Sounding Boards" in response.content.decode()
    assert client_for("board").get(url("consultations", process)).status_code == 403


PARALLEL = 2


@pytest.mark.django_db(transaction=True)
def test_two_comments_sent_at_the_same_moment_are_both_kept(process, users):
    small = build_small_strategy(process, users["editor"])
    board = Board.objects.create(process=process, name="Sounding Board")
    BoardMember.objects.create(board=board, name="Erika Beispiel", user=users["board"])
    version = version_freeze(strategy=small.strategy, actor=users["editor"], label="Entwurf")
    consultation = consultation_open(
        version=version,
        actor=users["admin"],
        title="Konsultation",
        deadline=timezone.now() + dt.timedelta(days=7),
        boards=[board],
    )
    authors = [users["board"], users["editor"]]
    barrier = threading.Barrier(PARALLEL)

    def send(index: int) -> int:
        try:
            barrier.wait()
            return comment_submit(
                consultation=consultation, actor=authors[index], text=f"Kommentar {index}", element_id=small.goals[0].pk
            ).pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(PARALLEL) as pool:
        created = list(pool.map(send, range(PARALLEL)))

    assert len(set(created)) == PARALLEL
    assert sorted(ConsultationComment.objects.values_list("text", flat=True)) == ["Kommentar 0", "Kommentar 1"]


def test_administration_closes_a_round_before_its_deadline_and_comments_are_refused(
    consultation, process, users, client_for
):
    close = url("consultation_close", process, round_pk=consultation.pk)
    assert client_for("editor").post(close).status_code == 403
    assert client_for("admin").get(close).status_code == 405
    page = client_for("admin").get(url("consultation", process, round_pk=consultation.pk)).content.decode()
    assert f'action="{close}"' in page
    response = client_for("admin").post(close)
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.closed_at is not None
    with pytest.raises(ValidationError):
        comment_submit(consultation=consultation, actor=users["board"], text="Noch etwas")
    page = client_for("admin").get(url("consultation", process, round_pk=consultation.pk)).content.decode()
    assert f'action="{close}"' not in page
    assert AuditEntry.objects.filter(action="strategy.consultation.close").count() == 1
