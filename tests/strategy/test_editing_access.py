"""Who may edit the draft: Redaktion and Administration write; board members read without edit controls and
are refused every write; outsiders learn nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.strategy.models import Element, EvidenceLink, IndicatorActual, Milestone, StrategyIndicator
from strategy.access_editing import editing_world


@pytest.fixture
def world(small_strategy, users):
    return {"small": small_strategy, **editing_world(small_strategy, users["editor"])}


def write_urls(process, world) -> dict[str, str]:
    small = world["small"]
    p = process.pk
    project = small.projects[0].pk
    indicator = world["strategy_indicator"].pk
    names = {
        "strategy_edit": {},
        "element_create": {"kind": "ziel"},
        "element_edit": {"element_pk": small.goals[0].pk},
        "element_delete": {"element_pk": small.goals[0].pk},
        "element_move": {"element_pk": small.goals[1].pk},
        "sheet_edit": {"element_pk": project},
        "milestone_create": {"element_pk": project},
        "milestone_edit": {"element_pk": project, "milestone_pk": world["strategy_milestone"].pk},
        "milestone_delete": {"element_pk": project, "milestone_pk": world["strategy_milestone"].pk},
        "indicator_create": {"element_pk": small.goals[0].pk},
        "indicator_edit": {"indicator_pk": indicator},
        "indicator_delete": {"indicator_pk": indicator},
        "actual_create": {"indicator_pk": indicator},
        "actual_edit": {"indicator_pk": indicator, "actual_pk": world["strategy_actual"].pk},
        "actual_delete": {"indicator_pk": indicator, "actual_pk": world["strategy_actual"].pk},
        "evidence_kinds": {"element_pk": small.measures[0].pk},
        "evidence_add": {"element_pk": small.measures[0].pk, "kind": "external"},
        "evidence_edit": {"evidence_pk": world["strategy_evidence"].pk},
        "evidence_remove": {"evidence_pk": world["strategy_evidence"].pk},
    }
    return {
        name: reverse(f"strategy_manage:{name}", kwargs={"process_pk": p, **kwargs}) for name, kwargs in names.items()
    }


def snapshot():
    return (
        list(Element.objects.order_by("pk").values_list("pk", "title", "order", "parent_id")),
        StrategyIndicator.objects.count(),
        IndicatorActual.objects.count(),
        Milestone.objects.count(),
        list(EvidenceLink.objects.values_list("pk", "note")),
        AuditEntry.objects.count(),
    )


def test_a_board_member_is_refused_every_write_and_nothing_changes(process, world, client_for):
    board = client_for("board")
    before = snapshot()
    data = {
        "title": "Übernommen",
        "richtung": "hoch",
        "position": "1",
        "note": "x",
        "name": "x",
        "year": "2030",
        "value": "1",
    }
    for name, address in write_urls(process, world).items():
        assert board.get(address).status_code == 403, name
        assert board.post(address, data).status_code == 403, name
    assert snapshot() == before


def test_a_board_member_reads_the_draft_without_edit_controls(process, world, client_for):
    board = client_for("board")
    small = world["small"]
    pages = [
        reverse("strategy_manage:draft", args=[process.pk]),
        reverse("strategy_manage:element", args=[process.pk, small.measures[0].pk]),
        reverse("strategy_manage:element", args=[process.pk, small.projects[0].pk]),
        reverse("strategy_manage:element", args=[process.pk, small.goals[0].pk]),
        reverse("strategy_manage:indicator", args=[process.pk, world["strategy_indicator"].pk]),
    ]
    forbidden = list(write_urls(process, world).values())
    for page in pages:
        response = board.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        assert 'method="post"' not in html.split("<main", 1)[1].split("</main>", 1)[0], page
        for address in forbidden:
            assert f'href="{address}' not in html, (page, address)
            assert f'action="{address}"' not in html, (page, address)
        assert _("Move up") not in html
        assert _("Move to position") not in html
    draft = board.get(pages[0]).content.decode()
    assert _("You are reading the draft; the editorial team changes it.") in draft
    assert "Fachkräftemonitor" in board.get(pages[1]).content.decode()


def test_the_contact_person_of_a_project_is_named_only_to_the_editorial_team(process, world, client_for, users):
    from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType
    from standortkompass.strategy.models import ProjectSheet

    organisation = Organisation.objects.create(process=process, name="IHK", type=OrganisationType.CHAMBER)
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim Muster")
    ProjectSheet.objects.filter(element=world["small"].projects[0]).update(contact=contact)
    page = reverse("strategy_manage:element", args=[process.pk, world["small"].projects[0].pk])
    assert "Kim Muster" in client_for("editor").get(page).content.decode()
    assert "Kim Muster" not in client_for("board").get(page).content.decode()


@pytest.mark.parametrize("role", ["outsider"])
def test_an_outsider_gets_not_found_for_every_page_of_the_draft(process, world, client_for, role):
    outsider = client_for(role)
    small = world["small"]
    pages = [
        reverse("strategy_manage:draft", args=[process.pk]),
        reverse("strategy_manage:element", args=[process.pk, small.goals[0].pk]),
        reverse("strategy_manage:indicator", args=[process.pk, world["strategy_indicator"].pk]),
        *write_urls(process, world).values(),
    ]
    before = snapshot()
    for page in pages:
        assert outsider.get(page).status_code == 404, page
        assert outsider.post(page, {"title": "x"}).status_code == 404, page
    assert snapshot() == before


def test_an_element_of_another_process_is_not_found(process, world, client_for, regions, users):
    from standortkompass.accounts.models import Membership, Role
    from standortkompass.processes.models import StrategyProcess

    other = StrategyProcess.objects.create(slug="anders", title="Anders", region=regions["08118"])
    Membership.objects.create(user=users["admin"], process=other, role=Role.ADMIN)
    admin = client_for("admin")
    element = world["small"].goals[0]
    assert admin.get(reverse("strategy_manage:element", args=[other.pk, element.pk])).status_code == 404
    assert admin.post(reverse("strategy_manage:element_delete", args=[other.pk, element.pk])).status_code == 404
    assert Element.objects.filter(pk=element.pk).exists()
