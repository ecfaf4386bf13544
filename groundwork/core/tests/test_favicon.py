"""The site's icon: linked from every page, and /favicon.ico answers instead of 404."""

import pytest
from django.contrib.staticfiles import finders


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/img/favicon.svg"


def test_the_svg_icon_is_a_static_file():
    path = finders.find("img/favicon.svg")
    assert path, "static/img/favicon.svg is missing"
    with open(path, encoding="utf-8") as icon:
        assert icon.read().startswith("<svg")


@pytest.mark.django_db
def test_every_page_links_the_icon(client):
    page = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
