"""The sign-in pages speak the site's language: under Welsh every word on them goes through the
site's own catalogue (allauth has no Welsh, so its words would stay English), the page says
lang="cy", and it names the site by SITE_NAME.

Welsh has no compiled catalogue yet, so the test stands one in: a pseudo-translation that marks
each string it is asked for and records it. A string on the page that is not marked did not go
through gettext; a marked one that is found neither in Groundwork's source nor in Django's own
Welsh catalogue would stay English in Welsh."""

import functools
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import django
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parent.parent
OPEN, CLOSE = "⟦", "⟧"


class PseudoWelsh:
    """Stands in for the Welsh catalogue: every message comes back marked."""

    def __init__(self) -> None:
        self.asked: set[str] = set()

    def gettext(self, message: str) -> str:
        if "\x04" in message:  # pgettext asks for "context\x04message"
            message = message.split("\x04", 1)[1]
        self.asked.add(message)
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return self.gettext(singular if number == 1 else plural)

    def language(self) -> str:
        return "cy"

    def to_language(self) -> str:
        return "cy"


@pytest.fixture
def welsh():
    pseudo = PseudoWelsh()
    loaded: dict[str, Any] = trans_real._translations  # type: ignore[attr-defined]
    saved = loaded.get("cy")
    loaded["cy"] = pseudo
    try:
        with translation.override("cy"):
            yield pseudo
    finally:
        if saved is None:
            loaded.pop("cy", None)
        else:
            loaded["cy"] = saved


class MainText(HTMLParser):
    """The text people read in <main>, and the text of its labels' attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if self.depth:
            for name, value in attrs:
                if name in {"placeholder", "aria-label", "title"} and value:
                    self.texts.append(value)

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and data.strip():
            self.texts.append(data.strip())


def unmarked_words(page: str) -> list[str]:
    parser = MainText()
    parser.feed(page)
    text = " ".join(parser.texts)
    outside = re.sub(rf"{OPEN}[^{CLOSE}]*{CLOSE}", " ", text)
    return re.findall(r"[A-Za-z]{2,}", outside)


def groundwork_source() -> str:
    files = list((ROOT / "templates").rglob("*.html")) + list((ROOT / "groundwork").rglob("*.py"))
    files += list((ROOT / "groundwork").rglob("*.html"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def djangos_welsh() -> set[str]:
    """The messages Django itself translates into Welsh (its form errors, password rules)."""
    catalogues = Path(django.__file__).parent.rglob("locale/cy/LC_MESSAGES/django.mo")
    messages: set[str] = set()
    for path in catalogues:
        with path.open("rb") as catalogue:
            keys = gettext.GNUTranslations(catalogue)._catalog  # type: ignore[attr-defined]
            messages |= {str(key) for key in keys}
    return messages


@functools.cache
def django_source() -> str:
    """Django's own strings (its Welsh is Django's to keep, as its catalogue does)."""
    package = Path(django.__file__).parent
    return "\n".join(path.read_text(encoding="utf-8") for path in package.rglob("*.py"))


PAGES = ["account_login", "account_reset_password", "account_signup"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_the_sign_in_pages_are_all_in_the_sites_catalogue_under_welsh(client, welsh, name):
    page = client.get(reverse(name)).content.decode()
    assert '<html lang="cy">' in page
    assert unmarked_words(page) == [], "words on the page that gettext never saw"
    shown = {message for message in welsh.asked if f"{OPEN}{message}{CLOSE}" in page}
    source, djangos = groundwork_source(), djangos_welsh()
    foreign = sorted(
        message
        for message in shown
        if message not in djangos and message not in source and message not in django_source()
    )
    assert foreign == [], "strings that only allauth's catalogue has (it has no Welsh)"


@pytest.mark.django_db
@override_settings(SITE_NAME="Cynghrair Cymru")
def test_the_sign_in_page_names_the_site(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "<h1>Sign in to Cynghrair Cymru</h1>" in page
    assert "<title>Sign in · Cynghrair Cymru</title>" in page
    assert '<html lang="en-gb">' in page


@pytest.mark.django_db
def test_a_wrong_password_is_told_at_the_form(client, bob):
    response = client.post(reverse("account_login"), {"login": bob.email, "password": "nope"})
    page = response.content.decode()
    assert 'class="error-summary"' in page and f'value="{bob.email}"' in page
