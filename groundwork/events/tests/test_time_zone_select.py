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
