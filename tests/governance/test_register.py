"""The register: recommendations and decisions, the approval of a strategy version, follow-up actions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.governance.models import RegisterEntry
from standortkompass.governance.services.register import action_create, entry_create, entry_delete, entry_update
from standortkompass.strategy.models import StrategyVersion, VersionState
from standortkompass.strategy.services.versions import version_freeze, version_submit
from strategy.conftest import build_small_strategy


@pytest.fixture
def submitted(process, users) -> StrategyVersion:
    small = build_small_strategy(process, users["editor"])
    version = version_freeze(strategy=small.strategy, actor=users["editor"], label="Entwurf für den Lenkungskreis")
    return version_submit(version=version, actor=users["admin"])


def _decision(gov, **extra):
    return {
        "board": gov.steering,
        "kind": "decision",
        "subject": "Zukunftsstrategie beschlossen",
        "text": "Der Lenkungskreis beschließt die Zukunftsstrategie in der Fassung der Version 1.",
        "decided_on": dt.date(2027, 10, 13),
        "meeting": gov.steering_meeting,
        "status": "done",
        "votes_yes": 11,
        "votes_no": 0,
        "votes_abstain": 1,
        "conditions": "Das Handlungsfeld Flächen wird bis 2028 überprüft.",
        **extra,
    }


def test_a_decision_on_a_submitted_version_records_the_decision_on_the_version(gov, process, users, submitted):
    entry = entry_create(
        process=process,
        actor=users["admin"],
        data=_decision(gov, strategy_version=submitted, version_approved=True, confidentiality="public"),
    )

    submitted.refresh_from_db()
    assert submitted.state == VersionState.APPROVED
    assert submitted.decided_on == dt.date(2027, 10, 13)
    assert submitted.decision_summary == "Zukunftsstrategie beschlossen"
    assert submitted.decision_conditions == "Das Handlungsfeld Flächen wird bis 2028 überprüft."
    assert submitted.decision_url == reverse("governance:entry", kwargs={"pk": entry.pk})
    assert AuditEntry.objects.filter(action="strategy.version.decide").count() == 1


def test_an_internal_decision_links_the_version_to_its_page_in_the_management_area(gov, process, users, submitted):
    entry = entry_create(
        process=process,
        actor=users["admin"],
        data=_decision(gov, strategy_version=submitted, version_approved=False, confidentiality="internal"),
    )

    submitted.refresh_from_db()
    assert submitted.state == VersionState.REJECTED
    assert submitted.decision_url == reverse("governance_manage:entry", args=[process.pk, entry.pk])


def test_a_version_not_submitted_is_refused_and_nothing_is_recorded(gov, process, users):
    small = build_small_strategy(process, users["editor"])
    frozen = version_freeze(strategy=small.strategy, actor=users["editor"], label="Nur eingefroren")
    count = RegisterEntry.objects.count()

    with pytest.raises(ValidationError) as error:
        entry_create(
            process=process, actor=users["admin"], data=_decision(gov, strategy_version=frozen, version_approved=True)
        )

    assert "strategy_version" in error.value.message_dict
    assert RegisterEntry.objects.count() == count
    frozen.refresh_from_db()
    assert frozen.state == VersionState.FROZEN


def test_the_sounding_board_does_not_decide_on_a_version(gov, process, users, submitted):
    with pytest.raises(ValidationError) as error:
        entry_create(
            process=process,
            actor=users["admin"],
            data=_decision(
                gov, board=gov.sounding, meeting=gov.meeting, strategy_version=submitted, version_approved=True
            ),
        )

    assert "strategy_version" in error.value.message_dict
    submitted.refresh_from_db()
    assert submitted.state == VersionState.SUBMITTED


def test_a_recorded_version_decision_cannot_be_changed_or_deleted(gov, process, users, submitted):
    entry = entry_create(
        process=process, actor=users["admin"], data=_decision(gov, strategy_version=submitted, version_approved=True)
    )

    with pytest.raises(ValidationError):
        entry_update(entry=entry, actor=users["admin"], data={"version_approved": False})
    with pytest.raises(ValidationError):
        entry_delete(entry=entry, actor=users["admin"])

    entry_update(entry=entry, actor=users["admin"], data={"status": "implemented"})
    entry.refresh_from_db()
    assert entry.status == "implemented"
    assert entry.version_approved is True


def test_an_existing_decision_can_be_given_the_version_later(gov, process, users, submitted):
    entry_update(
        entry=gov.board_entry, actor=users["admin"], data={"strategy_version": submitted, "version_approved": True}
    )

    submitted.refresh_from_db()
    assert submitted.state == VersionState.APPROVED


def test_the_decision_form_records_the_version_approval(gov, process, client_for, submitted):
    response = client_for("admin").post(
        reverse("governance_manage:entry_create", args=[process.pk]),
        {
            "board": gov.steering.pk,
            "kind": "decision",
            "subject": "Beschluss der Strategie",
            "text": "Beschlossen.",
            "decided_on": "2027-10-13",
            "meeting": gov.steering_meeting.pk,
            "status": "done",
            "confidentiality": "public",
            "votes_yes": "10",
            "strategy_version": submitted.pk,
            "version_approved": "yes",
        },
    )

    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == VersionState.APPROVED
    entry = RegisterEntry.objects.get(subject="Beschluss der Strategie")
    assert entry.votes_yes == 10
    assert entry.version_approved is True


def test_the_form_names_the_field_when_the_result_on_the_version_is_missing(gov, process, client_for, submitted):
    response = client_for("admin").post(
        reverse("governance_manage:entry_create", args=[process.pk]),
        {
            "board": gov.steering.pk,
            "kind": "decision",
            "subject": "Ohne Ergebnis",
            "text": "T",
            "decided_on": "2027-10-13",
            "status": "open",
            "confidentiality": "board",
            "strategy_version": submitted.pk,
        },
    )

    assert response.status_code == 200
    assert 'id="id_version_approved-error"' in response.content.decode()
    assert not RegisterEntry.objects.filter(subject="Ohne Ergebnis").exists()
    submitted.refresh_from_db()
    assert submitted.state == VersionState.SUBMITTED


def test_an_entry_links_strategy_elements_of_its_process(gov, process, users):
    small = build_small_strategy(process, users["editor"])

    entry = entry_create(
        process=process,
        actor=users["editor"],
        data={
            "board": gov.sounding,
            "subject": "Flächen sichern",
            "text": "Empfehlung",
            "decided_on": dt.date(2027, 9, 15),
            "confidentiality": "public",
        },
        elements=[small.measures[2], small.fields[1]],
    )

    assert set(entry.elements.all()) == {small.measures[2], small.fields[1]}


def test_a_follow_up_action_owner_must_have_a_role_in_the_process(gov, users):
    with pytest.raises(ValidationError) as error:
        action_create(
            entry=gov.entry,
            actor=users["editor"],
            data={"text": "Prüfen", "owner_user": users["outsider"], "due_on": dt.date(2027, 5, 1)},
        )

    assert "owner_user" in error.value.message_dict
    assert not gov.entry.actions.exists()


def test_a_submitted_versions_page_leads_to_the_register_form_set_for_its_decision(
    gov, process, users, submitted, client_for
):
    from standortkompass.processes.models import BoardKind

    version_page = reverse("strategy_manage:version", args=[process.pk, submitted.pk])
    form_url = reverse("governance_manage:entry_create", args=[process.pk]) + f"?fassung={submitted.pk}"
    assert form_url.replace("&", "&amp;") in client_for("editor").get(version_page).content.decode()
    # Board members read the version but do not record decisions: no link for them.
    assert "?fassung=" not in client_for("board").get(version_page).content.decode()
    form = client_for("editor").get(form_url).context["form"]
    assert form.initial["strategy_version"] == submitted.pk
    assert form.initial["kind"] == "decision"
    steering = process.boards.filter(kind=BoardKind.STEERING_COMMITTEE).order_by("order", "name").first()
    if steering is not None:
        assert form.initial["board"] == steering.pk
    # An unknown or not submitted version starts an empty form.
    unknown = client_for("editor").get(form_url.replace(f"={submitted.pk}", "=999999")).context["form"]
    assert "strategy_version" not in unknown.initial
