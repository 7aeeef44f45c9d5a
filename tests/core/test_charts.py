"""The chart kit shared by the Standortanalyse and the survey results (core.charts)."""

from __future__ import annotations

import json
import re

from django.template import Context, Template

from standortkompass.core.charts import FONT, VEGA_LITE_SCHEMA, spec_json, spec_script, vega_lite_spec


def test_every_chart_starts_from_the_same_frame_and_may_add_to_its_axes():
    spec = vega_lite_spec("Employees by year", axis={"labelLimit": 360})

    assert spec["$schema"] == VEGA_LITE_SCHEMA
    assert spec["description"] == "Employees by year"
    assert spec["width"] == "container"
    assert spec["config"]["font"] == FONT
    assert spec["config"]["axis"]["labelLimit"] == 360
    assert spec["config"]["axis"]["labelFontSize"] == 12


def test_a_spec_is_embedded_as_a_json_data_block_that_nothing_in_it_can_close():
    text = spec_json({"description": "</script><script>alert(1)</script> & Ä"})

    block = str(spec_script(text, "chart-spec"))

    found = re.fullmatch(r'<script id="chart-spec" type="application/json">(.*)</script>', block, re.S)
    assert found is not None
    assert "<" not in found.group(1)
    assert "&" not in found.group(1)
    assert json.loads(found.group(1)) == {"description": "</script><script>alert(1)</script> & Ä"}


def test_the_template_tag_writes_the_same_data_block():
    text = spec_json({"mark": "bar"})

    html = Template("{% load charts %}{% chart_spec text 'x-spec' %}").render(Context({"text": text}))

    assert html == str(spec_script(text, "x-spec"))
