"""Searching the library: the same function on SQLite (LIKE) and PostgreSQL (full text, ranked).

Run on PostgreSQL with DATABASE_URL=postgres://postgres@127.0.0.1:5432/groundwork.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from conftest import client_for
from groundwork.resources import queries
from groundwork.resources.tests.factories import add_resource

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL to run it"
)


@pytest.fixture
def library(riverside, hillside, bob, carol, admin):
    add_resource(
        riverside,
        bob,
        title="Council housing campaign guide",
        summary="Door-knocking, surveys, committees.",
        body="How we won new homes.",
        tags=("housing",),
    )
    add_resource(
        hillside,
        carol,
        title="Save our library",
        summary="A leaflet.",
        body="The council wants to close the library; bring your neighbours.",
        tags=("libraries",),
    )
    add_resource(
        None,
        admin,
        title="Reading a budget",
        summary="Reserves and borrowing.",
        body="Nothing about homes here.",
        tags=("economics", "council budget"),
        scope="public",
    )
    add_resource(hillside, carol, title="Hillside housing rota", scope="group", tags=("housing",))


def titles(resources) -> list[str]:
    return [resource.title for resource in resources]


def test_search_finds_words_in_the_title_summary_body_and_tags(library, bob):
    assert titles(queries.search_library(bob, text="door-knocking")) == [
        "Council housing campaign guide"
    ]
    assert titles(queries.search_library(bob, text="neighbours")) == ["Save our library"]
    assert titles(queries.search_library(bob, text="economics")) == ["Reading a budget"]


def test_every_word_must_match(library, bob):
    assert titles(queries.search_library(bob, text="council housing")) == [
        "Council housing campaign guide"
    ]


def test_search_never_shows_what_the_person_may_not_see(library, bob, carol):
    assert titles(queries.search_library(bob, text="housing")) == ["Council housing campaign guide"]
    assert sorted(titles(queries.search_library(carol, text="housing"))) == [
        "Council housing campaign guide",
        "Hillside housing rota",
    ]
    assert titles(queries.search_library(AnonymousUser(), text="council")) == ["Reading a budget"]


def test_filters_by_kind_tag_and_group(library, bob, riverside):
    assert titles(queries.search_library(bob, tag="Economics")) == ["Reading a budget"]
    assert titles(queries.search_library(bob, kind="recording")) == []
    assert titles(queries.search_library(bob, group=riverside)) == [
        "Council housing campaign guide"
    ]


def test_a_search_with_nothing_found_is_empty(library, bob):
    assert titles(queries.search_library(bob, text="zeppelin")) == []


@on_postgres
def test_postgres_search_understands_word_forms_and_ranks_titles_first(library, bob):
    # "campaigns" finds "campaign" (English stemming); the title match outranks a body match.
    assert titles(queries.search_library(bob, text="campaigns")) == [
        "Council housing campaign guide"
    ]
    # "council": in a title (weight A), in tags (B), in a body (C).
    found = titles(queries.search_library(bob, text="council"))
    assert found == ["Council housing campaign guide", "Reading a budget", "Save our library"]


@on_postgres
def test_postgres_search_takes_quoted_phrases_and_exclusions(library, bob):
    assert titles(queries.search_library(bob, text='"council housing"')) == [
        "Council housing campaign guide"
    ]
    assert titles(queries.search_library(bob, text="council -housing")) == [
        "Reading a budget",
        "Save our library",
    ]


@on_postgres
def test_postgres_keeps_the_search_vector_up_to_date_on_edit(library, bob):
    from groundwork.resources import actions
    from groundwork.resources.actions import ResourceInput

    resource = queries.search_library(bob, text="door-knocking").get()
    actions.check_update_resource(
        resource, data=ResourceInput(title="Tenants' union starter kit"), acting_user=bob
    )
    assert titles(queries.search_library(bob, text="tenants")) == ["Tenants' union starter kit"]
    assert titles(queries.search_library(bob, text="door-knocking")) == []


def test_sqlite_uses_the_fallback_and_postgres_the_full_text_engine(library, bob):
    sql = str(queries.search_library(bob, text="housing").query)
    if connection.vendor == "postgresql":
        assert "@@" in sql
    else:
        assert "LIKE" in sql


@on_postgres
def test_postgres_ranks_only_the_newest_matches_of_a_very_common_word(library, bob, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_LIMIT", 1)
    # "council" matches three resources; only the newest is ranked and shown.
    assert titles(queries.search_library(bob, text="council")) == ["Reading a budget"]


def page_titles(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/library/\d+/">([^<]+)</a></h2>', html)


@on_postgres
def test_the_library_page_shows_the_search_ranked_and_counted(library, bob):
    html = client_for(bob).get(reverse("resources:library"), {"q": "council"}).content.decode()
    assert page_titles(html) == [
        "Council housing campaign guide",
        "Reading a budget",
        "Save our library",
    ]
    assert "3 resources found." in html


def test_browsing_past_the_cap_offers_a_narrower_search(library, bob, monkeypatch):
    monkeypatch.setattr(queries, "SEARCH_LIMIT", 2)
    html = client_for(bob).get(reverse("resources:library")).content.decode()
    assert "More than 2 resources: search for a word, or choose a kind or a tag" in html
    searched = client_for(bob).get(reverse("resources:library"), {"q": "council"})
    assert (
        "More than 2 resources found: add a word to narrow the search." in searched.content.decode()
    )
