"""Versions of the strategy: freezing, the version's page, submitting, the decision, publishing and withdrawing,
and comparing versions side by side."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.translation import gettext, ngettext

from standortkompass.audit.models import AuditEntry
from standortkompass.strategy.models import Strategy, StrategyVersion, VersionState
from standortkompass.strategy.selectors.versions import clear_version_trees, published_tree
from standortkompass.strategy.services.elements import element_update
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit


def url(name: str, process, **kwargs) -> str:
    return reverse(f"strategy_manage:{name}", kwargs={"process_pk": process.pk, **kwargs})


def approved(small_strategy, users, **decision) -> StrategyVersion:
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    version = version_submit(version=version, actor=users["admin"])
    return version_decide(
        version=version,
        actor=users["admin"],
        approved=True,
        decided_on=dt.date(2027, 3, 1),
        summary=decision.get("summary", "Beschlossen"),
        conditions=decision.get("conditions", ""),
    )


def test_redaktion_freezes_the_draft_as_the_next_version(small_strategy, process, client_for):
    client = client_for("editor")

    response = client.post(url("version_freeze", process), {"label": "Entwurf Sounding Board", "note": "Erste Fassung"})

    version = StrategyVersion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("version", process, version_pk=version.pk)
    assert (version.number, version.label, version.note, version.state) == (
        1,
        "Entwurf Sounding Board",
        "Erste Fassung",
        VersionState.FROZEN,
    )
    assert len(version.snapshot["elements"]) == 10
    assert AuditEntry.objects.filter(action="strategy.version.freeze").count() == 1
    client.post(url("version_freeze", process), {"label": "Zweiter Entwurf"})
    assert list(StrategyVersion.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_freezing_without_a_label_names_the_field_and_saves_nothing(small_strategy, process, client_for):
    response = client_for("editor").post(url("version_freeze", process), {"label": " "})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["label"]
    assert not StrategyVersion.objects.exists()


def test_a_board_member_may_read_versions_but_a_refused_freeze_changes_nothing(small_strategy, process, client_for):
    client = client_for("board")

    assert client.get(url("versions", process)).status_code == 200
    assert client.post(url("version_freeze", process), {"label": "Heimlich"}).status_code == 403
    assert not StrategyVersion.objects.exists()


def test_the_version_page_shows_the_snapshot_read_only_and_its_state(small_strategy, process, users, client_for):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    element_update(element=small_strategy.fields[0], actor=users["editor"], data={"title": "Arbeit und Fachkräfte"})

    page = client_for("board").get(url("version", process, version_pk=version.pk)).content.decode()

    assert "Entwurf" in page
    assert ">Fachkräfte</h" in page  # the title as frozen, not the draft's new one
    assert "Arbeit und Fachkräfte" not in page
    assert "<form" not in page.split('id="content-heading"')[1]  # read-only: no form in the tree


def test_administration_submits_and_the_decision_with_conditions_is_shown(small_strategy, process, users, client_for):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    client = client_for("admin")

    client.post(url("version_submit", process, version_pk=version.pk))
    version.refresh_from_db()
    assert version.state == VersionState.SUBMITTED
    version_decide(
        version=version,
        actor=users["admin"],
        approved=True,
        decided_on=dt.date(2027, 3, 1),
        summary="Der Lenkungskreis stimmt zu.",
        conditions="Projekt Azubi-Tour bis Juni konkretisieren.",
    )

    page = client.get(url("version", process, version_pk=version.pk)).content.decode()
    assert "Der Lenkungskreis stimmt zu." in page
    assert "Projekt Azubi-Tour bis Juni konkretisieren." in page
    assert url("version_publish", process, version_pk=version.pk) in page


def test_a_version_not_approved_cannot_be_published(small_strategy, process, users, client_for):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    client = client_for("admin")

    response = client.post(url("version_publish", process, version_pk=version.pk), follow=True)

    assert response.status_code == 200
    assert Strategy.objects.get().published_version is None
    version = version_submit(version=version, actor=users["admin"])
    version_decide(
        version=version, actor=users["admin"], approved=False, decided_on=dt.date(2027, 3, 1), summary="Nein"
    )
    client.post(url("version_publish", process, version_pk=version.pk))
    client.post(url("version_submit", process, version_pk=version.pk))
    version.refresh_from_db()
    assert version.state == VersionState.REJECTED
    assert Strategy.objects.get().published_version is None


def test_redaktion_cannot_publish_and_its_refused_post_changes_nothing(small_strategy, process, users, client_for):
    version = approved(small_strategy, users)

    assert client_for("editor").post(url("version_publish", process, version_pk=version.pk)).status_code == 403
    assert Strategy.objects.get().published_version is None


def test_after_publication_editing_the_draft_does_not_change_what_is_published(
    small_strategy, process, users, client_for
):
    version = approved(small_strategy, users)
    client_for("admin").post(url("version_publish", process, version_pk=version.pk))
    assert Strategy.objects.get().published_version == version

    element_update(element=small_strategy.goals[0], actor=users["editor"], data={"title": "Neuer Titel"})
    clear_version_trees()

    found = published_tree(process)
    assert found is not None
    published, tree = found
    assert published == version
    assert [goal.title for goal in tree.of_kind("goal")] == ["Fachkräfte sichern", "Transformation gestalten"]


def test_a_later_approved_version_replaces_the_published_one_and_withdrawing_removes_it(
    small_strategy, process, users, client_for
):
    first = approved(small_strategy, users)
    version_publish(version=first, actor=users["admin"])
    element_update(element=small_strategy.goals[0], actor=users["editor"], data={"title": "Neuer Titel"})
    second = approved(small_strategy, users)
    client = client_for("admin")

    client.post(url("version_publish", process, version_pk=second.pk))
    assert Strategy.objects.get().published_version == second
    client.post(url("version_withdraw", process))
    assert Strategy.objects.get().published_version is None
    assert AuditEntry.objects.filter(action="strategy.version.withdraw").count() == 1


def test_the_comparison_with_the_draft_marks_deleted_and_inserted_words(small_strategy, process, users, client_for):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    element_update(
        element=small_strategy.measures[0], actor=users["editor"], data={"title": "Digitale Ausbildungsbörse"}
    )

    response = client_for("board").get(url("compare", process), {"alt": version.pk, "neu": "entwurf"})

    page = response.content.decode()
    assert response.status_code == 200
    assert f'<ins><span class="kern-sr-only">{gettext("inserted:")} </span>Digitale </ins>Ausbildungsbörse' in page
    assert ngettext("%(counter)s element changed", "%(counter)s elements changed", 1) % {"counter": 1} in page


def test_the_comparison_page_compares_the_latest_version_with_the_draft_when_asked_nothing(
    small_strategy, process, users, client_for
):
    version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")
    element_update(element=small_strategy.vision, actor=users["editor"], data={"summary": "Der Kreis bleibt stark."})

    page = client_for("editor").get(url("compare", process)).content.decode()

    assert f'<del><span class="kern-sr-only">{gettext("deleted:")} </span>Industriestandort</del>.' in page


def test_comparing_a_version_with_itself_is_refused_with_a_message(small_strategy, process, users, client_for):
    version = version_freeze(strategy=small_strategy.strategy, actor=users["editor"], label="Entwurf")

    response = client_for("editor").get(url("compare", process), {"alt": version.pk, "neu": version.pk})

    assert response.status_code == 200
    assert "comparison" not in response.context or response.context["comparison"] is None
    assert response.context["form"].errors["neu"]


@pytest.mark.parametrize("role", ["board", "editor", "admin"])
def test_the_version_list_shows_each_version_with_its_state(small_strategy, process, users, client_for, role):
    version = approved(small_strategy, users)
    version_publish(version=version, actor=users["admin"])

    page = client_for(role).get(url("versions", process)).content.decode()

    assert str(VersionState.APPROVED.label) in page
    assert url("version", process, version_pk=version.pk) in page
