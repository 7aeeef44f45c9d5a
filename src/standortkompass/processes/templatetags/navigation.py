"""``{% public_navigation as entries %}``: the main navigation's entries contributed by the apps, shown now."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.urls import reverse

from standortkompass.processes.navigation import shown_entries

register = template.Library()


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str


@register.simple_tag
def public_navigation() -> list[NavLink]:
    return [NavLink(str(entry.label), reverse(entry.url_name)) for entry in shown_entries()]
