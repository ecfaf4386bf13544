"""The action plan written in Python (aims/templatetags/action_plan.py, from the one query of
queries.action_plan_for) says what the template it replaces said: the same markup, order,
phrases (in English and Welsh), escaping, addresses and forms, for every kind of objective, goal,
task and reader."""

import datetime
import re

import pytest
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from groundwork.aims import actions, queries
from groundwork.aims.models import Goal, Task
from groundwork.aims.tests.factories import adopt, give_task, plan_goal
from groundwork.groups.tests.factories import UserFactory, join

pytestmark = pytest.mark.django_db

# The template's loops as they were before the plan was written in Python: the reference.
TASKS = """{% for task in tasks %}
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
REFERENCE = (
    """{% load i18n %}
{% for adoption in adoptions %}
  <section class="panel plan-objective" aria-labelledby="adoption-{{ adoption.pk }}">
    <h2 id="adoption-{{ adoption.pk }}">{{ adoption.objective.number }}. {{ adoption.objective.title }}</h2>
    {% if adoption.note %}<p>{{ adoption.note }}</p>{% endif %}
    {% for goal in adoption.goals.all %}
      <div class="goal">
        <h3>{{ goal.title }}</h3>
        {% if can_change %}<p class="meta"><a href="{% url 'aims:goal_edit' group.slug goal.pk %}">{% blocktranslate with title=goal.title %}Edit the goal<span class="visually-hidden"> “{{ title }}”</span>{% endblocktranslate %}</a></p>{% endif %}
        {% if goal.description %}<p>{{ goal.description }}</p>{% endif %}
        {% if goal.tasks.all %}
        <ul class="tasks">
            {% with tasks=goal.tasks.all %}"""
    + TASKS
    + """{% endwith %}
        </ul>
        {% else %}<p class="meta">{% translate "No tasks yet." %}</p>{% endif %}
        {% if can_change %}<p><a href="{% url 'aims:task_create' group.slug goal.pk %}">{% blocktranslate with title=goal.title %}Add a task to “{{ title }}”{% endblocktranslate %}</a></p>{% endif %}
      </div>
    {% empty %}
      <p class="meta">{% translate "No goals yet." %}</p>
    {% endfor %}
    {% if can_change %}<p><a href="{% url 'aims:goal_create' group.slug adoption.pk %}">{% blocktranslate with number=adoption.objective.number %}Add a goal for objective {{ number }}{% endblocktranslate %}</a></p>{% endif %}
  </section>
{% empty %}
  <p>{% blocktranslate with group=group.name %}{{ group }} has not adopted any objectives yet.{% endblocktranslate %}</p>
{% endfor %}
"""
)
WRITTEN = "{% load action_plan %}\n{% action_plan plan %}\n"


def drawn(source: str, context: dict) -> str:
    request = RequestFactory().get("/")
    html = engines["django"].from_string(source).render(context, request)
    html = re.sub(r'value="[A-Za-z0-9]{64}"', 'value="TOKEN"', html)
    return re.sub(r">\s+<", "><", html).strip()


def as_the_template_read_it(user, group) -> list:
    """The plan as the page read it before: models, each task marked as `aims.change_task` says."""
    adoptions = list(queries.action_plan_visible_to(user, group))
    for adoption in adoptions:
        for goal in adoption.goals.all():
            for task in goal.tasks.all():
                task.can_move = user.has_perm("aims.change_task", task)  # type: ignore[attr-defined]
    return adoptions


def assert_written_as_the_template(user, group, language: str) -> str:
    with translation.override(language):
        can_change = user.has_perm("aims.change_actionplan", group)
        context = {
            "group": group,
            "can_change": can_change,
            "statuses": [(value, str(label)) for value, label in Task.Status.choices],
        }
        reference = drawn(REFERENCE, context | {"adoptions": as_the_template_read_it(user, group)})
        written = drawn(WRITTEN, context | {"plan": queries.action_plan_for(user, group)})
    assert written == reference
    return written


@pytest.fixture
def full_plan(riverside, alice, bob):
    """Two objectives (one with a note and a goal with no task, one with no goal), tasks owned by
    bob, by nobody and by a member whose name needs escaping, undated, dated and done."""
    goal = plan_goal(riverside, alice)
    Goal.objects.filter(pk=goal.pk).update(description='Every <Saturday> & "Sunday"')
    actions.do_add_goal(goal.adoption, title="No tasks <yet>", acting_user=alice)
    goal.adoption.note = "Rents & <bills>"
    goal.adoption.save()
    adopt(riverside, alice, 3)
    named = UserFactory(email="odd@example.org", display_name='O\'Brien & <Sons> "Co"')
    join(riverside, named)
    nameless = UserFactory(email="nameless@example.org", display_name="")
    join(riverside, nameless)
    tasks = [
        give_task(goal, alice, owner=bob, title='Book <the> hall & "chairs"'),
        give_task(goal, alice, title="Print leaflets"),
        give_task(goal, alice, owner=named, title="Ring the council"),
        give_task(goal, alice, owner=nameless),
    ]
    Task.objects.filter(pk=tasks[1].pk).update(due_on=datetime.date(2027, 2, 3), status="doing")
    Task.objects.filter(pk=tasks[2].pk).update(due_on=datetime.date(2026, 12, 31), status="done")
    return riverside


@pytest.mark.parametrize("language", ["en-gb", "cy"])
@pytest.mark.parametrize("who", ["alice", "bob"])
def test_the_written_plan_matches_the_template(full_plan, who, language, request):
    written = assert_written_as_the_template(request.getfixturevalue(who), full_plan, language)
    assert "&lt;the&gt; hall &amp; &quot;chairs&quot;" in written
    assert "O&#x27;Brien &amp; &lt;Sons&gt;" in written and "nameless" in written
    assert ("Edit the goal" in written or "Golygu" in written) == (who == "alice")
    assert written.count('class="task-status"') == (4 if who == "alice" else 1)


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_a_plan_with_no_objective_says_so_as_the_template_did(riverside, bob, language):
    riverside.name = "River <side> & co"
    assert "has not adopted" in assert_written_as_the_template(bob, riverside, "en-gb")
    assert_written_as_the_template(bob, riverside, language)


def test_the_plan_comes_in_one_query_of_the_columns_shown(
    full_plan, bob, django_assert_num_queries
):
    queries.action_plan_for(bob, full_plan)  # the rules' own look-ups, kept for the request
    with django_assert_num_queries(1) as captured:
        queries.action_plan_for(bob, full_plan)
    sql = captured.captured_queries[0]["sql"]
    assert "password" not in sql and "last_login" not in sql
