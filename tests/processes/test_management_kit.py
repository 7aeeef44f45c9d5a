"""The helpers every management view shares (processes.views.kit)."""

from __future__ import annotations

from django.test import RequestFactory

from standortkompass.processes.views.kit import PAGE_SIZE, paginate, query_string, query_without_page


def test_a_list_page_holds_twenty_items_and_seite_chooses_the_page():
    request = RequestFactory().get("/", {"seite": "2"})

    page = paginate(request, list(range(45)))

    assert PAGE_SIZE == 20
    assert page.number == 2
    assert list(page.object_list) == list(range(20, 40))
    assert page.paginator.num_pages == 3


def test_a_page_beyond_the_end_or_not_a_number_shows_the_last_or_the_first_page():
    assert paginate(RequestFactory().get("/", {"seite": "99"}), list(range(45))).number == 3
    assert paginate(RequestFactory().get("/", {"seite": "zwei"}), list(range(45))).number == 1


def test_the_filter_is_kept_across_the_pages_and_the_page_is_not():
    request = RequestFactory().get("/", {"q": "Muster", "typ": "", "seite": "3"})

    assert query_without_page(request) == "q=Muster&typ="
    assert query_string(q="Muster", typ="") == "q=Muster"
