from django import template

from groundwork.core.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Render a member's markdown safely (see core.markdown)."""
    return render_markdown(text)
