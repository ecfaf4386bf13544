"""The member list's rows, written in Python rather than with the template language: 50 rows of
five cells and two forms were most of the page's time at national scale, 7 of its 15 ms of CPU
(as the directory's cards were, `group_cards.py`). The same markup and the same translated
phrases as the template they replace; each phrase is translated and escaped, and each form's
address reversed, once per page rather than once per row."""

from collections.abc import Iterable
from html import escape
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from groundwork.core.written import day_month_year, page_link
from groundwork.groups.models import Membership
from groundwork.members.models import shown_name

register = template.Library()

ROW = (
    "<tr>\n      <td>{name}{pronouns}</td>\n      <td>{email}</td>\n      <td>{role}</td>\n"
    '      <td>{joined}</td>\n      <td class="actions">{forms}</td>\n    </tr>'
)
FORMS = (
    '\n        <form method="post" action="{role_link}" class="inline">{csrf}\n'
    '          <input type="hidden" name="role" value="{new_role}"><button type="submit" '
    'class="secondary">{change}</button>\n        </form>\n'
    '        <form method="post" action="{remove_link}" class="inline">{csrf}\n'
    '          <button type="submit" class="danger" aria-label="{remove_name}">{remove}</button>\n'
    "        </form>\n      "
)


@register.simple_tag(takes_context=True)
def member_rows(context, rows: Iterable[dict[str, Any]]) -> SafeString:
    """A `<tr>` for each row of the list (queries.MEMBER_ROW): name and pronouns if shown, email
    if shared with organisers, role, joining day, and the forms that change the role and remove
    the member (not on the viewer's own row). Every value is escaped here."""
    phrases = _Phrases(context)
    return mark_safe("\n    ".join(_row(row, phrases) for row in rows))


class _Phrases:
    """What every row shares, escaped once: translated phrases, addresses, the CSRF field."""

    def __init__(self, context) -> None:
        self.slug = context["group"].slug
        self.viewer_id = context["user"].pk
        token = escape(str(context["csrf_token"]))
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        self.roles = {role: escape(str(label)) for role, label in Membership.Role.choices}
        self.not_shared = f'<span class="meta">{escape(_("not shared"))}</span>'
        self.make_member = escape(_("Make member"))
        self.make_organiser = escape(_("Make organiser"))
        self.remove = escape(_("Remove"))
        self.remove_name = _("Remove %(name)s")

    def link(self, view_name: str, pk: int) -> str:
        """The address of a form of the row (the route reversed once per process)."""
        return escape(page_link(view_name, slug=self.slug, pk=pk))


def _row(row: dict[str, Any], phrases: _Phrases) -> str:
    name = shown_name(row["user__display_name"], row["user__email"], row["user__erased_at"])
    pronouns = row["user__profile__pronouns"]
    shown = pronouns and row["user__profile__show_pronouns"]
    shared = row["user__profile__allow_organiser_contact"]
    return ROW.format(
        name=escape(name),
        pronouns=f" ({escape(pronouns)})" if shown else "",
        email=escape(row["user__email"]) if shared else phrases.not_shared,
        role=phrases.roles.get(row["role"]) or escape(row["role"]),
        joined=day_month_year(localtime(row["joined_at"])),
        forms="" if row["user_id"] == phrases.viewer_id else _forms(row, name, phrases),
    )


def _forms(row: dict[str, Any], name: str, phrases: _Phrases) -> str:
    """Make organiser (or member again), and remove."""
    organiser = row["role"] == Membership.Role.ORGANISER
    return FORMS.format(
        role_link=phrases.link("groups:change_role", row["pk"]),
        csrf=phrases.csrf,
        new_role="member" if organiser else "organiser",
        change=phrases.make_member if organiser else phrases.make_organiser,
        remove_link=phrases.link("groups:remove_member", row["pk"]),
        remove_name=escape(phrases.remove_name % {"name": name}),
        remove=phrases.remove,
    )
