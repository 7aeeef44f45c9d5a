"""The open-data API: ``/api/v1/…`` and its OpenAPI document ``/api/openapi.json`` (docs/api.md).

django-ninja's interactive documentation page is switched off: it loads Swagger UI from a third-party
server, which the Content-Security-Policy and the rule "nothing from third-party servers" forbid. The
OpenAPI document is there for any viewer or client generator.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from standortkompass.api.responses import with_caching_headers
from standortkompass.api.views import implementation, processes, statistics, strategy
from standortkompass.api.views.common import NotFoundError, handle_not_found

DESCRIPTION = """Read-only open data of the Zukunftsstrategie: processes, phases, public dates, news, public
boards, the published strategy with its evidence, projects with their live status, the boards' public
recommendations and decisions, the monitoring (reports, indicators over time), and the published indicators of the
Standortanalyse. Every answer carries the licence and attribution of its data in `meta`, `ETag` and `Last-Modified`
(conditional requests are answered with 304); lists are paginated (`limit`, `offset`, total `count`) and come as
CSV with `format=csv`. No personal data. `current` in place of a process's short name stands for the process the
home page shows."""

api = NinjaAPI(
    title="Standortkompass Open Data API",
    version="1",
    description=DESCRIPTION,
    openapi_url="/openapi.json",
    docs_url=None,
    docs_decorator=with_caching_headers,
    urls_namespace="api",
)
api.add_exception_handler(NotFoundError, handle_not_found)
api.add_router("v1/", processes.router)
api.add_router("v1/", strategy.router)
api.add_router("v1/", statistics.router)
api.add_router("v1/", implementation.router)

app_name = "api"
urlpatterns: list[URLPattern | URLResolver] = api.urls[0]
