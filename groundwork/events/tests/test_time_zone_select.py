"""The event form's time-zone list, written out in one pass, is the same HTML Django's Select
draws option by option."""

import pytest
from django import forms
from django.test.html import parse_html

from groundwork.events.forms import TIME_ZONES, TimeZoneSelect


@pytest.mark.parametrize("value", ["Europe/London", "America/Sao_Paulo", "", None, ["Asia/Tokyo"]])
def test_the_time_zone_select_draws_what_djangos_select_draws(value):
    choices = [(zone, zone) for zone in TIME_ZONES]
    attrs = {"id": "id_time_zone", "aria-describedby": "id_time_zone_helptext", "required": True}
    ours = TimeZoneSelect(choices=choices).render("time_zone", value, attrs=attrs)
    django = forms.Select(choices=choices).render("time_zone", value, attrs=attrs)
    assert parse_html(ours) == parse_html(django)


@pytest.mark.django_db
def test_each_event_form_shares_the_time_zones_and_still_refuses_one_not_among_them():
    from groundwork.events.forms import EventForm

    first, second = EventForm(), EventForm()
    assert first.fields["time_zone"] is not second.fields["time_zone"]
    choices = [form.fields["time_zone"].choices for form in (first, second)]  # type: ignore[attr-defined]
    assert choices[0] is choices[1]
    assert first.fields["time_zone"].widget is not second.fields["time_zone"].widget
    form = EventForm({"time_zone": "Mars/Olympus_Mons"})
    form.is_valid()
    assert form.errors["time_zone"] == [
        "Select a valid choice. Mars/Olympus_Mons is not one of the available choices."
    ]
    assert 'value="Mars/Olympus_Mons"' not in str(form["time_zone"])
    assert '<option value="Europe/Paris">' in str(EventForm()["time_zone"])


def test_every_zone_is_marked_selected_alone_where_djangos_select_marks_it():
    """The options are written once per process; each request marks only its own zone."""
    widget = TimeZoneSelect(choices=[(zone, zone) for zone in TIME_ZONES])
    for zone in TIME_ZONES:
        drawn = widget.render("time_zone", zone)
        assert drawn.count(" selected") == 1, zone
        assert f'<option value="{zone}" selected>{zone}</option>' in drawn, zone
    assert " selected" not in widget.render("time_zone", "Mars/Olympus_Mons")


@pytest.mark.django_db
def test_an_invalid_event_form_shows_the_chosen_zone_and_what_was_typed_again():
    from groundwork.events.forms import EventForm

    form = EventForm({"title": "Tenants' <meeting>", "time_zone": "Asia/Tokyo"})
    assert not form.is_valid()
    drawn = str(form["time_zone"])
    assert drawn.count(" selected") == 1
    assert '<option value="Asia/Tokyo" selected>' in drawn
    assert 'value="Tenants&#x27; &lt;meeting&gt;"' in str(form["title"])
    # The next form, unbound, is back to its initial zone: nothing of the last one stays.
    assert '<option value="Europe/London" selected>' in str(EventForm()["time_zone"])


@pytest.mark.django_db
def test_the_event_forms_fields_drawn_alike_are_those_drawn_afresh(riverside):
    """Each field the event form keeps (`fields_drawn_alike`) is what drawing it afresh gives,
    for a new event and an edited one, in English and in Welsh, whichever came first."""
    from django.utils import translation

    from groundwork.core.forms import _field_html, field_html
    from groundwork.events.forms import EventForm
    from groundwork.events.tests.factories import plan_event

    event = plan_event(riverside, None, title="Tenants' <meeting>", time_zone="Asia/Tokyo")
    assert EventForm.fields_drawn_alike <= set(EventForm.base_fields)
    for language in ("cy", "en-gb", "cy"):
        with translation.override(language):
            for form in (EventForm(group=riverside), EventForm(instance=event, group=riverside)):
                for name in form.fields:
                    assert field_html(form[name]) == _field_html(form[name]), (language, name)
    edited = EventForm(instance=event, group=riverside)
    assert "Tenants&#x27; &lt;meeting&gt;" in field_html(edited["title"])
    assert '<option value="Asia/Tokyo" selected>' in field_html(edited["time_zone"])
