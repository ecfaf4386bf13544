"""The OSDI shapes (groundwork/api/osdi.py) against the specification's own examples and field
tables (shared test data, api_interop/): no database."""

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from groundwork.api import osdi
from tests import testdata

MOMENT = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
BASE = "https://groundwork.example/api/v1/osdi"
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def interop() -> Path:
    return testdata.need(testdata.root() / "api_interop")


def example(name_start: str) -> dict:
    """The JSON body of one of the spec's examples; the lenient ones lose their comments and
    trailing commas, as SOURCES.md says."""
    matches = sorted((interop() / "osdi_examples").glob(f"{name_start}*.body.json*"))
    assert matches, name_start
    text = matches[0].read_text()
    text = re.sub(r"//\(truncated for brevity\)", "", text)
    return json.loads(re.sub(r",(\s*[\]}])", r"\1", text))


def field_names(page: str) -> set[str]:
    """The top-level field names of a resource's field tables in the spec, and the common ones."""
    names = set()
    for doc in (page, "people"):  # people.md also lists the fields every resource shares
        for line in (interop() / "osdi_docs" / f"{doc}.md").read_text().splitlines():
            found = re.match(r"^\|\s*([a-z_]+)[\s|.]", line)
            if found and (doc == page or found.group(1) in COMMON):
                names.add(found.group(1))
    return names


COMMON = {"identifiers", "origin_system", "created_date", "modified_date"}


def a_person(**changes) -> osdi.OsdiPerson:
    values: dict[str, Any] = dict(id=7, name="Bob Baker", created=MOMENT, modified=MOMENT)
    values.update(changes)
    return osdi.OsdiPerson(**values)


def an_event(**changes) -> osdi.OsdiEvent:
    values: dict[str, Any] = dict(
        id=3,
        title="Rally for the library",
        description="Bring a friend.",
        starts=MOMENT,
        ends=MOMENT + timedelta(hours=2),
        created=MOMENT,
        modified=MOMENT,
        cancelled=False,
        public=True,
        total_accepted=14,
        browser_url="https://groundwork.example/events/3/",
        time_zone="Europe/London",
        venue="Peckham Library",
        address="122 Peckham Hill St",
        postcode="SE15 5JR",
        capacity=40,
    )
    values.update(changes)
    return osdi.OsdiEvent(**values)


def a_petition() -> osdi.OsdiPetition:
    return osdi.OsdiPetition(
        id=5,
        title="Keep the library open",
        statement="We ask the council to keep it open.",
        summary="Save our library",
        created=MOMENT,
        modified=MOMENT,
        total_signatures=345,
        browser_url="https://groundwork.example/petitions/5/",
        targets=("Southwark Council", "The leader of the council"),
    )


def a_signature(signer: osdi.OsdiSigner | None = None) -> osdi.OsdiSignature:
    return osdi.OsdiSignature(
        id=11, petition_id=5, created=MOMENT, action_date=MOMENT, signer=signer
    )


def an_attendance(**changes) -> osdi.OsdiAttendance:
    values: dict[str, Any] = dict(
        id=9, event_id=3, status="confirmed", created=MOMENT, modified=MOMENT, attended=True
    )
    values.update(changes)
    return osdi.OsdiAttendance(**values)


SHAPES = [
    ("people", "people__04", lambda: osdi.person(a_person(email="bob@example.org"), BASE)),
    ("events", "events__04", lambda: osdi.event(an_event(), BASE)),
    ("attendances", "attendances__06", lambda: osdi.attendance(an_attendance(person_id=7), BASE)),
    ("petitions", "petitions__04", lambda: osdi.petition(a_petition(), BASE)),
    ("signatures", "signatures__04", lambda: osdi.signature(a_signature(), BASE)),
]


@pytest.mark.parametrize(("page", "example_name", "shape"), SHAPES, ids=[s[0] for s in SHAPES])
def test_every_field_is_one_the_spec_defines(page, example_name, shape):
    body = shape()
    known = field_names(page) | set(example(example_name))
    assert set(body) - {"_links", "_embedded"} <= known


@pytest.mark.parametrize(("page", "example_name", "shape"), SHAPES, ids=[s[0] for s in SHAPES])
def test_fields_shared_with_the_example_have_its_types(page, example_name, shape):
    body, spec = shape(), example(example_name)
    shared = (set(body) & set(spec)) - {"_links"}
    assert shared >= COMMON
    for name in shared:
        assert type(body[name]) is type(spec[name]), name


@pytest.mark.parametrize(("page", "example_name", "shape"), SHAPES, ids=[s[0] for s in SHAPES])
def test_links_are_self_and_osdi_rels_the_example_uses(page, example_name, shape):
    links, spec_links = shape()["_links"], example(example_name)["_links"]
    assert "self" in links
    assert set(links) <= set(spec_links)
    assert all(rel == "self" or rel.startswith("osdi:") for rel in links)
    assert all(value["href"].startswith(BASE + "/") for value in links.values())


