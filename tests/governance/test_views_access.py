"""Who sees which material in the management area: Redaktion everything, a board member their own board's
board-level and the public material (never internal material, never another board's), others nothing."""

from __future__ import annotations

from django.urls import reverse

from standortkompass.governance.models import AgendaItem, Meeting, RegisterEntry


def _meeting_url(process, meeting):
    return reverse("governance_manage:meeting", args=[process.pk, meeting.pk])


def _entry_url(process, entry):
    return reverse("governance_manage:entry", args=[process.pk, entry.pk])


def test_a_board_member_sees_their_boards_meeting_without_the_internal_items(gov, process, client_for):
    response = client_for("board").get(_meeting_url(process, gov.meeting))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ergebnisse der Analyse" in content
    assert "Personalfragen" not in content
    assert "Präsentation Analyse" in content
    assert reverse("governance_manage:meeting_edit", args=[process.pk, gov.meeting.pk]) not in content


def test_the_editorial_team_sees_the_internal_items_and_the_edit_links(gov, process, client_for):
    content = client_for("editor").get(_meeting_url(process, gov.meeting)).content.decode()

    assert "Personalfragen" in content
    assert reverse("governance_manage:meeting_edit", args=[process.pk, gov.meeting.pk]) in content


def test_a_board_member_gets_404_for_another_boards_and_for_internal_material(
    gov, process, client_for, other_board_client
):
    member = client_for("board")

    assert member.get(_meeting_url(process, gov.steering_meeting)).status_code == 404
    assert member.get(_meeting_url(process, gov.internal_meeting)).status_code == 404
    assert member.get(_entry_url(process, gov.board_entry)).status_code == 404
    assert other_board_client.get(_meeting_url(process, gov.meeting)).status_code == 404
    assert other_board_client.get(_meeting_url(process, gov.steering_meeting)).status_code == 200
    assert other_board_client.get(_entry_url(process, gov.board_entry)).status_code == 200


def test_a_public_entry_of_another_board_is_readable_by_every_board_member(gov, process, other_board_client):
    assert other_board_client.get(_entry_url(process, gov.entry)).status_code == 200


def test_the_lists_show_a_board_member_only_what_they_may_see(gov, process, client_for, other_board_client):
    meetings = client_for("board").get(reverse("governance_manage:meetings", args=[process.pk])).content.decode()
    register = other_board_client.get(reverse("governance_manage:register", args=[process.pk])).content.decode()
    documents = other_board_client.get(reverse("governance_manage:documents", args=[process.pk])).content.decode()

    assert "Sitzung des Sounding Boards" in meetings
    assert "Sitzung des Lenkungskreises" not in meetings
    assert "Vorbesprechung" not in meetings
    assert "Zeitplan beschlossen" in register
    assert "Fachkräfte zuerst" in register  # public
    assert "Präsentation Analyse" not in documents


def test_an_outsider_learns_nothing_and_a_partner_is_refused(gov, process, client_for):
    url = _meeting_url(process, gov.meeting)

    assert client_for("outsider").get(url).status_code == 404
    assert client_for("partner").get(url).status_code == 403
    assert client_for("company").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_a_board_member_cannot_change_anything_by_post(gov, process, client_for):
    member = client_for("board")
    posts = {
        reverse("governance_manage:meeting_edit", args=[process.pk, gov.meeting.pk]): {
            "title": "Gekapert",
            "start": "2027-01-01T10:00",
        },
        reverse("governance_manage:item_delete", args=[process.pk, gov.meeting.pk, gov.item.pk]): {},
        reverse("governance_manage:minutes", args=[process.pk, gov.meeting.pk]): {"minutes": "Gefälscht"},
        reverse("governance_manage:entry_delete", args=[process.pk, gov.entry.pk]): {},
        reverse("governance_manage:document_delete", args=[process.pk, gov.document.pk]): {},
    }

    answers = {url: member.post(url, data).status_code for url, data in posts.items()}

    assert set(answers.values()) == {403}
    gov.meeting.refresh_from_db()
    assert gov.meeting.event.title == "Sitzung des Sounding Boards"
    assert gov.meeting.minutes == ""
    assert AgendaItem.objects.filter(pk=gov.item.pk).exists()
    assert RegisterEntry.objects.filter(pk=gov.entry.pk).exists()


def test_the_editorial_team_creates_a_meeting_with_a_new_date(gov, process, client_for):
    response = client_for("editor").post(
        reverse("governance_manage:meeting_create", args=[process.pk]),
        {
            "board": gov.steering.pk,
            "confidentiality": "board",
            "title": "Sondersitzung",
            "start": "2027-02-03T14:00",
            "end": "2027-02-03T16:00",
            "location": "Kreishaus",
        },
    )

    meeting = Meeting.objects.get(event__title="Sondersitzung")
    assert response.status_code == 302
    assert response["Location"] == _meeting_url(process, meeting)
    assert meeting.event.kind == "board_meeting"


def test_the_meeting_form_names_the_missing_title_and_start(gov, process, client_for):
    response = client_for("editor").post(
        reverse("governance_manage:meeting_create", args=[process.pk]),
        {"board": gov.steering.pk, "confidentiality": "board"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title-error"' in content
    assert 'id="id_start-error"' in content


def test_agenda_items_are_added_with_links_and_moved(gov, process, client_for):
    client = client_for("editor")
    create = reverse("governance_manage:item_create", args=[process.pk, gov.meeting.pk])

    response = client.post(
        create,
        {"title": "Empfehlungen", "text": "Beratung", "confidentiality": "board", "documents": [gov.document.pk]},
    )
    item = AgendaItem.objects.get(title="Empfehlungen")
    client.post(
        reverse("governance_manage:item_move", args=[process.pk, gov.meeting.pk, item.pk]), {"richtung": "hoch"}
    )

    assert response.status_code == 302
    assert list(item.documents.all()) == [gov.document]
    titles = list(gov.meeting.agenda_items.order_by("order", "id").values_list("title", flat=True))
    assert titles == ["Ergebnisse der Analyse", "Empfehlungen", "Personalfragen"]


def test_attendance_is_recorded_through_the_form(gov, process, client_for):
    other = gov.sounding.members.exclude(pk=gov.seat.pk).get()

    response = client_for("editor").post(
        reverse("governance_manage:attendance", args=[process.pk, gov.meeting.pk]),
        {f"member_{gov.seat.pk}": "present", f"member_{other.pk}": "excused", "guests": "Prof. Gast, Hochschule\n"},
    )

    assert response.status_code == 302
    rows = {(row.name, row.status, row.organisation) for row in gov.meeting.attendance.all()}
    assert rows == {
        ("Test Board", "present", ""),
        ("Ohne Konto", "excused", ""),
        ("Prof. Gast", "present", "Hochschule"),
    }
