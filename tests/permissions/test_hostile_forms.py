"""Every form of every page answers a NUL byte or a line break in its text fields with a page or
a message, never a 500 (issue #16). The walk starts from the permission matrix: each page is
opened by someone the matrix lets in, each POST form on it is filled in as the page left it, and
its text fields are sent spoiled, all at once, one way at a time.

tests/test_hostile_text.py sends valid data of each create form with one field spoiled; this walk
reaches the edit, answer and settings forms too, which have no table of valid data.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.cache import cache

from tests.permissions.cells import CAST, ApiRow
from tests.permissions.matrix import MATRIX
from tests.permissions.world import client_as

# The admin's forms are Django's own; a sign-out form ends the session the walk goes on with.
SKIPPED_PREFIXES = ("admin:",)
SKIPPED = {"account_logout"}
# The most able first: the one who gets the most forms on a page opens it.
ABLE = ("admin", "alice", "bob", "carol", "dan", "anon")
TEXT_TYPES = {"", "text", "search", "email", "url", "tel", "password"}

SPOILERS = {
    "a NUL byte": lambda value: f"{value}\x00x",
    "a line break": lambda value: f"{value}\r\nsecond line",
}


class Forms(HTMLParser):
    """The POST forms of a page: where each goes, its values as the page fills them, and which
    of them are text a person types."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.current: dict | None = None
        self.textarea: str | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            if attributes.get("method", "get").lower() == "post":
                self.current = {"action": attributes.get("action", ""), "values": {}, "text": []}
                self.forms.append(self.current)
            return
        if self.current is None or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "").lower()
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            if kind in ("submit", "image", "file", "reset", "button"):
                # The first named button is the one pressed.
                if kind == "submit" and not self.current.get("pressed"):
                    self.current["values"][name] = attributes.get("value", "")
                    self.current["pressed"] = True
                return
            self.current["values"].setdefault(name, attributes.get("value", ""))
            if kind in TEXT_TYPES:
                self.current["text"].append(name)
        elif tag == "button" and name and not self.current.get("pressed"):
            if attributes.get("type", "submit").lower() == "submit":
                self.current["values"][name] = attributes.get("value", "")
                self.current["pressed"] = True
        elif tag == "textarea" and name:
            self.textarea = name
            self.current["values"][name] = ""
            self.current["text"].append(name)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select:
            values = self.current["values"]
            if self.select not in values or "selected" in attributes:
                values[self.select] = attributes.get("value", "")

    def handle_data(self, data):
        if self.current is not None and self.textarea:
            self.current["values"][self.textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def pages():
    for name, row in MATRIX.items():
        if row.method != "get" or name in SKIPPED or name.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(row, ApiRow):
            continue  # JSON, asked with a token: the API's own tests send it bad input
        cells = dict(zip(CAST, row.expected, strict=True))
        able = next((who for who in ABLE if cells[who] == 200), None)
        if able is not None:
            yield pytest.param(name, able, id=f"{name}-{able}")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Hundreds of spoiled sign-ins must not lock the rest of the suite out."""
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "who"), list(pages()))
def test_every_form_takes_a_nul_byte_or_a_line_break_without_a_500(world, name, who):
    url = MATRIX[name].url(name, world)
    for spoiler, spoil in SPOILERS.items():
        # Opened again for each spoiler: a form's token is spent by the first post.
        page = client_as(world, who).get(url)
        assert page.status_code == 200, f"{who} GET {url}"
        if not page["Content-Type"].startswith("text/html"):
            return  # a file (a feed, a CSV, a PDF) has no forms
        for form in forms_of(page.content.decode()):
            target = urljoin(url, form["action"] or url)
            if urlsplit(target).netloc or not form["text"]:
                continue
            data = dict(form["values"])
            for field in form["text"]:
                data[field] = spoil(data[field])
            response = client_as(world, who).post(target, data)
            assert response.status_code < 500, f"{who} POST {target} ({spoiler})"
