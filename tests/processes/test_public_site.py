"""Actors, boards, the site pages, the accessibility feedback form and the English version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from standortkompass.processes.models import (
    AccessibilityFeedback,
    Board,
    BoardKind,
    BoardMember,
    Organisation,
    OrganisationType,
    SitePage,
    StrategyProcess,
)
from standortkompass.processes.site_texts import DEFAULT_PAGES


def test_actors_page_groups_public_organisations_by_type(client, process, regions):
    Organisation.objects.create(
        process=process,
        name="Stadt Asperg",
        type=OrganisationType.MUNICIPALITY,
        is_public=True,
        municipality=regions["08118003"],
    )
    Organisation.objects.create(
        process=process,
        name="IHK Region Stuttgart",
        type=OrganisationType.CHAMBER,
        is_public=True,
        website="https://www.ihk.example.org/",
    )
    Organisation.objects.create(process=process, name="Geheime GmbH", type=OrganisationType.COMPANY)

    html = client.get("/akteure/").content.decode()

    assert "Stadt Asperg" in html
    assert "Asperg, Stadt" not in html  # a municipality card does not repeat the directory name
    assert 'href="https://www.ihk.example.org/"' in html
    assert html.index("Kommune") < html.index("Stadt Asperg")
    assert html.index("Kammer") < html.index("IHK Region Stuttgart")
    assert "Geheime GmbH" not in html


def test_actors_page_says_so_when_none_are_public(client, process):
    assert "Es wurden noch keine Akteure veröffentlicht." in client.get("/akteure/").content.decode()


def test_actors_and_boards_pages_are_not_found_without_a_public_process(client, regions):
    assert client.get("/akteure/").status_code == 404
    assert client.get("/gremien/").status_code == 404


def test_boards_page_lists_public_boards_with_members_in_a_table(client, process):
    chamber = Organisation.objects.create(process=process, name="Handwerkskammer", type=OrganisationType.CHAMBER)
    board = Board.objects.create(
        process=process, name="Lenkungskreis", kind=BoardKind.STEERING_COMMITTEE, description="Steuert den *Prozess*."
    )
    BoardMember.objects.create(
        board=board,
        name="Erika Beispiel",
        organisation=chamber,
        function="Vorsitz",
        name_is_public=True,
        name_consent_on=dt.date(2026, 9, 1),
    )
    Board.objects.create(process=process, name="Geheimer Kreis", is_public=False)

    html = client.get("/gremien/").content.decode()

    assert "Lenkungskreis" in html
    assert "Steuert den <em>Prozess</em>." in html
    assert "Erika Beispiel" in html
    assert "Handwerkskammer" in html
    assert "Vorsitz" in html
    assert '<th scope="col"' in html
    assert "Geheimer Kreis" not in html


def test_boards_page_names_only_the_members_who_agreed_to_the_publication(client, process):
    board = Board.objects.create(process=process, name="Lenkungskreis", kind=BoardKind.STEERING_COMMITTEE)
    BoardMember.objects.create(
        board=board, name="Erika Beispiel", name_is_public=True, name_consent_on=dt.date(2026, 9, 1)
    )
    verein = Organisation.objects.create(process=process, name="Geheimverein", type=OrganisationType.CHAMBER)
    BoardMember.objects.create(board=board, name="Max Verborgen", organisation=verein, function="Kassenwart")
    BoardMember.objects.create(board=board, name="Lena Still")

    html = client.get("/en/gremien/").content.decode()

    assert "Erika Beispiel" in html
    assert "Max Verborgen" not in html
    assert "Geheimverein" not in html
    assert "Kassenwart" not in html
    assert "Lena Still" not in html
    assert "2 further members have not agreed to the publication of their names." in html


def test_actors_page_can_show_another_public_process(client, process, regions):
    older = StrategyProcess.objects.create(
        slug="zyklus-2020",
        title="Strategie 2020",
        region=regions["08118"],
        short_description="-",
        agency_name="WF",
        is_public=True,
    )
    StrategyProcess.objects.filter(pk=older.pk).update(created_at=process.created_at - dt.timedelta(days=2000))
    Organisation.objects.create(
        process=older, name="Verband von damals", type=OrganisationType.ASSOCIATION, is_public=True
    )

    assert "Verband von damals" in client.get("/akteure/", {"prozess": "zyklus-2020"}).content.decode()
    assert "Verband von damals" not in client.get("/akteure/").content.decode()
    assert client.get("/akteure/", {"prozess": "gibt-es-nicht"}).status_code == 404


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_a_site_page_that_has_not_been_edited_shows_its_default_text(client, db, slug):
    response = client.get(f"/{slug}/")

    assert response.status_code == 200
    default = next(page for page in DEFAULT_PAGES if page.slug == slug)
    assert default.title in response.content.decode()
    assert not SitePage.objects.filter(slug=slug).exists()


def test_site_page_renders_formatted_text(client, db):
    SitePage.objects.create(slug=SitePage.IMPRINT, title="Impressum", body="## Anbieter\n\nLandratsamt **Ludwigsburg**")

    html = client.get("/impressum/").content.decode()

    assert "<h1" in html
    assert "Impressum" in html
    assert "<h2>Anbieter</h2>" in html
    assert "<strong>Ludwigsburg</strong>" in html


def test_site_page_text_is_sanitised(client, db):
    SitePage.objects.create(
        slug=SitePage.PRIVACY,
        title="Datenschutz",
        body='Text <script>alert("x")</script> <iframe src="https://evil.example"></iframe> [a](javascript:alert(1))',
    )

    html = client.get("/datenschutz/").content.decode()

    assert "<script>alert" not in html
    assert "<iframe" not in html
    assert "javascript:" not in html


def test_sign_language_page_says_plainly_when_there_is_no_video(client, db):
    SitePage.objects.create(slug=SitePage.SIGN_LANGUAGE, title="Gebärdensprache", body="")

    html = client.get("/gebaerdensprache/").content.decode()

    assert "Ein Video in Deutscher Gebärdensprache gibt es noch nicht." in html
    assert "<video" not in html


def test_unknown_top_level_page_is_not_found(client, db):
    assert client.get("/gibt-es-nicht/").status_code == 404


def test_every_page_links_to_the_legal_pages_and_the_feedback_form(client, process):
    html = client.get("/termine/").content.decode()

    for href in ["/impressum/", "/datenschutz/", "/barrierefreiheit/", "/leichte-sprache/", "/gebaerdensprache/"]:
        assert f'href="{href}"' in html
    assert 'href="/barriere-melden/?seite=/termine/"' in html


def test_feedback_form_is_prefilled_with_the_page_concerned(client, db):
    html = client.get("/barriere-melden/", {"seite": "/termine/"}).content.decode()

    assert 'value="/termine/"' in html


def test_feedback_is_stored_and_mailed_to_administration(client, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/barriere-melden/",
            {
                "message": "Der Kalender ist mit der Tastatur nicht bedienbar.",
                "page_url": "/termine/",
                "name": "Maria Muster",
                "email": "maria@example.org",
                "website": "",
            },
        )

    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.message == "Der Kalender ist mit der Tastatur nicht bedienbar."
    assert feedback.page_url == "/termine/"
    assert feedback.email == "maria@example.org"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@example.org"]
    assert "Der Kalender ist mit der Tastatur nicht bedienbar." in mail.outbox[0].body


def test_feedback_is_also_mailed_to_the_configured_address(client, users, settings, django_capture_on_commit_callbacks):
    settings.FEEDBACK_EMAIL = "barrierefreiheit@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/barriere-melden/", {"message": "Kontrast zu schwach."})

    assert sorted(mail.outbox[0].to) == ["admin@example.org", "barrierefreiheit@example.org"]


def test_feedback_thanks_the_sender_after_sending(client, users):
    response = client.post("/barriere-melden/", {"message": "Schrift zu klein."}, follow=True)

    thanks = "Vielen Dank. Ihre Nachricht ist bei der Administration dieser Website angekommen."
    assert thanks in response.content.decode()


def test_feedback_with_the_honeypot_filled_is_ignored(client, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/barriere-melden/", {"message": "Buy cheap pills", "website": "https://spam.example"})

    assert response.status_code == 302
    assert not AccessibilityFeedback.objects.exists()
    assert mail.outbox == []


def test_feedback_without_a_message_shows_the_error_and_stores_nothing(client, users):
    response = client.post("/barriere-melden/", {"message": "", "email": "kein-mail"})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_message-error"' in html
    assert 'id="id_email-error"' in html
    assert not AccessibilityFeedback.objects.exists()


def test_english_version_lives_under_en(client, process):
    response = client.get("/en/termine/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()


def test_german_is_the_default_language_without_prefix(client, process):
    html = client.get("/termine/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="de">' in html


def test_language_links_point_to_the_same_page_in_the_other_language(client, process):
    german = client.get("/termine/").content.decode()
    english = client.get("/en/termine/").content.decode()

    assert 'href="/en/termine/" hreflang="en"' in german
    assert 'href="/termine/" hreflang="de"' in english


def test_language_link_keeps_the_query_string(client, process):
    html = client.get("/termine/", {"art": "workshop"}).content.decode()

    assert 'href="/en/termine/?art=workshop" hreflang="en"' in html
