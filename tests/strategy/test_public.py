"""The public pages of the published strategy: /strategie/, an element, /projekte/ with its filters, a project.

They show the published version, not the draft; a project's status, progress and milestones are live from
its fact sheet; no contact person is named; German text is marked lang="de" on the English pages.
"""

from __future__ import annotations

import datetime as dt
import itertools
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standortkompass.accounts.models import User
from standortkompass.processes.calls_to_action import calls_to_action
from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType, StrategyProcess
from standortkompass.regiondata.models import Indicator, Observation, Region
from standortkompass.strategy.models import (
    Element,
    ElementKind,
    FundingSource,
    ProjectSheet,
    ProjectStatus,
    Strategy,
    StrategyVersion,
)
from standortkompass.strategy.services.elements import (
    element_create,
    element_update,
    milestone_create,
    sheet_update,
)
from standortkompass.strategy.services.evidence import evidence_add
from standortkompass.strategy.services.indicators import indicator_create
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit
from strategy.conftest import SmallStrategy

pytestmark = pytest.mark.django_db


def publish(strategy: Strategy, users: dict[str, User], *, label: str = "Entwurf") -> StrategyVersion:
    version = version_freeze(strategy=strategy, actor=users["editor"], label=label)
    version = version_submit(version=version, actor=users["admin"])
    version = version_decide(
        version=version, actor=users["admin"], approved=True, decided_on=dt.date(2027, 10, 13), summary="Beschlossen"
    )
    return version_publish(version=version, actor=users["admin"])


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    html = unescape(response.content.decode())
    return html[html.index("<main") : html.index("</main>")]


def nav(client: Client, url: str) -> str:
    html = unescape(client.get(url).content.decode())
    return html[html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))]


@pytest.fixture
def organisations(process: StrategyProcess) -> dict[str, Organisation]:
    return {
        name: Organisation.objects.create(process=process, name=name, type=OrganisationType.CHAMBER, is_public=True)
        for name in ("IHK Testkammer", "Landratsamt Test")
    }


@pytest.fixture
def published(
    small_strategy: SmallStrategy,
    users: dict[str, User],
    organisations: dict[str, Organisation],
    regions: dict[str, Region],
) -> SmallStrategy:
    """The small strategy with fact sheets, an indicator, evidence and a contact person, published."""
    editor = users["editor"]
    contact = ContactPerson.objects.create(organisation=organisations["IHK Testkammer"], name="Erika Geheim")
    tour, kataster = small_strategy.projects
    sheet_update(
        element=tour,
        actor=editor,
        data={
            "goal": "Mehr Bewerbungen",
            "lead_organisation": organisations["IHK Testkammer"],
            "status": ProjectStatus.IMPLEMENTATION,
            "progress": 40,
            "budget": 35000,
            "funding_source": "own",
            "contact": contact,
            "start_date": dt.date(2027, 3, 1),
            "end_date": dt.date(2027, 9, 30),
        },
        municipalities=[regions["08118048"]],
    )
    sheet_update(
        element=kataster,
        actor=editor,
        data={"lead_organisation": organisations["Landratsamt Test"], "status": ProjectStatus.PLANNING},
        municipalities=[regions["08118003"]],
    )
    milestone_create(
        sheet=ProjectSheet.objects.get(element=tour),
        actor=editor,
        data={"title": "Betriebe gewonnen", "due_date": dt.date(2027, 4, 30)},
    )
    indicator_create(
        element=small_strategy.goals[0],
        actor=editor,
        data={"name": "Ausbildungsverträge", "unit": "Verträge", "target_value": 1200, "target_year": 2030},
    )
    evidence_add(
        element=small_strategy.measures[0],
        actor=editor,
        kind="external",
        reference={"title": "Ausbildungsreport", "url": "https://example.org/report", "publisher": "Testverlag"},
        note="Zeigt den Bedarf.",
    )
    publish(small_strategy.strategy, users)
    return small_strategy


def test_the_overview_shows_vision_goals_and_fields_with_their_measures_each_linking_to_its_page(client, published):
    main = page(client, reverse("strategy:overview"))

    assert "Der Kreis bleibt Industriestandort." in main  # the vision's claim
    for element in [published.vision, *published.goals, *published.fields, *published.measures]:
        assert f'href="{reverse("strategy:element", kwargs={"slug": element.slug})}"' in main
    assert main.index("Fachkräfte sichern") < main.index("Ausbildungsbörse")
    assert "Ausbildungsverträge" in main  # the goal's indicator
    assert "1.200" in main
    assert "13. Oktober 2027" in main  # the date of the decision, on the German page