@pytest.mark.parametrize(("page", "example_name", "shape"), SHAPES, ids=[s[0] for s in SHAPES])
def test_dates_are_written_as_the_spec_writes_them(page, example_name, shape):
    body, spec = shape(), example(example_name)
    for name in ("created_date", "modified_date", "start_date", "end_date", "action_date"):
        if name in spec:
            assert STAMP.match(spec[name]), name  # the rule is the spec's own
        if name in body:
            assert STAMP.match(body[name]), name


def test_a_timestamp_is_turned_to_utc_first():
    summer = datetime(2026, 7, 1, 19, 30, tzinfo=timezone(timedelta(hours=1)))
    assert osdi.timestamp(summer) == "2026-07-01T18:30:00Z"


def test_a_person_without_shared_contact_details_has_no_email_address():
    body = osdi.person(a_person(email=None), BASE)
    assert body["email_addresses"] == []
    assert "@" not in json.dumps(body)


def test_a_person_who_shared_their_email_has_it_as_the_primary_address():
    spec = example("people__04")["email_addresses"][0]
    address = osdi.person(a_person(email="bob@example.org"), BASE)["email_addresses"][0]
    assert address["address"] == "bob@example.org"
    assert set(address) <= set(spec)
    assert address["primary"] is True


def test_a_person_is_identified_in_the_spec_s_system_colon_id_form():
    body = osdi.person(a_person(), BASE)
    assert body["identifiers"] == ["groundwork:person-7"]
    assert body["_links"]["self"]["href"] == f"{BASE}/people/7"


def test_an_event_s_location_uses_the_spec_s_location_fields():
    location = osdi.event(an_event(), BASE)["location"]
    spec_fields = set(example("events__04")["location"])
    assert set(location) <= spec_fields
    assert location["address_lines"] == ["122 Peckham Hill St"]


def test_an_event_without_a_place_has_no_location():
    assert "location" not in osdi.event(an_event(venue="", address="", postcode=""), BASE)


@pytest.mark.parametrize(
    ("cancelled", "public", "status", "visibility"),
    [(False, True, "confirmed", "public"), (True, False, "cancelled", "private")],
)
def test_an_event_s_status_and_visibility_are_the_spec_s_words(
    cancelled, public, status, visibility
):
    body = osdi.event(an_event(cancelled=cancelled, public=public), BASE)
    assert (body["status"], body["visibility"]) == (status, visibility)
    docs = (interop() / "osdi_docs" / "events.md").read_text()
    assert f'"{status}"' in docs and f'"{visibility}"' in docs


@pytest.mark.parametrize(
    ("rsvp", "status"),
    [("confirmed", "accepted"), ("waitlisted", "tentative"), ("cancelled", "cancelled")],
)
def test_an_rsvp_s_status_is_one_of_the_spec_s_attendance_statuses(rsvp, status):
    assert osdi.attendance(an_attendance(status=rsvp), BASE)["status"] == status
    assert f'"{status}"' in (interop() / "osdi_docs" / "attendances.md").read_text()


def test_an_attendance_links_its_event_and_person_as_in_the_example():
    links = osdi.attendance(an_attendance(person_id=7), BASE)["_links"]
    assert links["self"]["href"] == f"{BASE}/events/3/attendances/9"
    assert links["osdi:event"]["href"] == f"{BASE}/events/3"
    assert links["osdi:person"]["href"] == f"{BASE}/people/7"


def test_an_anonymised_rsvp_links_to_nobody():
    assert "osdi:person" not in osdi.attendance(an_attendance(person_id=None), BASE)["_links"]


def test_a_petition_s_targets_are_named_as_in_the_example():
    body, spec = osdi.petition(a_petition(), BASE), example("petitions__04")
    assert [set(target) for target in body["target"]] == [set(t) for t in spec["target"]]
    assert body["total_signatures"] == 345


def test_a_signature_without_a_visible_signer_embeds_nobody():
    assert "_embedded" not in osdi.signature(a_signature(), BASE)


def test_a_visible_signer_is_embedded_with_the_person_s_fields():
    signer = osdi.OsdiSigner(name="Carol", email="carol@example.org", postcode_district="SE15")
    embedded = osdi.signature(a_signature(signer), BASE)["_embedded"]["osdi:person"]
    assert set(embedded) <= set(example("people__04"))
    assert embedded["email_addresses"][0]["address"] == "carol@example.org"


