"""The monitoring part of the permission matrix (merged into tests/test_permission_matrix.py).

``monitoring_world`` runs after ``strategy_world`` (whose small strategy is published): ``users["partner"]``
becomes the lead of the strategy's first project (a contact person of its lead organisation has the partner's
address), and a reporting round is open. ``ACCESS`` declares the audience of every monitoring URL. That a
partner who does not lead a project gets 404 for its report is tested in tests/monitoring/test_reports.py;
an indicator's CSV with data in tests/monitoring/test_public.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from permission_audiences import ADMINS, EDITORS, LOGIN, NO_DATA, PUBLIC, Audience, post_only
from standortkompass.accounts.models import User
from standortkompass.monitoring.services.rounds import round_open
from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType, StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, ProjectSheet


def monitoring_world(*, process: StrategyProcess, users: dict[str, User]) -> dict[str, Any]:
    project = Element.objects.filter(strategy__process=process, kind=ElementKind.PROJECT).order_by("order", "id")[0]
    organisation = Organisation.objects.create(
        process=process, name="Projektträger (Matrix)", type=OrganisationType.ASSOCIATION
    )
    ContactPerson.objects.create(organisation=organisation, name="Test Partner", email=users["partner"].email)
    ProjectSheet.objects.filter(element=project).update(lead_organisation=organisation)
    reporting_round = round_open(
        process=process,
        actor=users["admin"],
        data={
            "title": "Statusbericht (Matrix)",
            "reporting_date": dt.date(2027, 3, 31),
            "due_date": dt.date(2027, 4, 15),
        },
    )
    return {"monitoring_round": reporting_round, "monitoring_project": project}


# The report form of a project: its lead (here the partner) and Administration; every other role learns
# nothing (404, as an outsider).
PROJECT_LEADS = Audience(
    "project leads",
    {
        "anonymous": LOGIN,
        "outsider": 404,
        "company": 404,
        "partner": 200,
        "board": 404,
        "editor": 404,
        "admin": 200,
    },
)

ACCESS: dict[str, Audience] = {
    "monitoring:overview": PUBLIC,
    "monitoring:project": PUBLIC,
    "monitoring:indicator_csv": NO_DATA,  # the world's published strategy has no indicators
    "monitoring_manage:overview": ADMINS,
    "monitoring_manage:round_open": ADMINS,
    "monitoring_manage:round": ADMINS,
    "monitoring_manage:round_close": post_only(ADMINS),
    "monitoring_manage:round_remind": post_only(ADMINS),
    "monitoring_manage:report": PROJECT_LEADS,
    "monitoring_manage:import": ADMINS,
    "monitoring_manage:import_preview": ADMINS,
    "monitoring_manage:import_template_csv": ADMINS,
    # The import of indicator actual values: Redaktion and Administration.
    "monitoring_manage:actuals_import": EDITORS,
    "monitoring_manage:actuals_import_preview": EDITORS,
    "monitoring_manage:actuals_import_template_csv": EDITORS,
}

GET_ONLY: set[str] = {
    "monitoring:indicator_csv",
    "monitoring_manage:import_template_csv",
    "monitoring_manage:actuals_import_template_csv",
}


def _in_round(world: dict[str, Any]) -> dict[str, Any]:
    # By name, not by argument: the strategy's consultation URLs have a ``round_pk`` of their own.
    return {"process_pk": world["process"].pk, "round_pk": world["monitoring_round"].pk}


KWARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "monitoring:project": lambda w: {"slug": w["monitoring_project"].slug},
    "monitoring:indicator_csv": lambda w: {"indicator_pk": 999999},
    "monitoring_manage:round": _in_round,
    "monitoring_manage:round_close": _in_round,
    "monitoring_manage:round_remind": _in_round,
    "monitoring_manage:report": lambda w: {**_in_round(w), "project_pk": w["monitoring_project"].pk},
}

BY_ARGUMENT: dict[str, Callable[[dict[str, Any]], Any]] = {}
