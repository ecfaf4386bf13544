"""`{% form_token %}`: the hidden one-time token of a create form (see core.idempotency).

A builtin (settings.TEMPLATES), so that adding it to a form is one line and no `{% load %}`.
"""

from django import template
from django.utils.safestring import SafeString

from groundwork.core.idempotency import token_field

register = template.Library()


@register.simple_tag
def form_token() -> SafeString:
    return token_field()
