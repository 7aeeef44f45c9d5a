from typing import Any

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, reverse
from django.views.static import serve
from django_otp.admin import OTPAdminSite

from standortkompass.core import views as core_views


class AdminSite(OTPAdminSite):  # type: ignore[misc]  # django-otp ships no types
    """The Django admin (for technical operators) also asks for the second factor.

    Its own log-in form is not used: operators log in through the site's log-in, which holds the
    rate limits and checks the second factor against the locked device row (a TOTP code is
    accepted once, also under concurrency). A second form would bypass both.
    """

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        next_url = request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index", current_app=self.name)
        user: Any = request.user
        if not user.is_authenticated:
            return redirect_to_login(next_url, login_url=reverse("accounts:login"))
        if not user.is_verified():
            return redirect_to_login(next_url, login_url=reverse("accounts:second_factor"))
        raise PermissionDenied  # logged in with the second factor, but no operator (is_staff)


admin.site.__class__ = AdminSite

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("api/", include("standortkompass.api.urls")),  # the open-data API (no language prefix)
    path("", include("standortkompass.processes.urls.feeds")),
]

urlpatterns += i18n_patterns(
    path("konto/", include("standortkompass.accounts.urls.public")),
    path("verwaltung/<int:process_pk>/standortanalyse/", include("standortkompass.standortanalyse.urls.manage")),
    path("verwaltung/<int:process_pk>/befragungen/", include("standortkompass.surveys.urls.manage")),
    path("verwaltung/<int:process_pk>/strategie/", include("standortkompass.strategy.urls.manage")),
    path("verwaltung/<int:process_pk>/gremienarbeit/", include("standortkompass.governance.urls.manage")),
    path("verwaltung/<int:process_pk>/umsetzung/", include("standortkompass.monitoring.urls.manage")),
    path("verwaltung/<int:process_pk>/werkstaetten/", include("standortkompass.workshops.urls.manage")),
    path("verwaltung/", include("standortkompass.processes.urls.manage")),
    path("standortanalyse/", include("standortkompass.standortanalyse.urls.public")),
    path("befragung/", include("standortkompass.surveys.urls.public")),
    path("", include("standortkompass.strategy.urls.public")),
    path("beschluesse/", include("standortkompass.governance.urls.public")),
    path("umsetzung/", include("standortkompass.monitoring.urls.public")),
    path("mitmachen/", include("standortkompass.workshops.urls.public")),
    path("", include("standortkompass.processes.urls.public")),
    prefix_default_language=False,
)

# The error pages in the site's layout (also for DEBUG off; Django's bare pages are English and unstyled).
handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

if settings.DEBUG:
    # Only the public uploads (MEDIA_ROOT/site/); imports waiting for confirmation and board documents stay private.
    urlpatterns += [path("media/site/<path:path>", serve, {"document_root": settings.MEDIA_ROOT / "site"})]
