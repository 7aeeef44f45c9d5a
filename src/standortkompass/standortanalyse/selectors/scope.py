"""Which analysis is shown: the published process, its settings, and the scope (district, Land, Bund, peers)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Role, User
from standortkompass.processes.member_tasks import MemberTask
from standortkompass.processes.models import StrategyProcess
from standortkompass.processes.selectors import current_public_process
from standortkompass.regiondata import selectors as regiondata
from standortkompass.regiondata.models import Region, SpatialTypology
from standortkompass.standortanalyse.models import AnalysisSettings
from standortkompass.standortanalyse.selectors.common import BUND


def settings_for(*, process: StrategyProcess) -> AnalysisSettings:
    """The analysis settings of a process (unsaved defaults if it has none yet)."""
    found = AnalysisSettings.objects.filter(process=process).first()
    return found if found is not None else AnalysisSettings(process=process)


def analysis_shown(process: StrategyProcess) -> bool:
    """Whether the public site shows the process's analysis (for the main navigation's entry)."""
    return process.region_id is not None and AnalysisSettings.objects.filter(process=process, is_public=True).exists()


def published_process() -> StrategyProcess | None:
    """The current public process if Administration has published its analysis and it has a district."""
    process = current_public_process()
    if process is None or process.region_id is None:
        return None
    if not AnalysisSettings.objects.filter(process=process, is_public=True).exists():
        return None
    return process


@dataclass(frozen=True)
class Scope:
    """The district of the analysis, its Land, the Bund, its peers and the chosen reference region."""

    process_id: int
    region: str
    region_name: str
    land: str
    land_name: str
    bund_name: str
    peers: tuple[str, ...]
    peer_label: str
    reference_key: str  # "land" or "bund"

    @property
    def reference(self) -> str:
        return self.land if self.reference_key == "land" else BUND

    @property
    def reference_name(self) -> str:
        return self.land_name if self.reference_key == "land" else self.bund_name

    @property
    def other_reference_key(self) -> str:
        return "bund" if self.reference_key == "land" else "land"

    def name_of(self, code: str) -> str:
        return {self.region: self.region_name, self.land: self.land_name, BUND: self.bund_name}.get(code, code)


def default_peers(*, region: str) -> tuple[tuple[str, ...], str]:
    """The default comparison districts and a label saying what they are.

    The districts of the same BBSR settlement structure type in the same Land plus the
    districts bordering ``region`` (in any Land), without ``region`` itself, sorted by key.
    Administration can replace them in the analysis settings.
    """
    land = regiondata.region_get(code=region[:2])
    land_name = land.name if land else region[:2]
    settlement = regiondata.spatial_types_of(region=region).get(SpatialTypology.SETTLEMENT_DISTRICT_TYPE)
    same_type: list[str] = []
    if settlement is not None:
        same_type = regiondata.regions_of_spatial_type(
            typology=SpatialTypology.SETTLEMENT_DISTRICT_TYPE, code=settlement[0], within=region[:2]
        )
    neighbours = regiondata.neighbours_of(region=region)
    peers = tuple(sorted({*same_type, *neighbours} - {region}))
    if not peers:
        return (), ""
    if settlement is not None and neighbours:
        label = _("districts of the type “%(type)s” in %(land)s and the neighbouring districts") % {
            "type": settlement[1],
            "land": land_name,
        }
    elif settlement is not None:
        label = _("districts of the type “%(type)s” in %(land)s") % {"type": settlement[1], "land": land_name}
    else:
        label = _("the neighbouring districts")
    return peers, label


def scope_for(*, process: StrategyProcess, reference_key: str) -> Scope:
    region: Region = process.region
    if region is None:
        raise Http404(_("This process has no district."))
    land = regiondata.region_get(code=region.code[:2])
    bund = regiondata.region_get(code=BUND)
    configured = settings_for(process=process).peer_codes
    if configured:
        peers = tuple(code for code in configured if code != region.code)
        label = _("selected comparison districts")
    else:
        peers, label = default_peers(region=region.code)
    return Scope(
        process_id=process.pk,
        region=region.code,
        region_name=region.name,
        land=region.code[:2],
        land_name=land.name if land else region.code[:2],
        bund_name=bund.name if bund else _("Germany"),
        peers=peers,
        peer_label=label,
        reference_key="bund" if reference_key == "bund" else "land",
    )


def analysis_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    """Every member: the published Standortanalyse of the process, to read."""
    if published_process() != process:
        return []
    return [
        MemberTask(
            title=_("Read the location analysis"),
            text=_("The economy of %(region)s compared with the Land, Germany and similar districts.")
            % {"region": process.region.name},
            url=reverse("standortanalyse:overview"),
            link_text=_("Location analysis"),
            order=40,
        )
    ]
