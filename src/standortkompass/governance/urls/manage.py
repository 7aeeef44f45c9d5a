"""The boards' work in the management area, under /verwaltung/<id>/gremienarbeit/."""

from django.urls import URLPattern, path

from standortkompass.governance.views import agenda, documents, meetings, register

app_name = "governance_manage"

MEETING = "sitzungen/<int:meeting_pk>/"
ITEM = MEETING + "tagesordnung/<int:item_pk>/"
ENTRY = "register/<int:entry_pk>/"

urlpatterns: list[URLPattern] = [
    path("", meetings.meetings, name="meetings"),
    path("sitzungen/neu/", meetings.meeting_create_view, name="meeting_create"),
    path(MEETING, meetings.meeting, name="meeting"),
    path(MEETING + "bearbeiten/", meetings.meeting_edit, name="meeting_edit"),
    path(MEETING + "loeschen/", meetings.meeting_delete_view, name="meeting_delete"),
    path(MEETING + "einladung/", meetings.invite, name="invite"),
    path(MEETING + "anwesenheit/", meetings.attendance, name="attendance"),
    path(MEETING + "protokoll/", meetings.minutes, name="minutes"),
    path(MEETING + "protokoll/genehmigung/", meetings.minutes_approve_view, name="minutes_approve"),
    path(MEETING + "tagesordnung/neu/", agenda.item_create, name="item_create"),
    path(ITEM, agenda.item_edit, name="item_edit"),
    path(ITEM + "loeschen/", agenda.item_delete, name="item_delete"),
    path(ITEM + "verschieben/", agenda.item_move, name="item_move"),
    path("register/", register.register, name="register"),
    path("register/neu/", register.entry_create_view, name="entry_create"),
    path(ENTRY, register.entry, name="entry"),
    path(ENTRY + "bearbeiten/", register.entry_edit, name="entry_edit"),
    path(ENTRY + "loeschen/", register.entry_delete_view, name="entry_delete"),
    path(ENTRY + "massnahmen/neu/", register.action_create_view, name="action_create"),
    path(ENTRY + "massnahmen/<int:action_pk>/", register.action_edit, name="action_edit"),
    path(ENTRY + "massnahmen/<int:action_pk>/loeschen/", register.action_delete_view, name="action_delete"),
    path("dokumente/", documents.documents, name="documents"),
    path("dokumente/neu/", documents.upload, name="upload"),
    path("dokumente/<int:document_pk>/", documents.download, name="download"),
    path("dokumente/<int:document_pk>/bearbeiten/", documents.document_edit, name="document_edit"),
    path("dokumente/<int:document_pk>/loeschen/", documents.document_delete_view, name="document_delete"),
]
