"""How a figure reads on a page: as published, "(provisional)" or "(revised)" marked, and
"suppressed" where the source withheld it (a filter, not an include: pages show hundreds)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from groundwork.outcomes.models import Observation

register = template.Library()


@register.filter
def as_published(observation: Observation | None) -> SafeString | str:
    """The figure's text as published with its status; "—" where there is no figure."""
    if observation is None:
        return "—"
    if observation.status == Observation.Status.SUPPRESSED:
        return _("suppressed")
    if observation.status == Observation.Status.PROVISIONAL:
        return format_html('{} <span class="meta">{}</span>', observation.published,
                           _("(provisional)"))  # fmt: skip
    if observation.status == Observation.Status.REVISED:
        return format_html('{} <span class="meta">{}</span>', observation.published, _("(revised)"))
    return observation.published
