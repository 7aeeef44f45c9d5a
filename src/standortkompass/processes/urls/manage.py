from django.urls import include, path

from standortkompass.processes.views import manage, manage_boards, manage_dates, manage_news, manage_phases, manage_site

app_name = "manage"

urlpatterns = [
    path("", manage.home, name="home"),
    path("neu/", manage.process_create_view, name="process_create"),
    # Installation-wide.
    path("seiten/", manage_site.site_pages, name="site_pages"),
    path("startklar/", manage_site.go_live, name="go_live"),
    path("seiten/<slug:slug>/", manage_site.site_page_edit, name="site_page_edit"),
    path("rueckmeldungen/", manage_site.feedback, name="feedback"),
    path("rueckmeldungen/<int:feedback_pk>/status/", manage_site.feedback_status, name="feedback_status"),
    path("personendaten/", include("standortkompass.accounts.urls.personal_data")),
    # One process.
    path("<int:process_pk>/", manage.overview, name="overview"),
    path("<int:process_pk>/einstellungen/", manage.process_edit, name="process_edit"),
    path("<int:process_pk>/veroeffentlichen/", manage.process_publish, name="process_publish"),
    path("<int:process_pk>/protokoll/", manage.audit_log, name="audit_log"),
    path("<int:process_pk>/phasen/", manage_phases.phases, name="phases"),
    path("<int:process_pk>/phasen/neu/", manage_phases.phase_create_view, name="phase_create"),
    path("<int:process_pk>/phasen/<int:phase_pk>/", manage_phases.phase_edit, name="phase_edit"),
    path("<int:process_pk>/phasen/<int:phase_pk>/loeschen/", manage_phases.phase_delete_view, name="phase_delete"),
    path("<int:process_pk>/phasen/<int:phase_pk>/verschieben/", manage_phases.phase_move_view, name="phase_move"),
    path("<int:process_pk>/gremien/", manage_boards.boards, name="boards"),
    path("<int:process_pk>/gremien/neu/", manage_boards.board_create_view, name="board_create"),
    path("<int:process_pk>/gremien/<int:board_pk>/", manage_boards.board_detail, name="board"),
    path("<int:process_pk>/gremien/<int:board_pk>/bearbeiten/", manage_boards.board_edit, name="board_edit"),
    path("<int:process_pk>/gremien/<int:board_pk>/loeschen/", manage_boards.board_delete_view, name="board_delete"),
    path(
        "<int:process_pk>/gremien/<int:board_pk>/mitglieder/neu/",
        manage_boards.board_member_create_view,
        name="board_member_create",
    ),
    path(
        "<int:process_pk>/gremien/<int:board_pk>/mitglieder/<int:member_pk>/",
        manage_boards.board_member_edit,
        name="board_member_edit",
    ),
    path(
        "<int:process_pk>/gremien/<int:board_pk>/mitglieder/<int:member_pk>/loeschen/",
        manage_boards.board_member_delete_view,
        name="board_member_delete",
    ),
    path("<int:process_pk>/termine/", manage_dates.events, name="events"),
    path("<int:process_pk>/termine/neu/", manage_dates.event_create_view, name="event_create"),
    path("<int:process_pk>/termine/<int:event_pk>/", manage_dates.event_edit, name="event_edit"),
    path("<int:process_pk>/termine/<int:event_pk>/loeschen/", manage_dates.event_delete_view, name="event_delete"),
    path("<int:process_pk>/gremientermine/", manage_dates.board_events, name="board_events"),
    path("<int:process_pk>/aktuelles/", manage_news.news, name="news"),
    path("<int:process_pk>/aktuelles/neu/", manage_news.news_create_view, name="news_create"),
    path("<int:process_pk>/aktuelles/<int:news_pk>/", manage_news.news_edit, name="news_edit"),
    path("<int:process_pk>/aktuelles/<int:news_pk>/loeschen/", manage_news.news_delete_view, name="news_delete"),
    path("<int:process_pk>/akteure/", include("standortkompass.processes.urls.organisations")),
    path("<int:process_pk>/mitglieder/", include("standortkompass.accounts.urls.manage")),
]