COLLECTIONS = [
    ("people", "people__02", osdi.person, [a_person(id=n) for n in (1, 2)]),
    ("events", "events__02", osdi.event, [an_event(id=n) for n in (1, 2)]),
    ("attendances", "attendances__02", osdi.attendance, [an_attendance(id=n) for n in (1, 2)]),
    ("petitions", "petitions__02", osdi.petition, [a_petition()]),
    ("signatures", "signatures__02", osdi.signature, [a_signature()]),
]


@pytest.mark.parametrize(
    ("kind", "example_name", "shape", "items"), COLLECTIONS, ids=[c[0] for c in COLLECTIONS]
)
def test_a_collection_has_the_example_s_paging_fields_links_and_embedded_items(
    kind, example_name, shape, items
):
    spec = example(example_name)
    page = osdi.page_of(1, 25, total_records=spec["total_records"])
    body = osdi.collection(kind, items, shape, page=page, base=BASE, path=kind)
    assert set(body) == set(spec)
    for name in ("total_pages", "per_page", "page", "total_records"):
        assert body[name] == spec[name], name
    assert set(body["_embedded"]) == set(spec["_embedded"]) == {f"osdi:{kind}"}
    # The attendances example links its items as "osdi:submissions", a slip copied upstream from
    # the submissions page: its own _embedded key, and the field table, say "osdi:attendances".
    spec_rels = {rel.replace("osdi:submissions", f"osdi:{kind}") for rel in spec["_links"]}
    assert {"self", "next", "curies", f"osdi:{kind}"} <= spec_rels
    assert {"self", "next", "curies", f"osdi:{kind}"} == set(body["_links"])
    assert body["_links"]["next"]["href"] == f"{BASE}/{kind}?page=2"
    assert set(body["_links"]["curies"][0]) == set(spec["_links"]["curies"][0])
    assert body["_links"]["curies"][0]["name"] == "osdi"
    assert [item["_links"]["self"] for item in body["_embedded"][f"osdi:{kind}"]] == body["_links"][
        f"osdi:{kind}"
    ]


def test_the_curie_points_at_the_spec_s_page_for_each_collection():
    href = osdi.curies()[0]["href"]
    for kind in ("people", "events", "attendances", "petitions", "signatures"):
        page = href.replace("{rel}", kind).rsplit("/", 1)[1].removesuffix(".html")
        assert (interop() / "osdi_docs" / f"{page}.md").exists()


def test_action_network_s_own_page_has_the_same_paging_fields():
    page = json.loads((interop() / "action_network_rest_fixtures" / "events_list.json").read_text())
    body = osdi.collection(
        "events", [], osdi.event, page=osdi.page_of(1, 25, 0), base=BASE, path="events"
    )
    assert set(body) == set(page)


def test_the_last_page_has_a_previous_link_and_no_next():
    body = osdi.collection(
        "people", [], osdi.person, page=osdi.page_of(3, 10, 25), base=BASE, path="people"
    )
    assert (body["page"], body["total_pages"]) == (3, 3)
    assert "next" not in body["_links"]
    assert body["_links"]["previous"]["href"] == f"{BASE}/people?page=2&per_page=10"
    assert body["_links"]["self"]["href"] == f"{BASE}/people?page=3&per_page=10"


def test_the_query_of_a_collection_is_kept_in_its_links():
    body = osdi.collection(
        "events",
        [],
        osdi.event,
        page=osdi.page_of(1, 25, 30),
        base=BASE,
        path="events",
        query={"group": "riverside"},
    )
    assert body["_links"]["next"]["href"] == f"{BASE}/events?group=riverside&page=2"


@pytest.mark.parametrize(
    ("page", "per_page", "expected"),
    [(None, None, (1, 25)), (0, 0, (1, 25)), (-3, 500, (1, 100)), (4, 10, (4, 10))],
)
def test_a_page_out_of_range_is_brought_into_range(page, per_page, expected):
    chosen = osdi.page_of(page, per_page, total_records=0)
    assert (chosen.number, chosen.per_page) == expected
    assert chosen.total_pages == 1


def test_an_empty_collection_has_one_page_and_no_items():
    body = osdi.collection(
        "people", [], osdi.person, page=osdi.page_of(1, 25, 0), base=BASE, path="people"
    )
    assert (body["total_pages"], body["total_records"]) == (1, 0)
    assert body["_embedded"] == {"osdi:people": []}
    assert body["_links"]["osdi:people"] == []


def test_the_entry_point_links_each_collection():
    body = osdi.entry_point(osdi.EntryPoint(motd="Hello"), BASE)
    assert body["_links"]["osdi:people"]["href"] == f"{BASE}/people"
    assert body["_links"]["osdi:events"]["href"] == f"{BASE}/events"
    assert body["_links"]["self"]["href"] == BASE
    assert body["max_pagesize"] == osdi.MAX_PER_PAGE
