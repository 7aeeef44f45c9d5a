"""The main navigation's app entries: shown while their content is public, kept in the cache, renewed on change."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client

from standortkompass.processes import navigation
from standortkompass.processes.navigation import NavEntry
from standortkompass.processes.services.process import process_set_public
from standortkompass.standortanalyse.services.findings import analysis_settings_update
from standortkompass.strategy.services.versions import (
    version_decide,
    version_freeze,
    version_publish,
    version_submit,
    version_withdraw,
)


def _nav(client: Client) -> list[str]:
    page = client.get("/termine/").content.decode()
    nav = page[page.index('class="site-nav"') : page.index("</nav>", page.index('class="site-nav"'))]
    return re.findall(r'href="([^"]+)"', nav)


def test_the_analysis_entry_follows_its_publication(process, users, client):
    assert "/standortanalyse/" not in _nav(client)
    analysis_settings_update(process=process, actor=users["admin"], is_public=True, peer_codes=[])
    assert "/standortanalyse/" in _nav(client)
    analysis_settings_update(process=process, actor=users["admin"], is_public=False, peer_codes=[])
    assert "/standortanalyse/" not in _nav(client)


def test_strategy_projects_and_implementation_are_shown_while_a_version_is_published(small_strategy, users, client):
    assert not {"/strategie/", "/projekte/", "/umsetzung/"} & set(_nav(client))
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="1")
    version_submit(version=version, actor=users["admin"])
    version_decide(version=version, actor=users["admin"], approved=True, decided_on=dt.date(2027, 2, 1), summary="Ja")
    version_publish(version=version, actor=users["admin"])
    links = _nav(client)
    assert links.index("/strategie/") < links.index("/projekte/") < links.index("/umsetzung/")
    version_withdraw(strategy=small_strategy.strategy, actor=users["admin"])
    assert not {"/strategie/", "/projekte/", "/umsetzung/"} & set(_nav(client))


def test_withdrawing_the_process_hides_the_entries(process, users, client):
    analysis_settings_update(process=process, actor=users["admin"], is_public=True, peer_codes=[])
    assert "/standortanalyse/" in _nav(client)
    process_set_public(process=process, actor=users["admin"], is_public=False)
    # Without a public process the pages do not exist; the navigation of any page no longer offers them.
    assert "/standortanalyse/" not in _nav(client)


def test_the_apps_are_asked_once_and_then_the_cache_answers(process, client, monkeypatch):
    asked: list[int] = []

    def shown(checked) -> bool:
        asked.append(checked.pk)
        return True

    monkeypatch.setitem(navigation._entries, "probe", NavEntry("probe", "Probe", "public:news", 99, shown))
    navigation.navigation_forget()
    assert "/aktuelles/" in _nav(client)
    _nav(client)
    assert asked == [process.pk]
    navigation.navigation_changed()
    _nav(client)
    assert asked == [process.pk, process.pk]
