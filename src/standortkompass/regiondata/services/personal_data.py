"""The personal data of the regiondata app: who imported which statistics (registered in ``RegiondataConfig.ready``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from standortkompass.accounts import personal_data
from standortkompass.accounts.personal_data import Person, Record, fields_of
from standortkompass.regiondata.models import ImportBatch


def _imports(person: Person) -> list[Record]:
    if person.user is None:
        return []
    batches = ImportBatch.objects.filter(imported_by=person.user).order_by("imported_at", "pk")
    return [fields_of(batch, ["file_name", "source_table", "imported_at"]) for batch in batches]


def _imports_erase(person: Person) -> int:
    if person.user is None:
        return 0
    return ImportBatch.objects.filter(imported_by=person.user).update(imported_by=None)


def register_personal_data() -> None:
    personal_data.register(
        "regiondata.imports",
        label=_("Statistics imported by the person"),
        effect=_("kept without the person"),
        collect=_imports,
        erase=_imports_erase,
    )
