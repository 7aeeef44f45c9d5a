"""Reading the strategy, its versions and the published version's tree."""

from __future__ import annotations

from functools import lru_cache

from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Strategy, StrategyVersion
from standortkompass.strategy.selectors.tree import StrategyTree, tree_from_json


def strategy_of(process: StrategyProcess) -> Strategy | None:
    return Strategy.objects.filter(process=process).first()


@lru_cache(maxsize=32)
def _tree_of_version(version_pk: int, created_at: str) -> StrategyTree:
    # Keyed by id and creation time: a version's snapshot never changes, and a database that reuses ids
    # (SQLite in tests) does not hand out another version's tree.
    snapshot = StrategyVersion.objects.values_list("snapshot", flat=True).get(pk=version_pk)
    return tree_from_json(snapshot)


def version_tree(version: StrategyVersion) -> StrategyTree:
    return _tree_of_version(version.pk, version.created_at.isoformat())


def published_version(process: StrategyProcess) -> StrategyVersion | None:
    # The snapshot is read (once per version) by ``version_tree``; not with every lookup of the version.
    strategy = (
        Strategy.objects.filter(process=process)
        .select_related("published_version")
        .defer("published_version__snapshot")
        .first()
    )
    return strategy.published_version if strategy is not None else None


def published_tree(process: StrategyProcess) -> tuple[StrategyVersion, StrategyTree] | None:
    """The published version and its tree, or None while no version is published."""
    version = published_version(process)
    if version is None:
        return None
    return version, version_tree(version)


def clear_version_trees() -> None:
    """Forget the parsed trees (tests, which start each with an empty database)."""
    _tree_of_version.cache_clear()
