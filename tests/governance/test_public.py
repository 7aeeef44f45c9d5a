"""The public register /beschluesse/: public entries of public boards, filterable; each entry with its published
strategy elements; English under /en/ with the German texts marked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from standortkompass.governance.services.register import entry_create
from standortkompass.strategy.services.elements import element_create
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit
from strategy.conftest import build_small_strategy


def test_the_register_lists_only_public_entries(gov):
    content = Client().get("/beschluesse/").content.decode()

    assert "Fachkräfte zuerst" in content
    assert "Zeitplan beschlossen" not in content  # board level


def test_the_register_filters_by_board_kind_and_status(gov, process, users):
    entry_create(
        process=process,
        actor=users["editor"],
        data={
            "board": gov.steering,
            "kind": "decision",
            "subject": "Zeitplan öffentlich",
            "text": "T",
            "decided_on": dt.date(2027, 4, 1),
            "status": "implemented",
            "confidentiality": "public",
        },
    )
    client = Client()

    by_board = client.get("/beschluesse/", {"gremium": gov.steering.pk}).content.decode()
    by_kind = client.get("/beschluesse/", {"art": "recommendation"}).content.decode()
    by_status = client.get("/beschluesse/", {"status": "implemented"}).content.decode()
    nonsense = client.get("/beschluesse/", {"status": "<script>", "gremium": "x"})

    assert "Zeitplan öffentlich" in by_board
    assert "Fachkräfte zuerst" not in by_board
    assert "Fachkräfte zuerst" in by_kind
    assert "Zeitplan öffentlich" not in by_kind
    assert "Zeitplan öffentlich" in by_status
    assert nonsense.status_code == 200


def test_an_entry_that_is_not_public_or_of_a_board_not_public_is_not_found(gov):
    gov.sounding.is_public = False
    gov.sounding.save()

    assert Client().get(reverse("governance:entry", args=[gov.board_entry.pk])).status_code == 404
    assert Client().get(reverse("governance:entry", args=[gov.entry.pk])).status_code == 404


def test_an_entry_page_shows_its_published_strategy_elements(gov, process, users):
    small = build_small_strategy(process, users["editor"])
    gov.entry.elements.set([small.measures[0], small.fields[0]])
    version = version_freeze(strategy=small.strategy, actor=users["editor"], label="1")
    version = version_submit(version=version, actor=users["admin"])
    version = version_decide(
        version=version, actor=users["admin"], approved=True, decided_on=dt.date(2027, 10, 1), summary="ok"
    )
    version_publish(version=version, actor=users["admin"])
    later = element_create(
        strategy=small.strategy,
        actor=users["editor"],
        kind="measure",
        data={"title": "Neu im Entwurf", "parent": small.fields[1]},
    )
    gov.entry.elements.add(later)

    content = Client().get(reverse("governance:entry", args=[gov.entry.pk])).content.decode()
    english = Client().get("/en" + reverse("governance:entry", args=[gov.entry.pk])).content.decode()

    assert f'href="/strategie/{small.measures[0].slug}/"' in content
    assert small.measures[0].title in content
    assert small.fields[0].title in content
    assert "Neu im Entwurf" not in content
    assert "It also concerns 1 element of the strategy draft that has not been published yet." in english


def test_an_entry_page_does_not_name_a_meeting_that_is_not_public(gov):
    content = Client().get(reverse("governance:entry", args=[gov.entry.pk])).content.decode()

    assert "Sitzung des Sounding Boards" not in content
    assert "Das Sounding Board empfiehlt" in content


@pytest.mark.parametrize("address", ["/en/beschluesse/", "/en/beschluesse/{pk}/"])
def test_the_english_pages_mark_the_german_texts(gov, address):
    content = Client().get(address.format(pk=gov.entry.pk)).content.decode()

    assert '<span lang="de">Fachkräfte zuerst</span>' in content
    assert "ecommendations and decisions" in content


def test_the_main_navigation_offers_the_register_while_it_has_public_entries(gov, users):
    from standortkompass.governance.services.register import entry_delete

    def navigation() -> str:
        page = Client().get("/termine/").content.decode()
        start = page.index('class="site-nav"')
        return page[start : page.index("</nav>", start)]

    assert 'href="/beschluesse/"' in navigation()
    entry_delete(entry=gov.entry, actor=users["admin"])
    # The steering committee's entry is for the board only: nothing public is left.
    assert 'href="/beschluesse/"' not in navigation()
