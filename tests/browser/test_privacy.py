"""A reader leaves no trace: no cookie, no local storage, no request to a third party."""

from __future__ import annotations

from urllib.parse import urlparse


def test_reading_the_site_sets_no_cookie_and_no_local_storage(page, public_site):
    for address in ["/", "/termine/", "/aktuelles/", f"/termine/{public_site.next_event.uid}/", "/en/"]:
        page.goto(address)

    assert page.context.cookies() == []
    assert page.evaluate("window.localStorage.length") == 0
    assert page.evaluate("window.sessionStorage.length") == 0


def test_every_file_a_page_needs_comes_from_the_site_itself(page, public_site, requests_made, live_server):
    page.goto("/")
    page.wait_for_load_state("networkidle")

    own_host = urlparse(live_server.url).netloc
    loaded = {urlparse(url).path for url in requests_made if urlparse(url).netloc == own_host}
    assert "/static/vendor/kern/kern.min.css" in loaded
    assert any(path.endswith(".woff2") for path in loaded), "the fonts are served by the site"
    assert all(urlparse(url).netloc == own_host for url in requests_made)


def test_sending_the_feedback_form_sets_only_the_csrf_cookie(page, public_site):
    page.goto("/barriere-melden/")

    assert [cookie["name"] for cookie in page.context.cookies()] == ["csrftoken"]
    cookie = page.context.cookies()[0]
    assert cookie["sameSite"] == "Lax"
