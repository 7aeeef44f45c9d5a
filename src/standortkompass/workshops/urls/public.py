"""The workshops' public URLs (docs/workshops.md): the participant's pages under ``/mitmachen/`` and the
projector's address with its secret key."""

from django.urls import URLPattern, path

from standortkompass.workshops.views import participant, projector

app_name = "workshops"

urlpatterns: list[URLPattern] = [
    path("", participant.join, name="join"),
    path("<str:code>/", participant.session, name="session"),
    path("<str:code>/phase/", participant.fragment, name="fragment"),
    path("<str:code>/zustand.json", participant.state, name="state"),
    path("<str:code>/karte/", participant.card, name="card"),
    path("<str:code>/canvas/", participant.canvas, name="canvas"),
    path("<str:code>/punkte/", participant.points, name="points"),
    path("<str:code>/bewertung/", participant.rating, name="rating"),
    path("<str:code>/paarvergleich/", participant.pairwise, name="pairwise"),
    path("<str:code>/rangfolge/", participant.ranking, name="ranking"),
    path("<str:code>/cluster/", participant.cluster, name="cluster"),
    path("<str:code>/mitmachen-zusage/", participant.commitment, name="commitment"),
    path("<str:code>/profil/", participant.profile, name="profile"),
    path("<str:code>/verlassen/", participant.leave, name="leave"),
    path("<str:code>/beamer/<str:key>/", projector.projector_by_key, name="projector"),
    path("<str:code>/beamer/<str:key>/ergebnisse.json", projector.projector_results_by_key, name="projector_results"),
]
