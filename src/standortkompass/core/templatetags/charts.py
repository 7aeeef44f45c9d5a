"""``{% chart_spec spec_text element_id %}``: a chart's spec as a JSON data block (see ``core.charts``)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from standortkompass.core.charts import spec_script

register = template.Library()


@register.simple_tag
def chart_spec(spec_text: str, element_id: str) -> SafeString:
    return spec_script(spec_text, element_id)
