"""The company survey as people use it: the agency sets it up and invites; a company answers,
stops, resumes from its personal link and completes. Every respondent page passes axe-core."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType
from standortkompass.surveys.models import Response, ResponseStatus, Survey, SurveyInvitation
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open
from surveys.forms import xlsx
from surveys.test_answer_messages import CHOICES, FORM, SETTINGS
from surveys.test_answering import SMALL, SMALL_CHOICES, SMALL_SETTINGS

LINK = re.compile(r"https?://\S+/befragung/\S+/einladung/\S+/")


def _company_with_consent(process) -> ContactPerson:
    company = Organisation.objects.create(
        process=process, name="Beispiel Maschinenbau GmbH", type=OrganisationType.COMPANY, sector_section="C"
    )
    return ContactPerson.objects.create(
        organisation=company,
        name="Dana Beispiel",
        email="dana@beispiel-maschinenbau.example",
        consent_to_contact=True,
        consent_scope="Einladungen zur Unternehmensbefragung",
        consent_given_at=timezone.now(),
        consent_method="email",
    )


def _submit(page: Page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    page.wait_for_load_state()


def test_agency_sets_up_and_invites_and_a_company_answers_stops_resumes_and_completes(
    page, public_site, logged_in_page, browser, live_server, axe_check, screenshot, settings, tmp_path: Path
):
    process = public_site.process
    settings.SITE_URL = live_server.url
    _company_with_consent(process)

    # The agency imports an XLSForm with logic and publishes it.
    staff = logged_in_page("editor")
    staff.goto(f"/verwaltung/{process.pk}/befragungen/fragebogen/hochladen/")
    form_file = tmp_path / "kleine-befragung.xlsx"
    form_file.write_bytes(xlsx(SMALL, SMALL_CHOICES, SMALL_SETTINGS))
    staff.locator('input[name="file"]').set_input_files(str(form_file))
    staff.locator("main form button.kern-btn--primary").first.click()
    staff.wait_for_load_state()
    expect(staff.get_by_text("Warum so viele?").first).to_be_visible()
    staff.locator('input[name="bestaetigt"]').check()
    _submit(staff, "Version 1 veröffentlichen")
    expect(staff.locator(".messages")).to_contain_text("veröffentlicht")

    # … puts it in the field for invited companies only …
    staff.goto(f"/verwaltung/{process.pk}/befragungen/neu/")
    staff.locator('input[name="title"]').fill("Befragung Beispiel")
    staff.locator('input[name="anonymity"][value="pseudonym"]').check()
    staff.locator('input[name="open_access"]').uncheck()
    closes = (timezone.localdate() + dt.timedelta(days=28)).isoformat()
    staff.locator('input[name="closes_at"]').fill(f"{closes}T18:00")
    staff.locator("main form button.kern-btn--primary").first.click()
    staff.wait_for_load_state()
    survey = Survey.objects.get(title="Befragung Beispiel")
    _submit(staff, "Befragung öffnen")
    survey.refresh_from_db()
    assert survey.status == "open"

    # … invites the companies of the actors registry and sends the invitation wave now.
    staff.goto(f"/verwaltung/{process.pk}/befragungen/{survey.pk}/versand/")
    _submit(staff, "Unternehmenskontakte aus dem Akteursregister einladen")
    assert SurveyInvitation.objects.filter(survey=survey).count() == 1
    expect(staff.get_by_role("cell", name="dana@beispiel-maschinenbau.example")).to_be_visible()
    staff.goto(f"/verwaltung/{process.pk}/befragungen/{survey.pk}/versand/")
    staff.locator('select[name="kind"]').select_option("invitation")
    staff.locator("form:has(select[name='kind']) button[type='submit']").click()
    staff.wait_for_load_state()
    screenshot(staff, "survey-distribution")
    assert len(mail.outbox) == 1
    link = LINK.search(mail.outbox[0].body).group(0)  # type: ignore[union-attr]

    # The company opens its personal link: the token leaves the address bar at once.
    company = browser.new_context(base_url=live_server.url, locale="de-DE")
    respondent = company.new_page()
    respondent.goto(link)
    assert "/einladung/" not in respondent.url
    expect(respondent.get_by_role("heading", name="Befragung Beispiel")).to_be_visible()
    axe_check(respondent)
    screenshot(respondent, "survey-start")
    respondent.get_by_label("Ich habe den Datenschutzhinweis gelesen").check()
    _submit(respondent, "Befragung starten")

    # A constraint error is shown next to the field.
    respondent.get_by_label("Wie viele?").fill("500")
    _submit(respondent, "Weiter")
    expect(respondent.locator("#id_zahl-error")).to_have_text("Bitte weniger als 100.")
    expect(respondent.get_by_role("alert")).to_be_visible()
    axe_check(respondent)
    screenshot(respondent, "survey-constraint-error")

    # A question that appears on the same page after a certain answer: shown before going on.
    respondent.get_by_label("Wie viele?").fill("42")
    expect(respondent.get_by_label("Warum Rot?")).to_have_count(0)
    respondent.get_by_label("Rot", exact=True).check()
    _submit(respondent, "Weiter")
    expect(respondent.locator(".messages")).to_contain_text("Ihre Antwort ergänzt diese Seite um eine Frage")
    expect(respondent.get_by_label("Warum Rot?")).to_be_visible()
    axe_check(respondent)
    screenshot(respondent, "survey-follow-up-on-the-same-page")

    # A page that appears only after a certain answer.
    respondent.get_by_label("Blau").check()
    _submit(respondent, "Weiter")
    expect(respondent.get_by_label("Warum so viele?")).to_be_visible()
    respondent.get_by_label("Warum so viele?").fill("Wir wachsen.")
    _submit(respondent, "Weiter")
    respondent.get_by_label("Ihre Meinung").fill("Gute Standortbedingungen")
    _submit(respondent, "Speichern und später fortsetzen")
    expect(respondent.get_by_role("heading", name="Ihre Antworten sind gespeichert")).to_be_visible()
    axe_check(respondent)
    company.close()

    # Later, on another device: the same link continues where the company stopped.
    phone = browser.new_context(base_url=live_server.url, locale="de-DE", viewport={"width": 390, "height": 844})
    respondent = phone.new_page()
    respondent.goto(link)
    expect(respondent.get_by_label("Ihre Meinung")).to_have_value("Gute Standortbedingungen")
    axe_check(respondent)
    screenshot(respondent, "survey-resumed-on-phone")
    _submit(respondent, "Absenden")
    expect(respondent.get_by_role("heading", name="Vielen Dank für Ihre Teilnahme!")).to_be_visible()
    axe_check(respondent)
    phone.close()

    response = Response.objects.get(survey=survey)
    assert response.status == ResponseStatus.COMPLETED
    assert response.answers == {
        "zahl": 42,
        "farbe": "blau",
        "warum": "Wir wachsen.",
        "meinung": "Gute Standortbedingungen",
    }
    assert SurveyInvitation.objects.get(survey=survey).completed


def test_the_default_questionnaire_pages_work_without_javascript_and_pass_axe(
    browser, public_site, live_server, axe_check, screenshot
):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=0)
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    respondent = context.new_page()
    respondent.goto(f"/befragung/{survey.slug}/")
    respondent.get_by_label("Ich habe den Datenschutzhinweis gelesen").check()
    _submit(respondent, "Befragung starten")
    visited = 0
    while visited < 25 and "/danke/" not in respondent.url:
        visited += 1
        # The pages need no JavaScript: they load none.
        assert respondent.locator("script").count() == 0
        axe_check(respondent)
        if visited == 3:
            screenshot(respondent, "survey-likert-matrix")
        # Answer every required radio group with its first option, so every page can be passed.
        for group in respondent.locator("fieldset:has(input[type=radio])").all():
            radios = group.locator("input[type=radio]")
            if radios.count() and not group.locator("input[type=radio]:checked").count():
                radios.first.check()
        for select in respondent.locator("main form.survey-form select").all():
            if not select.input_value():
                name = select.get_attribute("name") or ""
                # A ranking takes a different answer for each place.
                place = int(name.rsplit("__rank", 1)[1]) if "__rank" in name else 1
                if select.locator("option").count() > place:
                    select.select_option(index=place)
        button = "Absenden" if respondent.get_by_role("button", name="Absenden").count() else "Weiter"
        _submit(respondent, button)
    assert "/danke/" in respondent.url, respondent.url
    context.close()
    assert Response.objects.get(survey=survey, is_demo=False).status == ResponseStatus.COMPLETED


SURVEY_MANAGEMENT_PAGES = [
    "",
    "fragebogen/hochladen/",
    "fragebogen/{questionnaire}/",
    "neu/",
    "{survey}/",
    "{survey}/bearbeiten/",
    "{survey}/kontaktwuensche/",
    "{survey}/versand/",
    "{survey}/versand/einladungen/",
    "{survey}/versand/texte/invitation/",
    "{survey}/versand/texte/reminder/vorschau/",
    "{survey}/ergebnisse/",
    "{survey}/ergebnisse/?gewichtet=1",
    "{survey}/ergebnisse/frage/groessenklasse/",
    "{survey}/ergebnisse/frage/beschaeftigte/",
    "{survey}/ergebnisse/kreuztabelle/?zeile=fk_stellenbesetzung&spalte=groessenklasse",
    "{survey}/ergebnisse/offen/offen_schwaeche/",
    "{survey}/ergebnisse/codes/offen_schwaeche/",
    "{survey}/ergebnisse/befund/?frage=groessenklasse",
    "{survey}/export/",
]


def test_every_survey_management_page_passes_axe(logged_in_page, public_site, axe_check, screenshot):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=60)
    page = logged_in_page("editor")
    base = f"/verwaltung/{public_site.process.pk}/befragungen/"
    for address in SURVEY_MANAGEMENT_PAGES:
        page.goto(base + address.format(survey=survey.pk, questionnaire=survey.questionnaire_id))
        assert page.locator("h1").count() == 1, address
        axe_check(page)
        name = address.split("?")[0].strip("/").replace("/", "-").replace("{", "").replace("}", "") or "list"
        screenshot(page, f"a11y-survey-{name}")


def test_a_page_without_a_label_is_headed_by_its_question_and_tells_the_range_that_applies(
    page, process, axe_check, screenshot, console_errors
):
    version = questionnaire_import(process=process, data=xlsx(FORM, CHOICES, SETTINGS), filename="meldungen.xlsx")
    questionnaire_publish(version=version, actor=None)
    survey = survey_open(
        survey=survey_create(process=process, questionnaire=version.questionnaire, actor=None, open_access=True),
        actor=None,
    )
    page.goto(f"/befragung/{survey.slug}/")
    page.get_by_label("Ich habe den Datenschutzhinweis gelesen").check()
    _submit(page, "Befragung starten")
    heading = page.locator("h1")
    expect(heading).to_have_count(1)
    expect(heading).to_have_text("Wie viele Beschäftigte hat Ihr Unternehmen?")
    expect(page).to_have_title(re.compile(r"^Wie viele Beschäftigte hat Ihr Unternehmen\? – Befragung der Unternehmen"))
    axe_check(page)

    page.get_by_label("0 bis 9").check()
    page.get_by_label("Wie viele sind es genau?").fill("12")
    _submit(page, "Weiter")
    expect(page.get_by_role("alert")).to_contain_text("Bitte geben Sie eine Zahl von 0 bis 9 an.")
    console_errors[:] = [error for error in console_errors if "status of 400" not in error]  # the refused answer
    axe_check(page)
    screenshot(page, "survey-page-without-label-error")