def test_the_overview_is_a_tree_of_headings_and_lists_in_order(client, published):
    main = page(client, reverse("strategy:overview"))

    levels = [int(main[i + 2]) for i in range(len(main)) if main.startswith("<h", i) and main[i + 2].isdigit()]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))
    assert '<ul class="strategy-measures">' in main


def test_a_measure_page_shows_its_field_goals_projects_and_evidence(client, published):
    measure = published.measures[0]
    main = page(client, reverse("strategy:element", kwargs={"slug": measure.slug}))

    assert "Ausbildungsbörse" in main
    assert f'href="{reverse("strategy:element", kwargs={"slug": published.fields[0].slug})}"' in main
    assert f'href="{reverse("strategy:element", kwargs={"slug": published.goals[0].slug})}"' in main
    assert f'href="{reverse("strategy:project", kwargs={"slug": published.projects[0].slug})}"' in main
    assert _("What does this measure rest on?") in main
    assert 'href="https://example.org/report"' in main
    assert "Zeigt den Bedarf." in main
    assert str(ProjectStatus.IMPLEMENTATION.label) in main  # the project's live status


def test_a_goal_page_names_the_measures_serving_it_and_its_indicators(client, published):
    main = page(client, reverse("strategy:element", kwargs={"slug": published.goals[1].slug}))

    assert "Willkommensservice" in main
    assert "Flächenpool" in main
    assert "Ausbildungsbörse" not in main
    assert _("What does this goal rest on?") in main


def test_a_project_slug_is_not_an_element_page_and_an_element_slug_not_a_project_page(client, published):
    assert client.get(reverse("strategy:element", kwargs={"slug": published.projects[0].slug})).status_code == 404
    assert client.get(reverse("strategy:project", kwargs={"slug": published.measures[0].slug})).status_code == 404
    assert client.get(reverse("strategy:element", kwargs={"slug": "gibt-es-nicht"})).status_code == 404


def test_the_project_page_shows_the_fact_sheet_with_live_status_and_no_contact_person(client, published, users):
    tour = published.projects[0]
    sheet = ProjectSheet.objects.get(element=tour)
    sheet.status = ProjectStatus.COMPLETED  # as monitoring reports it, after publication
    sheet.progress = 100
    sheet.save()

    main = page(client, reverse("strategy:project", kwargs={"slug": tour.slug}))

    assert "IHK Testkammer" in main
    assert "Ludwigsburg, Stadt" in main
    assert "35.000\N{NO-BREAK SPACE}EUR" in main
    assert str(FundingSource.OWN.label) in main
    assert str(ProjectStatus.COMPLETED.label) in main
    assert 'value="100"' in main
    assert "Betriebe gewonnen" in main
    assert "Erika Geheim" not in main
    assert _("What does this project rest on?") in main


def test_no_public_page_names_a_contact_person(client, published):
    urls = [
        reverse("strategy:overview"),
        reverse("strategy:projects"),
        *(reverse("strategy:project", kwargs={"slug": p.slug}) for p in published.projects),
        *(reverse("strategy:element", kwargs={"slug": m.slug}) for m in published.measures),
    ]
    for url in urls:
        assert "Erika Geheim" not in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=planning", "Gewerbeflächenkataster", "Azubi-Tour 2027"),
        ("kommune=08118048", "Azubi-Tour 2027", "Gewerbeflächenkataster"),
        ("", "Azubi-Tour 2027", None),
    ],
)
def test_the_project_list_filters(client, published, query, shown, hidden):
    main = page(client, reverse("strategy:projects") + "?" + query)

    assert shown in main
    if hidden:
        assert hidden not in main


def test_the_project_list_filters_by_field_of_action_and_lead(client, published, organisations):
    field_query = f"handlungsfeld={published.fields[1].slug}"
    lead_query = f"federfuehrung={organisations['IHK Testkammer'].pk}"

    by_field = page(client, reverse("strategy:projects") + "?" + field_query)
    by_lead = page(client, reverse("strategy:projects") + "?" + lead_query)

    assert "Gewerbeflächenkataster" in by_field
    assert "Azubi-Tour 2027" not in by_field
    assert ngettext("%(n)s project matches the filters", "%(n)s projects match the filters", 1) % {"n": 1} in by_field
    assert "Azubi-Tour 2027" in by_lead
    assert "Gewerbeflächenkataster" not in by_lead


