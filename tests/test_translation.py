"""Every word a person reads or hears in a template is marked for translation (gettext), so that a
Welsh catalogue can follow without touching the templates again.

The scanner takes out what is marked or is not text: `{% translate %}`, `{% blocktranslate %}…`,
comments, template tags and `{{ variables }}`, and the contents of `<script>`, `<style>` and `<code>`.
Whatever still has a letter in it, in a text node or in an attribute people see or hear, is an
unmarked string. String literals that templates hand on as text (a filter's `default:"…"`, an include's
`with label="…"`) must be wrapped as `_("…")`. The tests of the scanner itself, on snippets, show
that it finds what it should, so the sweep over the real templates cannot pass for want of looking.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.template import engines
from django.template.base import DebugLexer, TokenType

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_FILES = sorted(
    path
    for pattern in ("templates/**/*", "groundwork/*/templates/**/*")
    for path in ROOT.glob(pattern)
    if path.is_file()
)

# Attributes whose value is shown or read aloud. An input button's `value` is its label (a
# <button>'s value is sent, not shown).
SPOKEN_ATTRIBUTES = {
    "title",
    "alt",
    "placeholder",
    "label",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
}
BUTTON_INPUT_TYPES = {"submit", "button", "reset"}
# Filters whose string argument is shown as it stands (a date's format, say, is not).
TEXT_FILTERS = ("default", "default_if_none", "yesno")
# Literals in those filters that are code, with the reason.
CODE_DEFAULTS = {
    # ballot_detail.html links to #vote-form when an error names no field.
    "form",
}
# Elements whose text is code or a program's, not prose.
CODE_ELEMENTS = ("script", "style", "code")
# An include's `with current="ballots"` is a code, not a phrase: lower-case, no spaces.
CODE_LITERAL = re.compile(r"^[a-z0-9_-]*$")
LETTER = re.compile(r"[^\W\d_]")
PHRASE = re.compile(r"[^\W\d_]+\s+[^\W\d_]+")

# Names and codes that are the same in every language, with the reason. They may stand alone or
# beside symbols ("· Groundwork"); a sentence around them is still marked.
ALLOWED = {
    # The platform's name, in the header, the page title and an email's signature.
    "Groundwork",
    # The placeholder shows the shape of a vote receipt's code.
    "ABCD-EFGH-JKLM-NPQR",
}
# Templates nobody reads, with the reason.
EXEMPT = {
    # The benchmark's framework ceiling: a bare table, kept free of i18n work so that it measures
    # Django alone (core/views.py).
    "templates/core/ceiling.html",
}


@dataclass(frozen=True)
class Unmarked:
    line: int
    where: str
    text: str


def strip_marked(source: str) -> tuple[str, list[Unmarked]]:
    """The template's source with every tag, variable, comment and translated block taken out
    (lines kept, so that line numbers still match), and the text literals inside tags that are
    shown unmarked."""
    kept: list[str] = []
    literals: list[Unmarked] = []
    closing: tuple[str, ...] | None = None
    for token in DebugLexer(source).tokenize():
        assert token.position is not None and token.lineno is not None  # DebugLexer sets both
        raw = source[token.position[0] : token.position[1]]
        if closing is not None:
            kept.append("\n" * raw.count("\n"))
            if token.token_type == TokenType.BLOCK and token.contents.split()[0] in closing:
                closing = None
            continue
        if token.token_type == TokenType.TEXT:
            kept.append(raw)
            continue
        kept.append("\n" * raw.count("\n"))
        literals += unmarked_literals(token.contents, token.lineno)
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0]
            if name in ("blocktranslate", "blocktrans"):
                closing = ("endblocktranslate", "endblocktrans")
            elif name == "comment":
                closing = ("endcomment",)
    return "".join(kept), literals


def unmarked_literals(contents: str, line: int) -> list[Unmarked]:
    """String literals inside a tag or variable that reach the page as text, not wrapped in _()."""
    found = []
    for match in re.finditer(rf"\|({'|'.join(TEXT_FILTERS)}):(\"[^\"]*\"|'[^']*')", contents):
        if LETTER.search(match.group(2)) and match.group(2)[1:-1] not in CODE_DEFAULTS:
            found.append(Unmarked(line, f"filter {match.group(1)}", match.group(2)[1:-1]))
    if contents.split()[:1] in (["include"], ["with"]):
        for match in re.finditer(r"(\w+)=(\"[^\"]*\"|'[^']*')", contents):
            text = match.group(2)[1:-1]
            if LETTER.search(text) and not CODE_LITERAL.match(text):
                found.append(Unmarked(line, f"{match.group(1)}=", text))
    return found


class TextFinder(HTMLParser):
    """Collects text with letters from text nodes and from the attributes people see or hear.
    Text inside CODE_ELEMENTS is skipped; nested tags in them end the skipping early, which
    errs towards reporting too much."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unmarked] = []
        self.in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_code = tag in CODE_ELEMENTS
        values = dict(attrs)
        for name, value in attrs:
            spoken = name in SPOKEN_ATTRIBUTES or (
                name == "value" and tag == "input" and values.get("type") in BUTTON_INPUT_TYPES
            )
            # A data- attribute carrying a phrase is text that a script shows.
            prose = name.startswith("data-") and bool(PHRASE.search(value or ""))
            if (spoken or prose) and value:
                self.note(f"{tag} {name}", value)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self.in_code = False

    def handle_endtag(self, tag: str) -> None:
        self.in_code = False

    def handle_data(self, data: str) -> None:
        if not self.in_code:
            # The text's line, not that of the line break before it.
            self.note("text", data, data[: len(data) - len(data.lstrip())].count("\n"))

    def note(self, where: str, text: str, lines_before: int = 0) -> None:
        text = " ".join(text.split())
        if LETTER.search(re.sub("|".join(map(re.escape, ALLOWED)), "", text)):
            self.found.append(Unmarked(self.getpos()[0] + lines_before, where, text))


