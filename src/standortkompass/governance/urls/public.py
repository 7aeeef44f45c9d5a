"""The public register: /beschluesse/."""

from django.urls import URLPattern, path

from standortkompass.governance.views import public

app_name = "governance"

urlpatterns: list[URLPattern] = [
    path("", public.register, name="register"),
    path("<int:pk>/", public.entry, name="entry"),
    path("dokumente/<int:pk>/", public.document, name="document"),
]
