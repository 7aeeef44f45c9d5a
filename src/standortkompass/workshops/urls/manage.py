"""The workshops in the management area, under /verwaltung/<id>/werkstaetten/ (docs/workshops.md).

The list and a workshop's page are for ``workshops.view_results`` (board members too); preparing sessions, the
facilitator console and the projector for ``workshops.manage``. The projector's public address with its key is
in ``urls/public.py`` (``/mitmachen/<code>/beamer/<key>/``).
"""

from django.urls import URLPattern, URLResolver, include, path

from standortkompass.workshops.urls.documentation import urlpatterns as documentation_urlpatterns
from standortkompass.workshops.views import console, manage, projector, tables

app_name = "workshops_manage"

WORKSHOP = "<int:workshop_pk>/"
SESSION = "sitzung/<int:session_pk>/"
PHASE = SESSION + "phasen/<int:phase_pk>/"
TABLE = SESSION + "tische/<int:table_pk>/"
CONSOLE = SESSION + "moderation/"
LIVE_PHASE = CONSOLE + "phasen/<int:phase_pk>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", manage.workshops, name="workshops"),
    path("neu/", manage.workshop_create_view, name="workshop_create"),
    path(WORKSHOP, manage.workshop, name="workshop"),
    path(WORKSHOP + "bearbeiten/", manage.workshop_edit, name="workshop_edit"),
    path(WORKSHOP + "loeschen/", manage.workshop_delete_view, name="workshop_delete"),
    path(WORKSHOP + "sitzungen/neu/", manage.session_create_view, name="session_create"),
    # Preparing a session: phases, the pick, tables, start and end.
    path(SESSION, manage.session, name="session"),
    path(SESSION + "bearbeiten/", manage.session_edit, name="session_edit"),
    path(SESSION + "loeschen/", manage.session_delete_view, name="session_delete"),
    path(SESSION + "starten/", manage.session_start_view, name="session_start"),
    path(SESSION + "beenden/", manage.session_end_view, name="session_end"),
    path(SESSION + "phasen/neu/", manage.phase_create, name="phase_create"),
    path(PHASE, manage.phase_edit, name="phase_edit"),
    path(PHASE + "loeschen/", manage.phase_delete_view, name="phase_delete"),
    path(PHASE + "verschieben/", manage.phase_move_view, name="phase_move"),
    path(PHASE + "auswahl/", manage.phase_pick_view, name="phase_pick"),
    path(SESSION + "tische/neu/", tables.table_create, name="table_create"),
    path(SESSION + "tische/verteilen/", tables.tables_distribute_view, name="tables_distribute"),
    path(SESSION + "tische/rotieren/", tables.tables_rotate_view, name="tables_rotate"),
    path(TABLE, tables.table_edit, name="table_edit"),
    path(TABLE + "loeschen/", tables.table_delete_view, name="table_delete"),
    # The facilitator console: the live session's controls.
    path(CONSOLE, console.console, name="console"),
    path(CONSOLE + "karten/", console.console_cards, name="console_cards"),
    path(LIVE_PHASE + "oeffnen/", console.phase_open_view, name="phase_open"),
    path(LIVE_PHASE + "schliessen/", console.phase_close_view, name="phase_close"),
    path(LIVE_PHASE + "wieder-oeffnen/", console.phase_reopen_view, name="phase_reopen"),
    path(LIVE_PHASE + "ergebnisse/", console.phase_reveal_view, name="phase_reveal"),
    path(LIVE_PHASE + "gruppen/", console.phase_split_view, name="phase_split"),
    path(LIVE_PHASE + "timer/", console.phase_timer_view, name="phase_timer"),
    path(LIVE_PHASE + "karten/", console.cards_view, name="cards"),
    path(LIVE_PHASE + "cluster/neu/", console.cluster_create_view, name="cluster_create"),
    path(LIVE_PHASE + "cluster/umbenennen/", console.cluster_rename_view, name="cluster_rename"),
    path(LIVE_PHASE + "papier/karten/", console.paper_cards_view, name="paper_cards"),
    path(LIVE_PHASE + "papier/punkte/", console.paper_points_view, name="paper_points"),
    path(
        CONSOLE + "teilnehmende/<uuid:participant_pk>/entfernen/",
        console.participant_remove_view,
        name="participant_remove",
    ),
    # The projector (logged in); its results fragment as JSON, the polling fallback of console and projector.
    path(SESSION + "beamer/", projector.projector, name="projector"),
    path(SESSION + "beamer/ergebnisse.json", projector.projector_results, name="projector_results"),
    # The documentation, exports and hand-over of held workshops.
    path("", include(documentation_urlpatterns)),
]
