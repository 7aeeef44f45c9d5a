"""Every management page of the boards' work answers for Redaktion (a first look, before the detailed tests)."""

from __future__ import annotations

from django.urls import reverse


def test_the_management_pages_answer_for_the_editorial_team(client_for, gov, process):
    client = client_for("editor")
    urls = [
        reverse("governance_manage:meetings", args=[process.pk]),
        reverse("governance_manage:meeting", args=[process.pk, gov.meeting.pk]),
        reverse("governance_manage:meeting_create", args=[process.pk]),
        reverse("governance_manage:meeting_edit", args=[process.pk, gov.meeting.pk]),
        reverse("governance_manage:invite", args=[process.pk, gov.meeting.pk]),
        reverse("governance_manage:attendance", args=[process.pk, gov.meeting.pk]),
        reverse("governance_manage:minutes", args=[process.pk, gov.meeting.pk]),
        reverse("governance_manage:item_create", args=[process.pk, gov.meeting.pk]),
        reverse("governance_manage:item_edit", args=[process.pk, gov.meeting.pk, gov.item.pk]),
        reverse("governance_manage:register", args=[process.pk]),
        reverse("governance_manage:entry", args=[process.pk, gov.entry.pk]),
        reverse("governance_manage:entry_create", args=[process.pk]),
        reverse("governance_manage:entry_edit", args=[process.pk, gov.board_entry.pk]),
        reverse("governance_manage:action_create", args=[process.pk, gov.entry.pk]),
        reverse("governance_manage:documents", args=[process.pk]),
        reverse("governance_manage:upload", args=[process.pk]),
        reverse("governance_manage:document_edit", args=[process.pk, gov.document.pk]),
        reverse("governance:register"),
        reverse("governance:entry", args=[gov.entry.pk]),
    ]
    answers = {url: client.get(url).status_code for url in urls}
    assert answers == dict.fromkeys(urls, 200)
