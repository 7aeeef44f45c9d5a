"""Read side of survey distribution: response rates and the comparison with the company register."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from standortkompass.processes.models import SizeClass
from standortkompass.regiondata.selectors import observations_list
from standortkompass.regiondata.wz2008 import section_choices
from standortkompass.surveys.models import Anonymity, MailWave, Response, ResponseStatus, Survey, SurveyInvitation

# Indicators of the shipped register file (Unternehmensregister, local units by size class of dependent
# employees, table 52111-01-02-4), in the size classes of the actors registry.
REGISTER_INDICATORS: dict[str, str] = {
    SizeClass.MICRO: "local_units_0_to_10",
    SizeClass.SMALL: "local_units_10_to_50",
    SizeClass.MEDIUM: "local_units_50_to_250",
    SizeClass.LARGE: "local_units_250_plus",
}
REGISTER_TOTAL = "local_units"


def _share(part: int, whole: int | float | None) -> float | None:
    """``part / whole`` in per cent; None when there is no whole to divide by."""
    if not whole:
        return None
    return 100 * part / whole


@dataclass(frozen=True)
class RateRow:
    """Invitations of one group and how far they got. Rates are per cent of the invitations sent."""

    key: str
    label: str
    invitations: int
    invited: int
    reminded: int
    started: int
    completed: int
    opted_out: int
    bounced: int

    @property
    def started_rate(self) -> float | None:
        return _share(self.started, self.invited)

    @property
    def completed_rate(self) -> float | None:
        return _share(self.completed, self.invited)


@dataclass(frozen=True)
class RegisterRow:
    """One size class: local units in the district's register and the survey's reach into them."""

    size_class: str
    label: str
    local_units: float | None  # None: the register cell is secret or missing
    invited: int
    completed: int

    @property
    def invited_share(self) -> float | None:
        return _share(self.invited, self.local_units)

    @property
    def completed_share(self) -> float | None:
        return _share(self.completed, self.local_units)


@dataclass(frozen=True)
class RegisterComparison:
    region_name: str
    year: int
    rows: list[RegisterRow]
    total_local_units: float | None
    not_classified_invited: int  # invited organisations without a size class in the actors registry
    not_classified_completed: int


@dataclass(frozen=True)
class ResponseRates:
    overall: RateRow
    by_sector: list[RateRow]
    by_size_class: list[RateRow]
    by_municipality: list[RateRow]
    # All responses, by invitation or public link (in anonymous surveys the two cannot be told apart).
    responses_started: int
    responses_completed: int
    # Responses without an invitation (the public link); None in anonymous surveys.
    open_link_started: int | None
    open_link_completed: int | None
    register: RegisterComparison | None  # None: no register figures for the process's region


def _counts(invitations: QuerySet[SurveyInvitation], group_by: str | None) -> list[dict[str, object]]:
    started = Q(started=True) | Q(completed=True)
    annotations = {
        "invitations": Count("pk"),
        "invited": Count("pk", filter=Q(invited_at__isnull=False)),
        "reminded": Count("pk", filter=Q(reminder_count__gt=0)),
        "started_n": Count("pk", filter=started),
        "completed_n": Count("pk", filter=Q(completed=True)),
        "opted_out": Count("pk", filter=Q(opted_out_at__isnull=False)),
        "bounced": Count("pk", filter=Q(bounced_at__isnull=False)),
    }
    if group_by is None:
        return [invitations.aggregate(**annotations)]
    return list(invitations.values(group_by).annotate(**annotations).order_by(group_by))


def _row(key: str, label: str, counts: dict[str, object]) -> RateRow:
    def number(name: str) -> int:
        value = counts[name]
        return value if isinstance(value, int) else 0

    return RateRow(
        key=key,
        label=label,
        invitations=number("invitations"),
        invited=number("invited"),
        reminded=number("reminded"),
        started=number("started_n"),
        completed=number("completed_n"),
        opted_out=number("opted_out"),
        bounced=number("bounced"),
    )


def _grouped(
    invitations: QuerySet[SurveyInvitation], group_by: str, labels: dict[str, str], order: Iterable[str] | None = None
) -> list[RateRow]:
    rows = {str(counts[group_by] or ""): counts for counts in _counts(invitations, group_by)}
    keys = [key for key in (order or sorted(rows, key=lambda key: labels.get(key, key))) if key in rows]
    keys += [key for key in rows if key not in keys and key]
    result = [_row(key, labels.get(key, key), rows[key]) for key in keys if key]
    if "" in rows:
        result.append(_row("", _("not recorded"), rows[""]))
    return result


def register_comparison(*, survey: Survey, by_size_class: list[RateRow]) -> RegisterComparison | None:
    """The district's local units by size class (latest year with all classes) beside the invitations.

    Only shipped official figures loaded into regiondata are used; None when the process's region has
    none.
    """
    region = survey.process.region
    codes = [*REGISTER_INDICATORS.values(), REGISTER_TOTAL]
    values: dict[int, dict[str, float | None]] = {}
    for indicator in codes:
        for row in observations_list(indicator=indicator, regions=[region.code]):
            if row.sector in ("", "TOTAL"):
                values.setdefault(row.year, {})[indicator] = row.value
    complete = [year for year, found in values.items() if all(code in found for code in REGISTER_INDICATORS.values())]
    if not complete:
        return None
    year = max(complete)
    found = values[year]
    reach = {row.key: row for row in by_size_class}
    rows = [
        RegisterRow(
            size_class=size_class,
            label=str(SizeClass(size_class).label),
            local_units=found[indicator],
            invited=reach[size_class].invited if size_class in reach else 0,
            completed=reach[size_class].completed if size_class in reach else 0,
        )
        for size_class, indicator in REGISTER_INDICATORS.items()
    ]
    unclassified = reach.get("")
    return RegisterComparison(
        region_name=region.name,
        year=year,
        rows=rows,
        total_local_units=found.get(REGISTER_TOTAL),
        not_classified_invited=unclassified.invited if unclassified else 0,
        not_classified_completed=unclassified.completed if unclassified else 0,
    )


def response_rates(*, survey: Survey) -> ResponseRates:
    """Invited, started and completed invitations, overall and by the invited organisation's WZ section,
    size class and municipality, with all responses and the comparison with the register."""
    invitations = SurveyInvitation.objects.filter(survey=survey)
    overall = _row("", _("All invitations"), _counts(invitations, None)[0])
    sectors = dict(section_choices())
    by_sector = _grouped(invitations, "organisation__sector_section", sectors, order=list(sectors))
    sizes = {value: str(label) for value, label in SizeClass.choices}
    by_size_class = _grouped(invitations, "organisation__size_class", sizes, order=list(sizes))
    municipality_names = dict(
        invitations.exclude(organisation__municipality=None)
        .values_list("organisation__municipality__code", "organisation__municipality__name")
        .distinct()
    )
    by_municipality = _grouped(invitations, "organisation__municipality__code", municipality_names)
    responses = Response.objects.filter(survey=survey)
    response_counts = responses.aggregate(
        started=Count("pk"), completed=Count("pk", filter=Q(status=ResponseStatus.COMPLETED))
    )
    open_started: int | None = None
    open_completed: int | None = None
    if survey.anonymity != Anonymity.ANONYMOUS:
        open_counts = responses.filter(invitation=None).aggregate(
            started=Count("pk"), completed=Count("pk", filter=Q(status=ResponseStatus.COMPLETED))
        )
        open_started, open_completed = open_counts["started"], open_counts["completed"]
    return ResponseRates(
        overall=overall,
        by_sector=by_sector,
        by_size_class=by_size_class,
        by_municipality=by_municipality,
        responses_started=response_counts["started"],
        responses_completed=response_counts["completed"],
        open_link_started=open_started,
        open_link_completed=open_completed,
        register=register_comparison(survey=survey, by_size_class=by_size_class),
    )


# --- lists for the management pages --------------------------------------------------------------


class InvitationState:
    """The state shown for an invitation, most advanced first."""

    OPTED_OUT = "opted_out"
    BOUNCED = "bounced"
    COMPLETED = "completed"
    STARTED = "started"
    REMINDED = "reminded"
    INVITED = "invited"
    NOT_SENT = "not_sent"


def invitation_state(invitation: SurveyInvitation) -> str:
    if invitation.opted_out_at is not None:
        return InvitationState.OPTED_OUT
    if invitation.bounced_at is not None:
        return InvitationState.BOUNCED
    if invitation.completed:
        return InvitationState.COMPLETED
    if invitation.started:
        return InvitationState.STARTED
    if invitation.reminder_count:
        return InvitationState.REMINDED
    if invitation.invited_at is not None:
        return InvitationState.INVITED
    return InvitationState.NOT_SENT


def invitations_list(*, survey: Survey, search: str = "") -> QuerySet[SurveyInvitation]:
    """The survey's invitations, by organisation and e-mail; ``search`` in organisation, person and e-mail."""
    invitations = SurveyInvitation.objects.filter(survey=survey).select_related("organisation", "contact")
    if search:
        invitations = invitations.filter(
            Q(organisation__name__icontains=search) | Q(email__icontains=search) | Q(contact__name__icontains=search)
        )
    return invitations.order_by("organisation__name", "email", "pk")


def waves_list(*, survey: Survey) -> list[MailWave]:
    return list(MailWave.objects.filter(survey=survey).select_related("created_by").order_by("-scheduled_at", "-pk"))