def test_a_bad_filter_value_is_named_and_not_applied(client, published):
    main = page(client, reverse("strategy:projects") + "?status=unsinn&kommune=08118048")

    assert _("Status") + ": Bitte eine gültige Auswahl treffen. unsinn ist keine gültige Auswahl." in main
    assert 'aria-invalid="true"' in main
    assert "Azubi-Tour 2027" in main  # the valid municipality filter still applies
    assert "Gewerbeflächenkataster" not in main


def test_the_project_list_has_twenty_per_page(client, published, users):
    for number in range(21):
        element_create(
            strategy=published.strategy,
            actor=users["editor"],
            kind=ElementKind.PROJECT,
            data={"title": f"Zusatzprojekt {number:02d}"},
            serves=[published.measures[1]],
        )
    publish(published.strategy, users, label="Mehr Projekte")

    first = page(client, reverse("strategy:projects"))
    second = page(client, reverse("strategy:projects") + "?seite=2")

    assert first.count('class="strategy-project"') == 20
    assert second.count('class="strategy-project"') == 3
    assert ngettext("%(n)s project", "%(n)s projects", 23) % {"n": 23} in first
    assert "seite=2" in first


def test_without_a_published_version_the_strategy_says_it_is_being_worked_out(client, small_strategy, process):
    for url in (reverse("strategy:overview"), reverse("strategy:projects")):
        main = page(client, url)
        assert _("The strategy is being worked out") in main
        assert f'href="{reverse("public:process", kwargs={"slug": process.slug})}"' in main
        assert "Ausbildungsbörse" not in main
    element = reverse("strategy:element", kwargs={"slug": small_strategy.measures[0].slug})
    response = client.get(element)
    assert response.status_code == 404
    assert 'class="error-page"' in response.content.decode()  # in the site's layout


def test_without_any_public_process_the_strategy_page_is_not_found(client, db):
    assert client.get(reverse("strategy:overview")).status_code == 404


def test_draft_edits_reach_the_public_pages_only_with_the_next_published_version(client, published, users):
    measure = published.measures[0]
    element_update(element=measure, actor=users["editor"], data={"title": "Ausbildungsmesse"})
    element_create(
        strategy=published.strategy, actor=users["editor"], kind=ElementKind.GOAL, data={"title": "Neues Ziel"}
    )

    before = page(client, reverse("strategy:overview"))
    assert "Ausbildungsbörse" in before
    assert "Ausbildungsmesse" not in before
    assert "Neues Ziel" not in before

    version = version_freeze(strategy=published.strategy, actor=users["editor"], label="Zweite Fassung")
    between = page(client, reverse("strategy:overview"))
    assert "Ausbildungsmesse" not in between  # frozen, not yet decided and published

    version = version_submit(version=version, actor=users["admin"])
    version = version_decide(
        version=version, actor=users["admin"], approved=True, decided_on=dt.date(2028, 1, 10), summary="Ja"
    )
    version_publish(version=version, actor=users["admin"])
    after = page(client, reverse("strategy:overview"))
    assert "Ausbildungsmesse" in after
    assert "Neues Ziel" in after
    assert "10. Januar 2028" in after


def test_the_english_pages_mark_the_german_texts_and_say_so_once(client, published):
    with translation.override("en"):
        overview = reverse("strategy:overview")
        project = reverse("strategy:project", kwargs={"slug": published.projects[0].slug})
        measure = reverse("strategy:element", kwargs={"slug": published.measures[0].slug})
    assert overview.startswith("/en/")

    main = page(client, overview)
    assert '<span lang="de">Fachkräfte sichern</span>' in main
    assert '<span lang="de">Der Kreis bleibt Industriestandort.</span>' in main
    assert main.count("Some content on this page is only available in German.") == 1
    assert "Vision statement" in main

    project_main = page(client, project)
    assert '<span lang="de">Azubi-Tour 2027</span>' in project_main
    assert "What does this project rest on?" in project_main

    with translation.override("en"):
        projects_main = page(client, reverse("strategy:projects"))
    assert f'<option value="{published.fields[0].slug}" lang="de">Fachkräfte</option>' in projects_main

    measure_main = page(client, measure)
    assert '<span lang="de">Ausbildungsreport</span>' in measure_main  # an external source's title
    assert '<span lang="de">Zeigt den Bedarf.</span>' in measure_main  # the note


