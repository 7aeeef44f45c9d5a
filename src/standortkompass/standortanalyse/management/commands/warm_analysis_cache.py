from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from standortkompass.standortanalyse.cache import published_analysis_cache_warm


class Command(BaseCommand):
    help = (
        "Compute and cache the figures and charts of the published Standortanalyse for the current data version "
        "(every page, Land and Bund as reference, every language), so the first visitors after an import do not "
        "wait. Useful with a cache shared by the server processes (REDIS_URL); a local-memory cache lives only in "
        "this command's process."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = published_analysis_cache_warm()
        if report is None:
            self.stdout.write("No published Standortanalyse: nothing to warm.")
            return
        self.stdout.write(f"Standortanalyse cache warmed: {report.pages} pages in {report.seconds:.2f} s.")
        if "locmem" in settings.CACHES["default"]["BACKEND"].lower():
            self.stdout.write(
                "The cache is local memory: the warmed entries end with this command (set REDIS_URL to share them)."
            )
