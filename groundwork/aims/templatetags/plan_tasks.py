"""An action plan's tasks, written in Python rather than with the template language: a big plan's
34 tasks, each with four translated phrases, two addresses, a CSRF field and a list of statuses,
were about half of the plan page's time (as the member list's rows were, groups/member_rows.py).
The same markup and the same phrases as the template they replace; each phrase is translated,
and each address reversed, once per page rather than once per task. Every value is escaped here.
"""

from collections.abc import Iterable
from datetime import date
from html import escape

from django import template
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from groundwork.aims.models import Task

register = template.Library()

# Stands for a task's id in an address reversed once (digits: the int converter).
MARKER = "9081726354"

ITEM = (
    '<li class="task task-{status}">\n'
    '              <span class="task-title">{title}</span>\n'
    '              <span class="status status-{status}">{label}</span>\n'
    '              <span class="meta">{owner}{due}</span>\n'
    "              {form}\n"
    "              {edit}\n"
    "            </li>"
)
FORM = (
    '<form method="post" action="{action}" class="task-status">{csrf}\n'
    '                  <label for="status-{pk}" class="visually-hidden">{status_of}</label>\n'
    '                  <select name="status" id="status-{pk}">\n'
    "                    {options}\n"
    "                  </select>\n"
    '                  <button type="submit" class="secondary">{update}</button>\n'
    "                </form>"
)


@register.simple_tag(takes_context=True)
def task_items(context, tasks: Iterable[Task]) -> SafeString:
    """An `<li>` for each task (with `can_move` set, queries.action_plan_for): its title, status,
    owner and due day, the form that moves it along if the reader may, and its edit link if
    they may change the plan (`can_change` in the page's context)."""
    phrases = _Phrases(context)
    return mark_safe("\n            ".join(_item(task, phrases) for task in tasks))  # noqa: S308


class _Phrases:
    """What every task shares, escaped once: phrases, addresses, the CSRF field, the statuses."""

    def __init__(self, context) -> None:
        self.slug = context["group"].slug
        self.can_change = bool(context.get("can_change"))
        token = escape(str(context["csrf_token"]))
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        self.statuses = [(value, escape(str(label))) for value, label in Task.Status.choices]
        self.labels = dict(self.statuses)
        self.no_owner = escape(_("No owner yet"))
        self.due = _("due %(date)s")
        self.status_of = _("Status of “%(title)s”")
        self.update = _('Update<span class="visually-hidden"> “%(title)s”</span>')
        self.edit = _('Edit<span class="visually-hidden"> “%(title)s”</span>')
        # "j M Y", as the date filter writes it in the language of the page.
        self.months = {number: str(month).title() for number, month in MONTHS_3.items()}
        self.move_link = reverse("aims:task_status", args=[MARKER])
        self.edit_link = reverse("aims:task_edit", args=[self.slug, MARKER])

    def link(self, pattern: str, view_name: str, args: list) -> str:
        """A task's address: the page's one with the task's id put in (reversed afresh if the
        group's slug happens to hold the marker too)."""
        if pattern.count(MARKER) == 1:
            return escape(pattern.replace(MARKER, str(args[-1])))
        return escape(reverse(view_name, args=args))

    def day(self, day: date) -> str:
        return f"{day.day} {self.months[day.month]} {day.year}"

    def options(self, current: str) -> str:
        return "".join(
            f'<option value="{value}"{" selected" if value == current else ""}>{label}</option>'
            for value, label in self.statuses
        )


def _item(task: Task, phrases: _Phrases) -> str:
    title = escape(task.title)
    status = escape(task.status)
    owner = escape(task.owner.name) if task.owner else phrases.no_owner
    due = " · " + phrases.due % {"date": phrases.day(task.due_on)} if task.due_on else ""
    form = ""
    if getattr(task, "can_move", False):
        form = FORM.format(
            action=phrases.link(phrases.move_link, "aims:task_status", [task.pk]),
            csrf=phrases.csrf,
            pk=task.pk,
            status_of=phrases.status_of % {"title": title},
            options=phrases.options(task.status),
            update=phrases.update % {"title": title},
        )
    edit = ""
    if phrases.can_change:
        link = phrases.link(phrases.edit_link, "aims:task_edit", [phrases.slug, task.pk])
        edit = f'<a href="{link}">{phrases.edit % {"title": title}}</a>'
    label = phrases.labels.get(task.status, status)
    return ITEM.format(
        status=status, title=title, label=label, owner=owner, due=due, form=form, edit=edit
    )
