"""`{% field form.title %}`: a form's field in its `div`, with its label, help, errors and widget,
as templates/components/field.html draws it (written out in Python: core.forms)."""

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from groundwork.core.forms import field_html

register = template.Library()


@register.simple_tag
def field(bound_field: BoundField) -> SafeString:
    return field_html(bound_field)
