"""An action plan's objectives, goals and tasks, written in Python rather than with the template
language: a big plan's 34 tasks, each with four translated phrases, two addresses, a CSRF field
and a list of statuses, were about half of the plan page's time (as the member list's rows were,
groups/member_rows.py), and the loops over objectives and goals around them most of the rest.
The same markup and the same phrases as the template they replace; each phrase is translated,
and each address reversed, once per page rather than once per row (core/written.py). Every value is escaped here.
"""

from collections.abc import Iterable
from html import escape

from django import template
from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from groundwork.aims.models import Task
from groundwork.aims.queries import PlannedGoal, PlannedObjective, PlannedTask
from groundwork.core.written import day_month_year, page_link

register = template.Library()

OBJECTIVE = (
    '\n  <section class="panel plan-objective" aria-labelledby="adoption-{pk}">\n'
    '    <h2 id="adoption-{pk}">{number}. {title}</h2>\n'
    "    {note}\n"
    "    {goals}\n"
    "    {add_goal}\n"
    "  </section>\n"
)
GOAL = (
    '\n      <div class="goal">\n'
    "        <h3>{title}</h3>\n"
    "        {edit}\n"
    "        {description}\n"
    "        {tasks}\n"
    "        {add_task}\n"
    "      </div>\n"
    "    "
)
TASKS = '\n        <ul class="tasks">\n            {items}\n        </ul>\n        '
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
def action_plan(context, objectives: Iterable[PlannedObjective]) -> SafeString:
    """A `<section>` for each objective the group adopted (queries.action_plan_for), with its
    goals and their tasks: each task's title, status, owner and due day, the form that moves it
    along if the reader may, and the links that change the plan if they may (`can_change` in the
    page's context); a sentence saying so if there is none."""
    phrases = _Phrases(context)
    drawn = "".join(_objective(objective, phrases) for objective in objectives)
    if not drawn:
        group = escape(context["group"].name)
        sentence = _("%(group)s has not adopted any objectives yet.") % {"group": group}
        drawn = f"\n  <p>{sentence}</p>\n"
    return mark_safe(drawn)  # noqa: S308


class _Phrases:
    """What every row shares, escaped once: phrases, addresses, the CSRF field, the statuses."""

    def __init__(self, context) -> None:
        self.slug = context["group"].slug
        self.can_change = bool(context.get("can_change"))
        token = escape(str(context["csrf_token"]))
        self.csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        self.statuses = [(value, escape(str(label))) for value, label in Task.Status.choices]
        self.labels = dict(self.statuses)
        self.no_owner = escape(_("No owner yet"))
        self.no_goals = '\n      <p class="meta">' + escape(_("No goals yet.")) + "</p>\n    "
        self.no_tasks = '<p class="meta">' + escape(_("No tasks yet.")) + "</p>"
        self.due = _("due %(date)s")
        self.status_of = _("Status of “%(title)s”")
        self.update = _('Update<span class="visually-hidden"> “%(title)s”</span>')
        self.edit = _('Edit<span class="visually-hidden"> “%(title)s”</span>')
        self.edit_goal = _('Edit the goal<span class="visually-hidden"> “%(title)s”</span>')
        self.add_task = _("Add a task to “%(title)s”")
        self.add_goal = _("Add a goal for objective %(number)s")

    def link(self, view_name: str, pk: int) -> str:
        """The address of the plan's page `view_name` for the row `pk`, escaped."""
        return escape(page_link(view_name, slug=self.slug, pk=pk))

    def options(self, current: str) -> str:
        return "".join(
            f'<option value="{value}"{" selected" if value == current else ""}>{label}</option>'
            for value, label in self.statuses
        )


def _objective(objective: PlannedObjective, phrases: _Phrases) -> str:
    # The template wrote the number as {{ number }} does: localised.
    number = escape(number_format(objective.number))
    add_goal = ""
    if phrases.can_change:
        link = phrases.link("aims:goal_create", objective.pk)
        add_goal = f'<p><a href="{link}">{phrases.add_goal % {"number": number}}</a></p>'
    return OBJECTIVE.format(
        pk=objective.pk,
        number=number,
        title=escape(objective.title),
        note=f"<p>{escape(objective.note)}</p>" if objective.note else "",
        goals="".join(_goal(goal, phrases) for goal in objective.goals) or phrases.no_goals,
        add_goal=add_goal,
    )


def _goal(goal: PlannedGoal, phrases: _Phrases) -> str:
    title = escape(goal.title)
    edit = add_task = ""
    if phrases.can_change:
        link = phrases.link("aims:goal_edit", goal.pk)
        edit = f'<p class="meta"><a href="{link}">{phrases.edit_goal % {"title": title}}</a></p>'
        link = phrases.link("aims:task_create", goal.pk)
        add_task = f'<p><a href="{link}">{phrases.add_task % {"title": title}}</a></p>'
    tasks = phrases.no_tasks
    if goal.tasks:
        items = "\n            ".join(_task(task, phrases) for task in goal.tasks)
        tasks = TASKS.format(items=items)
    return GOAL.format(
        title=title,
        edit=edit,
        description=f"<p>{escape(goal.description)}</p>" if goal.description else "",
        tasks=tasks,
        add_task=add_task,
    )


def _task(task: PlannedTask, phrases: _Phrases) -> str:
    title = escape(task.title)
    status = escape(task.status)
    owner = escape(task.owner) if task.owner is not None else phrases.no_owner
    due = " · " + phrases.due % {"date": day_month_year(task.due_on)} if task.due_on else ""
    form = ""
    if task.can_move:
        form = FORM.format(
            action=escape(page_link("aims:task_status", pk=task.pk)),
            csrf=phrases.csrf,
            pk=task.pk,
            status_of=phrases.status_of % {"title": title},
            options=phrases.options(task.status),
            update=phrases.update % {"title": title},
        )
    edit = ""
    if phrases.can_change:
        link = phrases.link("aims:task_edit", task.pk)
        edit = f'<a href="{link}">{phrases.edit % {"title": title}}</a>'
    label = phrases.labels.get(task.status, status)
    return ITEM.format(
        status=status, title=title, label=label, owner=owner, due=due, form=form, edit=edit
    )
