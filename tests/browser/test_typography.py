"""Typography of tables at 1280 px: no word broken across lines, numbers right-aligned in figures of one width,
a percent sign on its number's line (issue 11 §5).

Management tables (members, invitations, actors, audit log, surveys, distribution, results) and the
Standortanalyse tables are checked in the browser: for every word of every cell, the word's Range has its
client rectangles on one line (a word split "Anonymit|ät" has two); words are split at ordinary spaces and
after hyphens and slashes, where a line may break; a no-break space joins a number and its "%".
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from standortanalyse.test_pages import build_statistics, publish
from standortkompass.accounts.models import Role
from standortkompass.accounts.services.invitations import invitation_create
from surveys.test_answering import invite

WIDE = {"width": 1280, "height": 900}

TYPOGRAPHY = r"""() => {
  const found = {cells: 0, broken: [], numbers: [], percents: []};
  const lines = (range) => new Set(
    [...range.getClientRects()].filter((box) => box.width > 0).map((box) => Math.round(box.top))
  ).size;
  const range = (node, start, end) => {
    const result = document.createRange();
    result.setStart(node, start);
    result.setEnd(node, end);
    return result;
  };
  // a figure, a share, a range of them or a count with its share: "1.234", "17,8 %", "14,2 – 40,2 %", "3 (20,0 %)"
  const figure = String.raw`[−+\-]?\d[\d.,]*(?:[ \u00a0\u202f]?%)?`;
  const number = new RegExp(String.raw`^${figure}(?:[ \u00a0\u202f]?[–\-][ \u00a0\u202f]?${figure})?(?: \(.*\))?$`);
  const date = /^\d{1,2}\.\d{1,2}\.\d{2,4}/;
  for (const cell of document.querySelectorAll('main table.kern-table th, main table.kern-table td')) {
    if (cell.closest('.kern-sr-only, caption') || cell.getClientRects().length === 0) continue;
    found.cells += 1;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.kern-sr-only') || node.parentElement.getClientRects().length === 0) continue;
      const text = node.textContent;
      for (const word of text.matchAll(/[^ \t\n\r\-\/]+[\-\/]?/g)) {
        if (lines(range(node, word.index, word.index + word[0].length)) > 1) found.broken.push(word[0]);
      }
      for (const sign of text.matchAll(/\d[ \t\n\r\u00a0\u202f]*%/g)) {
        const together = lines(range(node, sign.index, sign.index + sign[0].length)) === 1;
        if (!together) found.percents.push(JSON.stringify(text.trim()));
      }
    }
    const own = cell.innerText.trim();
    if (cell.tagName === 'TD' && number.test(own) && !date.test(own)) {
      const style = getComputedStyle(cell);
      const right = style.textAlign === 'right' || style.textAlign === 'end';
      if (!right || !style.fontVariantNumeric.includes('tabular-nums')) {
        found.numbers.push(`${own} (${style.textAlign}, ${style.fontVariantNumeric})`);
      }
      // a figure's "%" follows a no-break space (texts of the questionnaire, "unter 2 %", are the author's)
      if (/\d[ \t\n\r]+%/.test(own)) found.percents.push(JSON.stringify(own));
    }
  }
  return found;
}"""


def assert_typography(page: Page, name: str) -> None:
    found = page.evaluate(TYPOGRAPHY)
    assert found["cells"] > 0, f"{name}: no table found"
    assert not found["broken"], f"{name}: words broken across lines: {sorted(set(found['broken']))[:20]}"
    assert not found["numbers"], f"{name}: numbers not right-aligned in tabular figures: {found['numbers'][:10]}"
    assert not found["percents"], f"{name}: a percent sign apart from its number: {found['percents'][:10]}"


def test_management_tables_break_no_word_and_align_their_numbers(logged_in_page, public_site, users):
    process = public_site.process
    # Long compounds and addresses as they occur: they widen their column (and the table scrolls), never break.
    invitation_create(
        process=process,
        email="geschaeftsfuehrung.wirtschaftsfoerderungsgesellschaft@landkreis-ludwigsburg.example",
        role=Role.PARTNER,
        full_name="Maximiliane Wirtschaftsförderungsbeauftragte",
        invited_by=users["admin"],
    )
    page = logged_in_page("admin")
    page.set_viewport_size(WIDE)
    for address in ["mitglieder/", "mitglieder/einladungen/", "akteure/", "protokoll/", "termine/"]:
        page.goto(f"/verwaltung/{process.pk}/{address}")
        assert_typography(page, "manage " + address)


SURVEY_TABLES = [
    "",
    "{survey}/versand/",
    "{survey}/versand/einladungen/",
    "{survey}/ergebnisse/",
    "{survey}/ergebnisse/frage/groessenklasse/",
    "{survey}/ergebnisse/frage/gemeinde/",
    "{survey}/ergebnisse/frage/wf_prioritaeten/",
    "{survey}/ergebnisse/frage/beschaeftigte/",
    "{survey}/ergebnisse/kreuztabelle/?zeile=fk_stellenbesetzung&spalte=groessenklasse",
]


def test_survey_list_distribution_and_results_tables_break_no_word(logged_in_page, public_site):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=60)
    invite(survey, public_site.process)  # the distribution's tables need an invitation
    page = logged_in_page("admin")
    page.set_viewport_size(WIDE)
    base = f"/verwaltung/{public_site.process.pk}/befragungen/"
    for address in SURVEY_TABLES:
        page.goto(base + address.format(survey=survey.pk))
        assert_typography(page, "survey " + address.format(survey=survey.pk))


@pytest.fixture
def analysis(transactional_db, process, regions):
    build_statistics(regions)
    publish(process)
    return process


@pytest.mark.parametrize(
    "address",
    [
        "/standortanalyse/",
        "/standortanalyse/wirtschaftsstruktur/",
        "/standortanalyse/dynamik/",
        "/standortanalyse/arbeitsmarkt/",
        "/standortanalyse/karten/",
    ],
)
def test_standortanalyse_tables_break_no_word_and_align_their_numbers(page, analysis, address):
    page.set_viewport_size(WIDE)
    page.goto(address)
    for figure in page.locator(".analysis-figure").all():
        expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)
    # The data tables sit behind disclosures: open them all so that their cells are laid out.
    page.evaluate("() => document.querySelectorAll('main details').forEach((details) => { details.open = true; })")
    assert_typography(page, address)
