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