def test_the_german_pages_are_not_marked(client, published):
    main = page(client, reverse("strategy:overview"))

    assert 'lang="de"' not in main


def test_the_navigation_links_strategy_and_projects_only_while_a_version_is_published(client, small_strategy, users):
    assert "/strategie/" not in nav(client, reverse("public:events"))

    publish(small_strategy.strategy, users)

    links = nav(client, reverse("public:events"))
    assert 'href="/strategie/"' in links
    assert 'href="/projekte/"' in links
    assert 'href="/strategie/" aria-current="page"' in nav(client, reverse("strategy:overview"))


def test_the_navigation_asks_the_database_once_and_then_the_cache(client, published):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("public:events"))  # the navigation's entries are worked out and kept
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("public:events")).content.decode()
    assert 'href="/strategie/"' in page
    asked = " ".join(query["sql"] for query in captured.captured_queries)
    assert "strategy_strategy" not in asked
    assert "standortanalyse_analysissettings" not in asked


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def test_a_published_strategy_adds_a_call_to_action_to_the_home_page(client, small_strategy, users, process):
    assert not any(action.url == reverse("strategy:overview") for action in calls_to_action(process))

    publish(small_strategy.strategy, users)

    main = page(client, reverse("public:home"))
    assert _("The strategy has been adopted") in main
    assert f'href="{reverse("strategy:overview")}"' in main


def test_another_process_gets_no_call_to_action_for_the_current_strategy(small_strategy, users, process, regions):
    publish(small_strategy.strategy, users)
    older = StrategyProcess.objects.create(
        slug="aelter", title="Älterer Prozess", region=regions["08118"], is_public=True, short_description="x"
    )
    StrategyProcess.objects.filter(pk=older.pk).update(created_at=process.created_at - dt.timedelta(days=1))

    assert all(action.url != reverse("strategy:overview") for action in calls_to_action(older))
    assert any(action.url == reverse("strategy:overview") for action in calls_to_action(process))


def test_a_bound_indicator_shows_the_newest_official_value_with_its_source(client, small_strategy, users, regions):
    statistic = Indicator.objects.create(
        code="unemployment_rate", name="Arbeitslosenquote", unit="%", source="Bundesagentur für Arbeit"
    )
    for year, value in ((2019, 2.9), (2020, 3.6)):
        Observation.objects.create(indicator=statistic, region=regions["08118"], year=year, value=value)
    indicator_create(
        element=small_strategy.goals[0],
        actor=users["editor"],
        data={
            "name": "Arbeitslosenquote",
            "baseline_value": 2.9,
            "baseline_year": 2019,
            "target_value": 2.5,
            "target_year": 2030,
            "statistic": statistic,
            "region": regions["08118"],
        },
    )
    publish(small_strategy.strategy, users)
    Observation.objects.create(indicator=statistic, region=regions["08118"], year=2021, value=3.1)  # a later import

    main = page(client, reverse("strategy:element", kwargs={"slug": small_strategy.goals[0].slug}))

    assert "3,1\N{NO-BREAK SPACE}% (2021), " + _("official statistics") in main
    assert "Bundesagentur für Arbeit" in main
    assert "2,9\N{NO-BREAK SPACE}% (2019)" in main


def test_a_source_that_is_gone_says_so(client, published, users):
    link = published.measures[0].evidence.get()
    link.kind = "finding"
    link.reference = {"finding": 999999}
    link.save()
    publish(published.strategy, users, label="Quelle weg")

    main = page(client, reverse("strategy:element", kwargs={"slug": published.measures[0].slug}))

    assert _("This source is not public (any more).") in main


def test_the_demo_banner_shows_on_a_demo_strategy(client, published):
    Strategy.objects.filter(pk=published.strategy.pk).update(is_demo=True)

    main = page(client, reverse("strategy:overview"))

    assert 'class="demo-banner"' in main


def test_an_element_left_out_of_the_draft_stays_on_the_public_page_of_its_version(client, published, users):
    from standortkompass.strategy.services.elements import element_delete

    project = published.projects[1]
    element_delete(element=Element.objects.get(pk=project.pk), actor=users["editor"])

    main = page(client, reverse("strategy:project", kwargs={"slug": project.slug}))

    assert "Gewerbeflächenkataster" in main
    assert str(ProjectStatus.PLANNING.label) in main  # the version's status, as the sheet is gone
