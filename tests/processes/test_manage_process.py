"""My area, new processes, the overview, process settings, publishing and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from go_live import finish_site_texts
from standortkompass.accounts.models import Membership, Role, User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Phase, StrategyProcess
from standortkompass.processes.models.process import DEFAULT_PHASES
from standortkompass.processes.services.process import process_create
from standortkompass.regiondata.models import Region, RegionLevel


def test_my_area_lists_the_processes_of_the_user_with_role_and_links(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("editor").get(reverse("manage:home")).content.decode()
    assert process.title in html
    assert "Redaktion" in html
    assert reverse("manage:overview", args=[process.pk]) in html
    assert reverse("manage:process_create") not in html


def test_my_area_shows_board_members_their_board_dates_instead_of_management(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("board").get(reverse("manage:home")).content.decode()
    assert reverse("manage:board_events", args=[process.pk]) in html
    assert f'href="{reverse("manage:overview", args=[process.pk])}"' not in html


def test_my_area_shows_outsiders_no_process(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    html = client_for("outsider").get(reverse("manage:home")).content.decode()
    assert process.title not in html
    assert "Sie haben noch in keinem Strategieprozess eine Rolle." in html


def test_superuser_sees_every_process_in_my_area(process: StrategyProcess, db: None) -> None:
    superuser = User.objects.create_superuser("root@example.org", "Sehr-Geheimes-Passwort-1")
    client = Client()
    client.force_login(superuser)
    from django.test import override_settings

    with override_settings(REQUIRE_SECOND_FACTOR=False):
        html = client.get(reverse("manage:home")).content.decode()
    assert process.title in html
    assert "Technischer Betrieb" in html


def test_administration_creates_a_process_with_default_phases_and_becomes_its_administration(
    process: StrategyProcess, users: dict[str, User], client_for: Callable[[str], Client], regions: dict[str, Region]
) -> None:
    response = client_for("admin").post(
        reverse("manage:process_create"),
        {
            "region": regions["08118"].pk,
            "title": "Zukunftsstrategie Ludwigsburg 2031",
            "slug": "",
            "short_description": "Der zweite Zyklus.",
            "agency_name": "WFG Ludwigsburg",
        },
    )
    new = StrategyProcess.objects.get(title="Zukunftsstrategie Ludwigsburg 2031")
    assert response.status_code == 302
    assert response.url == reverse("manage:overview", args=[new.pk])
    assert new.slug == "zukunftsstrategie-ludwigsburg-2031"
    assert not new.is_public
    assert [phase.name for phase in new.phases.order_by("order")] == [name for name, _ in DEFAULT_PHASES]
    assert Membership.objects.get(process=new, user=users["admin"]).role == Role.ADMIN
    assert AuditEntry.objects.filter(process=new, action="process.create").exists()


def test_new_process_needs_a_district_and_a_free_short_name(
    process: StrategyProcess, client_for: Callable[[str], Client], regions: dict[str, Region]
) -> None:
    response = client_for("admin").post(
        reverse("manage:process_create"),
        {
            "region": regions["08118048"].pk,  # a municipality, not a district
            "title": "Doppelt",
            "slug": process.slug,
            "short_description": "x",
            "agency_name": "y",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_region-error"' in html
    assert 'id="id_slug-error"' in html
    assert "Ein anderer Prozess verwendet diesen Kurznamen bereits." in html
    assert not StrategyProcess.objects.filter(title="Doppelt").exists()


def test_process_slugs_are_numbered_and_spell_umlauts_out(regions: dict[str, Region], users: dict[str, User]) -> None:
    first = process_create(
        actor=users["admin"],
        region=regions["08118"],
        title="Zukunft für Städte",
        short_description="x",
        agency_name="y",
    )
    second = process_create(
        actor=users["admin"],
        region=regions["08118"],
        title="Zukunft für Städte",
        short_description="x",
        agency_name="y",
    )
    assert first.slug == "zukunft-fuer-staedte"
    assert second.slug == "zukunft-fuer-staedte-2"


def test_process_create_refuses_a_region_that_is_not_a_district(
    regions: dict[str, Region], users: dict[str, User]
) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        process_create(actor=users["admin"], region=regions["08"], title="Land", short_description="x", agency_name="y")
    assert "region" in error.value.message_dict
    assert Region.objects.filter(level=RegionLevel.DISTRICT).count() == 1


def test_overview_shows_current_phase_counts_and_publish_button_for_administration(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("admin").get(reverse("manage:overview", args=[process.pk])).content.decode()
    assert "Analysephase" in html
    assert reverse("manage:process_publish", args=[process.pk]) in html
    assert 'aria-current="page"' in html
    assert 'class="manage' in html


def test_overview_for_the_editorial_team_has_no_publish_button_and_no_audit_link(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("editor").get(reverse("manage:overview", args=[process.pk])).content.decode()
    assert reverse("manage:process_publish", args=[process.pk]) not in html
    assert reverse("manage:audit_log", args=[process.pk]) not in html
    assert reverse("manage:news", args=[process.pk]) in html
    assert reverse("manage:site_pages") not in html


def test_navigation_of_administration_offers_settings_audit_log_and_installation_pages(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("admin").get(reverse("manage:overview", args=[process.pk])).content.decode()
    for name in ("manage:process_edit", "manage:audit_log", "manage:boards", "manage:events", "manage:news"):
        assert reverse(name, args=[process.pk]) in html
    assert reverse("manage:site_pages") in html
    assert reverse("manage:feedback") in html


def test_settings_change_is_saved_and_audited_with_the_changed_fields(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:process_edit", args=[process.pk]),
        {
            "title": "Zukunftsstrategie Neu",
            "short_description": process.short_description,
            "description": "",
            "status": "running",
            "is_public": "on",
            "agency_name": process.agency_name,
            "contact_email": "wf@example.org",
            "contact_phone": "",
        },
    )
    assert response.status_code == 302
    process.refresh_from_db()
    assert process.title == "Zukunftsstrategie Neu"
    assert process.status == "running"
    entry = AuditEntry.objects.get(process=process, action="process.update")
    assert entry.changes["title"] == ["Zukunftsstrategie Test", "Zukunftsstrategie Neu"]
    assert set(entry.changes) == {"title", "status", "contact_email"}


def test_settings_with_an_empty_title_show_the_error_next_to_the_field(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:process_edit", args=[process.pk]),
        {"title": "", "short_description": "x", "status": "running", "agency_name": "y"},
    )
    assert response.status_code == 200
    assert 'id="id_title-error"' in response.content.decode()
    process.refresh_from_db()
    assert process.title == "Zukunftsstrategie Test"


def test_unpublishing_takes_the_process_off_the_website_and_is_audited(
    process: StrategyProcess, client_for: Callable[[str], Client], settings: Any
) -> None:
    finish_site_texts(settings)
    client = client_for("admin")
    response = client.post(reverse("manage:process_publish", args=[process.pk]), {"oeffentlich": "0"})
    assert response.status_code == 302
    process.refresh_from_db()
    assert not process.is_public
    assert AuditEntry.objects.filter(process=process, action="process.unpublish").exists()
    client.post(reverse("manage:process_publish", args=[process.pk]), {"oeffentlich": "1"})
    process.refresh_from_db()
    assert process.is_public


def test_publish_endpoint_accepts_only_post(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    assert client_for("admin").get(reverse("manage:process_publish", args=[process.pk])).status_code == 405


def test_process_form_without_publish_permission_has_no_public_switch(process: StrategyProcess) -> None:
    from standortkompass.processes.forms.manage import ProcessForm

    assert "is_public" not in ProcessForm(instance=process, can_publish=False).fields
    assert "is_public" in ProcessForm(instance=process, can_publish=True).fields


def test_audit_log_lists_entries_newest_first_and_filters_by_action_and_person(
    process: StrategyProcess, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    from standortkompass.audit.services import audit_record

    audit_record(actor=users["admin"], action="event.create", obj=process, process=process)
    audit_record(actor=users["editor"], action="news.create", obj=process, process=process)
    client = client_for("admin")
    url = reverse("manage:audit_log", args=[process.pk])
    rows = client.get(url).context["rows"]
    assert [row["entry"].action for row in rows] == ["news.create", "event.create"]
    assert rows[0]["label"] == "Meldung angelegt"
    by_action = client.get(url, {"aktion": "event.create"}).context["rows"]
    assert [row["entry"].actor_email for row in by_action] == ["admin@example.org"]
    by_person = client.get(url, {"person": "editor@example.org"}).context["rows"]
    assert [row["entry"].action for row in by_person] == ["news.create"]


def test_audit_log_is_paginated(
    process: StrategyProcess, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    from standortkompass.audit.services import audit_record

    for number in range(25):
        audit_record(
            actor=users["admin"], action="event.create", obj=process, process=process, description=f"E{number}"
        )
    client = client_for("admin")
    url = reverse("manage:audit_log", args=[process.pk])
    first = client.get(url)
    assert len(first.context["rows"]) == 20
    second = client.get(url, {"seite": 2})
    assert len(second.context["rows"]) == 5


def test_audit_log_shows_entries_of_this_process_only(
    process: StrategyProcess, users: dict[str, User], client_for: Callable[[str], Client], regions: dict[str, Region]
) -> None:
    from standortkompass.audit.services import audit_record

    other = StrategyProcess.objects.create(
        slug="anderer", title="Anderer", region=regions["08118"], short_description="x", agency_name="y"
    )
    audit_record(actor=users["admin"], action="event.create", obj=other, process=other, description="Geheim")
    html = client_for("admin").get(reverse("manage:audit_log", args=[process.pk])).content.decode()
    assert "Geheim" not in html


def test_phase_count_of_a_new_process_matches_the_default_set(
    regions: dict[str, Region], users: dict[str, User]
) -> None:
    new = process_create(
        actor=users["editor"], region=regions["08118"], title="Neu", short_description="x", agency_name="y"
    )
    assert Phase.objects.filter(process=new).count() == len(DEFAULT_PHASES)