def unmarked_strings(source: str) -> list[Unmarked]:
    """Every string in a template's source that a person would see or hear and that is not
    marked for translation."""
    stripped, found = strip_marked(source)
    finder = TextFinder()
    finder.feed(stripped)
    finder.close()
    return found + finder.found


def test_the_scanner_finds_an_unmarked_text_node():
    assert unmarked_strings("<p>Hello {{ name }}</p>") == [Unmarked(1, "text", "Hello")]


def test_an_allowed_name_does_not_excuse_the_sentence_around_it():
    assert unmarked_strings("<a>Join Groundwork</a>") == [Unmarked(1, "text", "Join Groundwork")]


def test_the_scanner_finds_text_between_variables_and_tags():
    source = "{% if a %}\n{{ a }} of {{ b }}{% endif %}"
    assert unmarked_strings(source) == [Unmarked(2, "text", "of")]


def test_the_scanner_finds_unmarked_attributes_people_see_or_hear():
    source = (
        '<nav aria-label="Pages"><img alt="A map" src="x.png" class="big">'
        '<input type="submit" value="Send"><input type="hidden" name="a" value="yes">'
        '<div data-help="Drag to reorder" data-points="map-points"></div></nav>'
    )
    assert [(found.where, found.text) for found in unmarked_strings(source)] == [
        ("nav aria-label", "Pages"),
        ("img alt", "A map"),
        ("input value", "Send"),
        ("div data-help", "Drag to reorder"),
    ]


def test_the_scanner_finds_text_literals_in_tags():
    source = (
        '{{ name|default:"a former member" }}{{ when|date:"j F Y" }}'
        '{% include "x.html" with label="Map of the place" current="ballots" %}'
    )
    assert [found.text for found in unmarked_strings(source)] == [
        "a former member",
        "Map of the place",
    ]


def test_the_scanner_passes_marked_text_comments_code_and_symbols():
    source = """{% load i18n %}{# A note #}{% comment %}Why{% endcomment %}
<h1>{% translate "Events" %}</h1>
<p>{% blocktranslate trimmed with name=group.name %}
  Events of <a href="{{ url }}">{{ name }}</a>
{% endblocktranslate %} · {{ count }} — “{{ title }}” (.)</p>
<nav aria-label="{% translate 'Pages' %}"><a class="button" href="/x/?q=a">1</a></nav>
{{ name|default:_("a former member") }}{% include "x.html" with label=_("Map") %}
<button name="status" value="draft">{% translate "Save" %}</button><code>make test</code>
<script>var greeting = "Hello";</script><style>.a::before { content: "Hi"; }</style>
<input placeholder="ABCD-EFGH-JKLM-NPQR"><title>{% translate "Events" %} · Groundwork</title>"""
    assert unmarked_strings(source) == []


def test_every_template_is_found():
    names = {str(path.relative_to(ROOT)) for path in TEMPLATE_FILES}
    assert "templates/base.html" in names
    assert "groundwork/events/templates/events/event_detail.html" in names
    assert "groundwork/groups/templates/groups/email/invitation_message.txt" in names
    assert len(names) > 100


@pytest.mark.parametrize(
    "path", TEMPLATE_FILES, ids=[str(path.relative_to(ROOT)) for path in TEMPLATE_FILES]
)
def test_every_user_facing_string_in_a_template_is_marked_for_translation(path):
    name = str(path.relative_to(ROOT))
    if name in EXEMPT:
        pytest.skip(f"{name} is not read by people (see EXEMPT)")
    unmarked = unmarked_strings(path.read_text())
    assert not unmarked, "\n".join(f"{name}:{u.line} ({u.where}): {u.text}" for u in unmarked)


@pytest.mark.parametrize(
    "path", TEMPLATE_FILES, ids=[str(path.relative_to(ROOT)) for path in TEMPLATE_FILES]
)
def test_every_template_compiles(path):
    """A template that uses {% translate %} without {% load i18n %} fails here, even if no test
    renders it."""
    engines["django"].from_string(path.read_text())
