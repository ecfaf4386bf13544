"""The action plan's tasks written in Python (aims/templatetags/plan_tasks.py) say what the
template they replace said: the same markup, phrases (in English and Welsh), escaping, addresses
and forms, for every kind of task and reader."""

import datetime
import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from groundwork.aims.models import Task
from groundwork.aims.tests.factories import give_task, plan_goal
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

# The template's loop as it was before the tasks were written in Python: the reference.
REFERENCE = """{% load i18n %}{% for task in tasks %}
            <li class="task task-{{ task.status }}">
              <span class="task-title">{{ task.title }}</span>
              <span class="status status-{{ task.status }}">{{ task.get_status_display }}</span>
              <span class="meta">{% if task.owner %}{{ task.owner.name }}{% else %}{% translate "No owner yet" %}{% endif %}{% if task.due_on %} · {% blocktranslate with date=task.due_on|date:"j M Y" %}due {{ date }}{% endblocktranslate %}{% endif %}</span>
              {% if task.can_move %}
                <form method="post" action="{% url 'aims:task_status' task.pk %}" class="task-status">{% csrf_token %}
                  <label for="status-{{ task.pk }}" class="visually-hidden">{% blocktranslate with title=task.title %}Status of “{{ title }}”{% endblocktranslate %}</label>
                  <select name="status" id="status-{{ task.pk }}">
                    {% for value, label in statuses %}<option value="{{ value }}"{% if value == task.status %} selected{% endif %}>{{ label }}</option>{% endfor %}
                  </select>
                  <button type="submit" class="secondary">{% blocktranslate with title=task.title %}Update<span class="visually-hidden"> “{{ title }}”</span>{% endblocktranslate %}</button>
                </form>
              {% endif %}
              {% if can_change %}<a href="{% url 'aims:task_edit' group.slug task.pk %}">{% blocktranslate with title=task.title %}Edit<span class="visually-hidden"> “{{ title }}”</span>{% endblocktranslate %}</a>{% endif %}
            </li>
{% endfor %}"""
WRITTEN = "{% load plan_tasks %}{% task_items tasks %}"


def drawn(source: str, context: dict) -> str:
    request = RequestFactory().get("/")
    html = engines["django"].from_string(source).render(context, request)
    html = re.sub(r'value="[A-Za-z0-9]{64}"', 'value="TOKEN"', html)
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("can_change", [True, False])
def test_the_written_tasks_match_the_template(riverside, alice, bob, language, can_change):
    goal = plan_goal(riverside, alice)
    named = UserFactory(email="odd@example.org", display_name='O\'Brien & <Sons> "Co"')
    join(riverside, named)
    tasks = [
        give_task(goal, alice, owner=bob, title='Book <the> hall & "chairs"'),
        give_task(goal, alice, title="Print leaflets"),
        give_task(goal, alice, owner=named, title="Ring the council"),
    ]
    Task.objects.filter(pk=tasks[1].pk).update(due_on=datetime.date(2027, 2, 3), status="doing")
    Task.objects.filter(pk=tasks[2].pk).update(due_on=datetime.date(2026, 12, 31), status="done")
    tasks = list(Task.objects.filter(goal=goal).select_related("owner").order_by("pk"))
    for number, task in enumerate(tasks):
        task.can_move = number != 1  # type: ignore[attr-defined]
    with translation.override(language):
        context = {
            "tasks": tasks,
            "group": riverside,
            "can_change": can_change,
            "statuses": [(value, str(label)) for value, label in Task.Status.choices],
        }
        reference = drawn(REFERENCE, context)
        written = drawn(WRITTEN, context)
    assert written == reference
    assert "&lt;the&gt; hall &amp; &quot;chairs&quot;" in written
    assert ("Edit" in written or "Golygu" in written) == can_change
