"""The documentation, exports and hand-over of held workshops, included by ``urls/manage.py`` (mounted at
``verwaltung/<int:process_pk>/werkstaetten/``, namespace ``workshops_manage``)."""

from django.urls import URLPattern, path

from standortkompass.workshops.views import documentation, exports

urlpatterns: list[URLPattern] = [
    path("dokumentation/", documentation.documentations, name="documentations"),
    path("sitzung/<int:session_pk>/dokumentation/", documentation.documentation, name="documentation"),
    path("sitzung/<int:session_pk>/export.csv", exports.export_csv, name="export_csv"),
    path("sitzung/<int:session_pk>/export.xlsx", exports.export_xlsx, name="export_xlsx"),
    path("sitzung/<int:session_pk>/uebergabe/<int:item_pk>/", documentation.handover, name="handover"),
]
