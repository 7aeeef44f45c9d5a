"""The helpers every management view shares (processes.views.kit)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from standortkompass.processes.views.kit import (
    PAGE_SIZE,
    Saved,
    paginate,
    query_string,
    query_without_page,
    save_form,
)


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


class _NameForm(forms.Form):
    name = forms.CharField()


class _Service:
    """A service call that records its calls and returns or raises what it is given."""

    def __init__(self, result: object = None, error: ValidationError | None = None) -> None:
        self.result = result
        self.error = error
        self.calls: list[dict[str, object]] = []

    def __call__(self, form: forms.BaseForm) -> object:
        self.calls.append(dict(form.cleaned_data))
        if self.error is not None:
            raise self.error
        return self.result


def _posted(data: dict[str, str]) -> tuple[HttpRequest, _NameForm]:
    request = RequestFactory().post("/", data)
    return request, _NameForm(request.POST or None)


def test_a_posted_valid_form_is_saved_and_gives_what_the_service_returned():
    request, form = _posted({"name": "Rathaus"})
    service = _Service(result="the new object")

    saved = save_form(request, form, lambda: service(form))

    assert saved == Saved("the new object")
    assert service.calls == [{"name": "Rathaus"}]


def test_a_service_that_returns_nothing_still_counts_as_saved():
    request, form = _posted({"name": "Rathaus"})

    saved = save_form(request, form, lambda: None)

    assert saved == Saved(None)
    assert saved


def test_a_get_request_calls_no_service_and_validates_nothing():
    request = RequestFactory().get("/", {"name": "Rathaus"})
    form = _NameForm(request.GET)
    service = _Service()

    assert save_form(request, form, lambda: service(form)) is None
    assert service.calls == []
    assert form._errors is None  # not validated


def test_an_invalid_form_calls_no_service():
    request, form = _posted({"name": ""})
    service = _Service()

    assert save_form(request, form, lambda: service(form)) is None
    assert service.calls == []
    assert "name" in form.errors


def test_a_service_error_naming_a_field_stands_at_that_field():
    request, form = _posted({"name": "Rathaus"})
    service = _Service(error=ValidationError({"name": "The name is taken."}))

    assert save_form(request, form, lambda: service(form)) is None
    assert service.calls == [{"name": "Rathaus"}]
    assert form.errors["name"] == ["The name is taken."]
    assert form.non_field_errors() == []


def test_a_service_error_naming_no_field_stands_above_the_form():
    request, form = _posted({"name": "Rathaus"})
    service = _Service(error=ValidationError("The process is closed."))

    assert save_form(request, form, lambda: service(form)) is None
    assert form.non_field_errors() == ["The process is closed."]
    assert "name" not in form.errors
