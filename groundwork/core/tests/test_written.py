"""What rows written in Python share: links are the ones `reverse` gives, whatever the route and
the prefix; dates are the ones the `date` filter writes, in every language of the site."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation
from django.utils.dateformat import format as date_format

from groundwork.core.written import day_month_year, page_link


def test_a_link_is_the_one_reverse_gives():
    routes: list[tuple[str, dict[str, str | int]]] = [
        ("events:detail", {"pk": 7}),
        ("events:detail", {"pk": 9081726354}),
        ("groups:detail", {"slug": "riverside-tenants"}),
        ("groups:detail", {"slug": "a_b-9"}),
        ("campaigns:detail", {"pk": 12}),
        ("campaigns:petition", {"pk": 3}),
        ("groups:mailing", {"slug": "riverside", "pk": 5}),
    ]
    for view_name, kwargs in routes:
        assert page_link(view_name, **kwargs) == reverse(view_name, kwargs=kwargs)


def test_a_link_keeps_the_script_prefix_of_the_request():
    try:
        set_script_prefix("/alliance/")
        assert page_link("groups:detail", slug="riverside") == "/alliance/groups/riverside/"
    finally:
        set_script_prefix("/")
    assert page_link("groups:detail", slug="riverside") == "/groups/riverside/"


def test_a_value_that_the_route_refuses_is_refused_as_reverse_refuses_it():
    with pytest.raises(NoReverseMatch):
        page_link("groups:detail", slug="ça va")


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_day_is_written_as_the_date_filter_writes_it_in_each_language(language):
    with translation.override(language):
        for month in range(1, 13):
            day = date(2026, month, 5 + month)
            assert day_month_year(day) == date_format(day, "j M Y"), (language, month)
