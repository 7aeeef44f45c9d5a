from django import template
from django.http import HttpRequest
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def url_in_language(context: template.Context, language: str) -> str:
    """The current page's address in another language (``/termine/`` ↔ ``/en/termine/``)."""
    request: HttpRequest | None = context.get("request")
    if request is None:
        return "/"
    url = translate_url(request.get_full_path(), language)
    return url
