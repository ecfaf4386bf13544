"""A NUL byte or a line break typed into any field of any create form gives a message at the
field or is saved harmlessly, never a 500 (issue #16: a NUL byte in a receipt field and a line
break in an event title or group name gave 500s).

The forms and their valid data are the double-submit table's (tests/test_double_submit.py), so a
new create form is walked here too. Each text value of a form is sent spoiled, one way at a time.
"""

import pytest
from django.urls import reverse

from groundwork.core.idempotency import FIELD
from groundwork.outcomes.tests.import_fakes import fake_parsers  # noqa: F401 - a fixture
from tests import test_double_submit as double_submit
from tests.test_double_submit import CASES, client_for, token_in_form

# The double-submit test's fixtures: its world, built once for the module, and its uploads.
shared_world = double_submit.shared_world
world = double_submit.world
uploads = double_submit.uploads

SPOILERS = {
    "a NUL byte": lambda value: f"{value}\x00x",
    "a line break": lambda value: f"{value}\r\nsecond line",
}


@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_spoiled_text_field_gets_a_message_never_a_500(world, name, spoiler, uploads):
    case = CASES[name]
    client = client_for(world, case.who)
    client.raise_request_exception = False
    url = reverse(name, kwargs=case.kwargs(world) or None)
    page = client.get(case.page(world) if case.page else url)
    assert page.status_code == 200
    data = case.data(world)
    spoil = SPOILERS[spoiler]
    for field, value in data.items():
        if not isinstance(value, str) or not value or value.isdigit():
            continue
        token = token_in_form(page.content.decode(), url, own_page=case.page is None)
        response = client.post(url, data | {field: spoil(value), FIELD: token} | case.files())
        assert response.status_code < 500, f"{name}: {field} with {spoiler}"


# Pages whose views read the query string themselves, each with the parameter they read.
SEARCHES: list[tuple[str, dict, str]] = [
    ("groups:directory", {}, "q"),
    ("accountability:representatives", {}, "q"),
    ("outcomes:areas", {}, "q"),
    ("outcomes:dashboard", {}, "indicator"),
    ("events:list", {}, "near"),
    ("members:landing", {}, "near"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs", "parameter"), SEARCHES)
def test_a_nul_byte_in_the_address_gets_a_message_never_a_500(anon, name, kwargs, parameter):
    anon.raise_request_exception = False
    response = anon.get(reverse(name, kwargs=kwargs), {parameter: "SE1\x005"})
    assert response.status_code == 400
    assert b"cannot be searched for or stored" in response.content


@pytest.mark.django_db
def test_a_nul_byte_in_a_receipt_lookup_gets_a_message_never_a_500(world):
    from groundwork.democracy.models import Ballot

    client = client_for(world, "bob")
    client.raise_request_exception = False
    closed = Ballot.objects.filter(status=Ballot.Status.CLOSED).first()
    assert closed is not None, "the world has a closed ballot"
    response = client.get(reverse("democracy:results", args=[closed.pk]), {"tracker": "AB\x00C"})
    assert response.status_code == 400
