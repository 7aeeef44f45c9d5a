"""Logging in through the real form (the fixture the management-area browser tests build on)."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_staff_log_in_through_the_form_and_reach_the_management_area(logged_in_page, public_site, axe_check):
    page = logged_in_page("editor")

    expect(page).to_have_url(re.compile(r"/verwaltung/"))
    expect(page.get_by_role("link", name="Mein Bereich")).to_be_visible()
    axe_check(page)


def test_the_session_cookie_is_not_readable_by_scripts(logged_in_page, public_site):
    page = logged_in_page("admin")

    session = next(cookie for cookie in page.context.cookies() if cookie["name"] == "sessionid")
    assert session["httpOnly"] is True
    assert session["sameSite"] == "Lax"
    assert session["expires"] == -1, "the session ends when the browser closes"


def test_a_wrong_password_shows_an_error_and_logs_nobody_in(page, public_site, users, axe_check):
    page.goto("/konto/anmelden/")
    page.locator('input[name="username"]').fill(users["admin"].email)
    page.locator('input[name="password"]').fill("falsches-passwort")
    page.locator('main form button[type="submit"]').click()

    expect(page).to_have_url(re.compile(r"/konto/anmelden/"))
    expect(page.get_by_role("alert").first).to_be_visible()
    assert "sessionid" not in {cookie["name"] for cookie in page.context.cookies()}
    axe_check(page)
