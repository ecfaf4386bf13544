"""core.forms writes out a field as Django's form templates would: the same characters, for
every kind of widget, unbound, re-shown with what was typed, and with errors at the field."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from groundwork.core.forms import CHOICE_TEMPLATES, INPUT_TEMPLATES, WIDGETS, field_html

# templates/components/field.html as it was, drawn wholly by Django's form templates.
DJANGOS_COMPONENT = """<div class="field{% if field.errors %} field-error{% endif %}{% if field.widget_type == 'checkbox' %} field-checkbox{% endif %}">
{% if field.widget_type == 'checkbox' %}
  {{ field.errors }}{{ field }} <label for="{{ field.id_for_label }}">{{ field.label }}</label>
  {% if field.help_text %}<div class="helptext" id="{{ field.auto_id }}_helptext">{{ field.help_text|safe }}</div>{% endif %}
{% else %}
  {{ field.as_field_group }}
{% endif %}
</div>
"""  # noqa: E501

CHOICES = [("", "Choose"), ("a", "Apples & pears"), ("b", "<b>Bread</b>")]
GROUPED = [
    ("fruit", "Fruit"),
    ("Vegetables", [("leek", "Leek"), ("kale", "Kale")]),
    (3, "Three"),
]


class EveryWidget(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=80, help_text=_("As others see it."))
    nickname = forms.CharField(label="Nickname?", required=False, strip=False)
    email = forms.EmailField(label="Email", widget=forms.EmailInput(attrs={"class": "wide"}))
    website = forms.URLField(required=False, help_text=mark_safe("<a href='/x'>Why</a>"))
    count = forms.IntegerField(label="How many", min_value=1, required=False)
    share = forms.DecimalField(required=False, max_digits=5, decimal_places=2)
    on = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date"}), help_text="Day."
    )
    at = forms.DateTimeField(required=False)
    time = forms.TimeField(required=False, disabled=True, initial=datetime.time(9, 30))
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    story = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=200, help_text="Markdown."
    )
    agree = forms.BooleanField(label="I agree", help_text="Required to go on.")
    optional_box = forms.BooleanField(required=False, label="Tell me more")
    pick = forms.ChoiceField(choices=CHOICES, help_text="One of them.")
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=GROUPED[:2], required=False)
    radio = forms.ChoiceField(choices=CHOICES[1:], widget=forms.RadioSelect, help_text="Pick.")
    radio_grouped = forms.ChoiceField(
        choices=GROUPED, widget=forms.RadioSelect(attrs={"class": "inline"}), required=False
    )
    boxes = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    split = forms.SplitDateTimeField(required=False)  # a MultiWidget: Django draws it
    initial_kept = forms.CharField(required=False, show_hidden_initial=True, initial="x")


class NoIdentifiers(EveryWidget):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs |= {"auto_id": False, "label_suffix": " —"}
        super().__init__(*args, **kwargs)


class WithClasses(EveryWidget):
    required_css_class = "required"
    error_css_class = "problem"


TYPED = {
    "name": 'Ann "the <b>bold</b>" O\'Neil',
    "nickname": "  spaced  ",
    "email": "not an address",
    "website": "https://example.org/?a=1&b=2",
    "count": "0",
    "share": "1.5",
    "on": "2026-13-40",
    "at": "2026-03-14 11:00",
    "secret": "hunter2",
    "hidden": "<x>",
    "story": "Line one\n<script>alert(1)</script>",
    "pick": "b",
    "grouped": "kale",
    "many": ["fruit", "kale"],
    "radio": "nothing",
    "radio_grouped": "3",
    "boxes": ["a", "b"],
    "split_0": "2026-01-01",
    "split_1": "",
    "initial_kept": "changed",
}
INITIAL = {
    "name": "Bea",
    "count": 3,
    "share": Decimal("2.50"),
    "on": datetime.date(2026, 12, 31),
    "at": datetime.datetime(2026, 3, 14, 11, 0),
    "agree": True,
    "pick": "a",
    "many": ["leek"],
    "boxes": ["b"],
    "radio": "a",
    "story": "Kept <text>",
}


def djangos(field) -> str:
    return engines["django"].from_string(DJANGOS_COMPONENT).render({"field": field})


def forms_to_compare() -> list[EveryWidget]:
    made = []
    for form_class in (EveryWidget, NoIdentifiers, WithClasses):
        made += [
            form_class(),
            form_class(initial=INITIAL),
            form_class({}),
            form_class(TYPED, initial=INITIAL),
        ]
    for form in made:
        form.is_valid()
    return made


@pytest.mark.parametrize("language", ["en-gb", "cy"])
def test_every_widget_is_written_out_as_djangos_templates_write_it(language):
    with translation.override(language):
        for form in forms_to_compare():
            for name in form.fields:
                assert field_html(form[name]) + "\n" == djangos(form[name]), (form, name)


def test_the_component_is_the_written_out_field():
    form = EveryWidget(TYPED)
    form.is_valid()
    for name in ("name", "agree", "radio", "pick"):
        assert render_to_string("components/field.html", {"field": form[name]}) == djangos(
            form[name]
        )


def test_a_reshown_form_keeps_what_was_typed_and_shows_each_error_at_its_field():
    form = EveryWidget(TYPED)
    assert not form.is_valid()
    email = field_html(form["email"])
    assert 'value="not an address"' in email
    assert 'aria-invalid="true"' in email
    assert 'aria-describedby="id_email_error"' in email
    assert '<ul class="errorlist" id="id_email_error"><li>Enter a valid email address.' in email
    radio = field_html(form["radio"])
    assert '<fieldset aria-describedby="id_radio_helptext id_radio_error">' in radio
    assert "Select a valid choice." in radio
    boxes = field_html(form["boxes"])
    assert 'value="a" id="id_boxes_0" checked>' in boxes
    assert "&lt;script&gt;alert(1)&lt;/script&gt;</textarea>" in field_html(form["story"])


def test_no_app_replaces_the_templates_that_are_written_out():
    """An app's own copy of one of these templates would be drawn by Django, not written out."""
    engine = get_default_renderer().engine  # type: ignore[attr-defined]
    written_out = INPUT_TEMPLATES | set(CHOICE_TEMPLATES) | set(CHOICE_TEMPLATES.values())
    written_out |= {f"{WIDGETS}{name}.html" for name in ("attrs", "textarea", "input_option")}
    written_out |= {"django/forms/field.html", "django/forms/label.html", "django/forms/attrs.html"}
    written_out |= {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
    for name in written_out:
        origin = engine.get_template(name).origin.name
        assert origin.replace("\\", "/").endswith(f"django/forms/templates/{name}"), origin


def test_djangos_own_widgets_are_written_out_without_a_template(monkeypatch):
    drawn = []
    renderer_class = type(get_default_renderer())
    original = renderer_class.render

    def render(self, template_name, context, request=None):
        drawn.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(renderer_class, "render", render)
    form = EveryWidget(TYPED)
    form.is_valid()
    for name in form.fields:
        if name not in {"split", "initial_kept"}:
            field_html(form[name])
    assert drawn == []
    field_html(form["split"])
    assert "django/forms/widgets/splitdatetime.html" in drawn


class DrawnAlike(EveryWidget):
    fields_drawn_alike = frozenset(EveryWidget.base_fields)


def test_fields_drawn_alike_are_kept_per_language_and_drawn_afresh_when_typed_in():
    """A field the form names in `fields_drawn_alike` is drawn once per language while unbound
    and showing nothing or its declared initial; with an initial of its own, or bound to what
    was typed, it is drawn afresh, each time as Django's templates draw it."""
    for language in ("cy", "en-gb", "cy"):
        with translation.override(language):
            for form in (DrawnAlike(), DrawnAlike(initial=INITIAL), DrawnAlike(TYPED)):
                form.is_valid()
                for name in form.fields:
                    assert field_html(form[name]) + "\n" == djangos(form[name]), (form, name)
    with translation.override("cy"):
        welsh = field_html(DrawnAlike()["name"])
        assert field_html(DrawnAlike()["name"]) is welsh
    with translation.override("en-gb"):
        assert field_html(DrawnAlike()["name"]) is not welsh
        bea = DrawnAlike(initial=INITIAL)["name"]
        assert field_html(bea) is not field_html(bea) and 'value="Bea"' in field_html(bea)
        typed = DrawnAlike(TYPED)["name"]
        assert field_html(typed) is not field_html(typed)
        # The declared initial is kept too, under its own value.
        assert field_html(DrawnAlike()["initial_kept"]) is field_html(DrawnAlike()["initial_kept"])
