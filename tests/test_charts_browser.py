"""The scorecard's chart axes as a browser draws them on a phone: no label is cut off.

:func:`msctool.render.charts.text_width` only estimates how wide a label is; here Chromium
measures every label of the demo's charts (English and Dutch) on a 390 px wide
screen and checks it lies inside the picture and clear of the plot. Skipped like
tests/test_site_browser.py when Chromium is missing (a failure with MSC_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

from typing import Any

import pytest

from helpers import demo
from msctool.render.scorecard import render_scorecard

MEASURE = """() => [...document.querySelectorAll('svg[role=img]')].flatMap(svg => {
  const width = svg.viewBox.baseVal.width, height = svg.viewBox.baseVal.height;
  const axes = svg.querySelector('g[aria-hidden=true]');
  const plotLeft = Number(axes.querySelector('line').getAttribute('x1'));
  return [...axes.querySelectorAll('text')].map(text => {
    const box = text.getBBox();
    const value = text.getAttribute('text-anchor') === 'end'
      && Number(text.getAttribute('x')) < plotLeft;
    return {chart: svg.getAttribute('aria-labelledby'), text: text.textContent,
            inside: box.x >= 0 && box.y >= 0
              && box.x + box.width <= width && box.y + box.height <= height,
            clear: !value || box.x + box.width < plotLeft};
  });
})"""


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_axis_label_fits_in_its_chart_on_a_phone(phone: Any, language: str) -> None:
    phone.set_content(render_scorecard(demo(language), "html"))
    labels = phone.evaluate(MEASURE)
    assert len(labels) >= 7 * 5  # 7 charts, each with 3 or more values and 2 dates
    assert [label for label in labels if not (label["inside"] and label["clear"])] == []
