"""Phases in the management area: create, edit, the one active phase, delete, reorder."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Event, Phase, PhaseState, StrategyProcess


def names(process: StrategyProcess) -> list[str]:
    return list(process.phases.order_by("order").values_list("name", flat=True))


def test_editor_creates_a_phase_at_the_end(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    response = client_for("editor").post(
        reverse("manage:phase_create", args=[process.pk]),
        {
            "name": "Umsetzung",
            "description": "",
            "start_date": "2027-09-01",
            "end_date": "2027-12-31",
            "state": "planned",
        },
    )
    assert response.status_code == 302
    assert names(process)[-1] == "Umsetzung"
    entry = AuditEntry.objects.get(action="phase.create")
    assert entry.changes["name"] == ["", "Umsetzung"]
    assert entry.actor_email == "editor@example.org"


def test_phase_ending_before_it_starts_shows_the_error_next_to_the_end_date(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:phase_create", args=[process.pk]),
        {"name": "Rückwärts", "start_date": "2027-09-01", "end_date": "2027-08-01", "state": "planned"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_end_date-error"' in html
    assert "Das Ende darf nicht vor dem Beginn liegen." in html
    assert "Rückwärts" not in names(process)


def test_editing_a_phase_records_only_the_changed_fields(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    phase = process.phases.get(name="Strategiewerkstatt")
    response = client_for("admin").post(
        reverse("manage:phase_edit", args=[process.pk, phase.pk]),
        {
            "name": "Strategiewerkstätten",
            "description": phase.description,
            "start_date": phase.start_date.isoformat(),
            "end_date": phase.end_date.isoformat(),
            "state": phase.state,
        },
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="phase.update")
    assert entry.changes == {"name": ["Strategiewerkstatt", "Strategiewerkstätten"]}


def test_marking_a_phase_active_completes_the_earlier_active_phase(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    phase = process.phases.get(name="Strategiewerkstatt")
    client_for("admin").post(
        reverse("manage:phase_edit", args=[process.pk, phase.pk]),
        {"name": phase.name, "start_date": "", "end_date": "", "state": "active"},
    )
    states = dict(process.phases.values_list("name", "state"))
    assert states == {
        "Analysephase": PhaseState.COMPLETED,
        "Strategiewerkstatt": PhaseState.ACTIVE,
        "Zukunftswerkstatt": PhaseState.PLANNED,
    }
    assert process.current_phase() == phase


def test_phases_move_up_and_down_and_the_move_is_audited(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    last = process.phases.get(name="Zukunftswerkstatt")
    response = client.post(reverse("manage:phase_move", args=[process.pk, last.pk]), {"richtung": "hoch"})
    assert response.status_code == 302
    assert names(process) == ["Analysephase", "Zukunftswerkstatt", "Strategiewerkstatt"]
    first = process.phases.get(name="Analysephase")
    client.post(reverse("manage:phase_move", args=[process.pk, first.pk]), {"richtung": "runter"})
    assert names(process) == ["Zukunftswerkstatt", "Analysephase", "Strategiewerkstatt"]
    assert AuditEntry.objects.filter(action="phase.move").count() == 2


def test_the_first_phase_cannot_move_further_up(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    first = process.phases.get(name="Analysephase")
    client_for("admin").post(reverse("manage:phase_move", args=[process.pk, first.pk]), {"richtung": "hoch"})
    assert names(process) == ["Analysephase", "Strategiewerkstatt", "Zukunftswerkstatt"]
    assert not AuditEntry.objects.filter(action="phase.move").exists()


def test_phase_list_offers_move_buttons_named_after_the_phase(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("editor").get(reverse("manage:phases", args=[process.pk])).content.decode()
    assert 'value="runter"' in html
    assert '<span class="kern-sr-only">: Strategiewerkstatt</span>' in html


def test_deleting_a_phase_asks_first_then_keeps_its_events(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    phase = process.phases.get(name="Zukunftswerkstatt")
    event = Event.objects.create(process=process, title="Werkstatt", start="2027-03-01T10:00+01:00", phase=phase)
    client = client_for("editor")
    url = reverse("manage:phase_delete", args=[process.pk, phase.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert Phase.objects.filter(pk=phase.pk).exists()
    response = client.post(url)
    assert response.status_code == 302
    assert not Phase.objects.filter(pk=phase.pk).exists()
    event.refresh_from_db()
    assert event.phase is None
    assert AuditEntry.objects.filter(action="phase.delete", object_repr="Zukunftswerkstatt").exists()
