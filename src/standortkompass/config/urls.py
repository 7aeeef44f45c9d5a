from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from django_otp.admin import OTPAdminSite

from standortkompass.core import views as core_views

# The Django admin (for technical operators) also asks for the second factor.
admin.site.__class__ = OTPAdminSite

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("", include("standortkompass.processes.urls.feeds")),
]

urlpatterns += i18n_patterns(
    path("konto/", include("standortkompass.accounts.urls.public")),
    path("verwaltung/<int:process_pk>/standortanalyse/", include("standortkompass.standortanalyse.urls.manage")),
    path("verwaltung/<int:process_pk>/befragungen/", include("standortkompass.surveys.urls.manage")),
    path("verwaltung/", include("standortkompass.processes.urls.manage")),
    path("standortanalyse/", include("standortkompass.standortanalyse.urls.public")),
    path("befragung/", include("standortkompass.surveys.urls.public")),
    path("", include("standortkompass.processes.urls.public")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
