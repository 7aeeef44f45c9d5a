"""The project's URLs and ``/bare/``: one row inserted per POST, nothing else."""

from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

TABLE = "bench_bare_row"


@csrf_exempt
def bare(request: HttpRequest) -> HttpResponse:
    """Insert the posted body as one row (the table is made by bench/survey_load.py) and redirect."""
    if request.method != "POST":
        return HttpResponse(status=405)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (payload) VALUES (%s)", [request.body.decode()])  # noqa: S608
    return HttpResponse(status=302, headers={"Location": "/bare/"})


from standortkompass.config.urls import urlpatterns as project_urlpatterns  # noqa: E402

urlpatterns = [path("bare/", bare), *project_urlpatterns]
