"""`{% navigation %}`: the site's header and navigation, drawn once per process for each kind of
reader and kept in memory, with the two parts that differ per request put in each time.

Drawn by the template engine, the header cost about 1 ms of every page (15 links reversed, 26
phrases translated), a quarter of the framework ceiling's whole request. What it shows depends
only on the language, the site's name, whether the reader is signed in and whether they
coordinate the alliance; the bell (their unread count) and the sign-out form's CSRF token are
the only parts of one person's, and are drawn for each request. With DEBUG on it is drawn
every time, so that an edited template shows at once.
"""

from django import template
from django.conf import settings
from django.template.context import Context
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

TEMPLATE = "components/navigation.html"
BELL_TEMPLATE = "notifications/_bell.html"
# Stand-ins for the per-request parts while the kept copy is drawn: characters no template writes.
BELL = "\x00bell\x00"
CSRF_INPUT = "\x00csrf\x00"

_kept: dict[tuple, str] = {}


@register.simple_tag(takes_context=True)
def navigation(context: Context) -> SafeString:
    """The header, as `components/navigation.html` draws it for this reader."""
    user = context.get("user")
    signed_in = bool(user is not None and user.is_authenticated)
    coordinator = bool(signed_in and context.get("is_coordinator"))
    key = (get_language(), get_script_prefix(), context.get("site_name"), signed_in, coordinator)
    kept = _kept.get(key)
    if kept is None:
        engine = context.template.engine  # type: ignore[union-attr]
        with context.push(bell=mark_safe(BELL), csrf_input=mark_safe(CSRF_INPUT)):
            kept = engine.get_template(TEMPLATE).render(context)
        if not settings.DEBUG:
            _kept[key] = kept
    if not signed_in:
        return mark_safe(kept)  # noqa: S308 (drawn by the template engine, which escaped it)
    bell = context.template.engine.get_template(BELL_TEMPLATE).render(context)  # type: ignore[union-attr]
    # As Django's {% csrf_token %} writes it (nothing without a request to take a token from).
    csrf_token = context.get("csrf_token")
    token = ""
    if csrf_token and csrf_token != "NOTPROVIDED":
        token = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', csrf_token
        )
    return mark_safe(kept.replace(BELL, bell).replace(CSRF_INPUT, token))  # noqa: S308
