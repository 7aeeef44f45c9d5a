"""The strategy in the management area, under /verwaltung/<id>/strategie/."""

from standortkompass.strategy.urls import editing, versions

app_name = "strategy_manage"

urlpatterns = [*editing.urlpatterns, *versions.urlpatterns]
