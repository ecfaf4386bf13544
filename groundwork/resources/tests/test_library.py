"""The library: who sees what, adding and editing, uploads, markdown, forking, downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.groups.tests.factories import UserFactory, make_organiser
from groundwork.resources import actions
from groundwork.resources.models import Resource
from groundwork.resources.tests.factories import PDF, PNG, add_resource, fork_into, pdf_upload

pytestmark = pytest.mark.django_db

CAST = ["anon", "dan", "bob", "carol", "alice", "admin"]
SEES = {
    "public": {"anon", "dan", "bob", "carol", "alice", "admin"},
    "alliance": {"bob", "carol", "alice", "admin"},
    "group": {"bob", "alice"},  # Riverside's own
}


@pytest.fixture
def cast(anon, dan, bob, carol, alice, admin):
    return {
        "anon": anon,
        "dan": client_for(dan),
        "bob": client_for(bob),
        "carol": client_for(carol),
        "alice": client_for(alice),
        "admin": client_for(admin),
    }


@pytest.mark.parametrize("scope", ["public", "alliance", "group"])
def test_a_resource_page_is_seen_only_by_those_its_scope_allows(cast, riverside, bob, scope):
    resource = add_resource(riverside, bob, title="Door-knocking guide", scope=scope)
    for who in CAST:
        response = cast[who].get(resource.get_absolute_url())
        assert response.status_code == (200 if who in SEES[scope] else 404), who


def test_the_library_lists_only_what_each_person_may_see(cast, riverside, hillside, bob, carol):
    add_resource(riverside, bob, title="Riverside public leaflet", scope="public")
    add_resource(riverside, bob, title="Riverside alliance guide", scope="alliance")
    add_resource(riverside, bob, title="Riverside rota", scope="group")
    add_resource(hillside, carol, title="Hillside rota", scope="group")
    titles = {
        who: {r.title for r in cast[who].get(reverse("resources:library")).context["page"]}
        for who in CAST
    }
    assert titles["anon"] == titles["dan"] == {"Riverside public leaflet"}
    assert (
        titles["bob"]
        == titles["alice"]
        == {
            "Riverside public leaflet",
            "Riverside alliance guide",
            "Riverside rota",
        }
    )
    assert titles["carol"] == {
        "Riverside public leaflet",
        "Riverside alliance guide",
        "Hillside rota",
    }
    assert titles["admin"] == {"Riverside public leaflet", "Riverside alliance guide"}


def form_data(**values):
    return {
        "title": "Running a street stall",
        "kind": "guide",
        "scope": "alliance",
        "summary": "Tables, leaflets, clipboards.",
        "body": "Bring **water**.",
        "link": "",
        "tags": "stalls, outreach",
    } | values


def test_bob_adds_a_resource_to_riverside_with_tags_and_an_audit_entry(riverside, bob):
    data = form_data(group=riverside.pk, attachment=pdf_upload())
    response = client_for(bob).post(reverse("resources:create"), data)
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert response["Location"] == resource.get_absolute_url()
    assert resource.group == riverside
    assert resource.tag_names == "outreach, stalls"
    assert resource.attachment_type == "application/pdf"
    assert AuditEntry.objects.filter(verb="resource.added", target_id=str(resource.pk)).exists()


@pytest.mark.parametrize("who", ["dan"])
def test_someone_in_no_group_cannot_add_to_the_library(who, dan):
    assert client_for(dan).get(reverse("resources:create")).status_code == 404


def test_anon_is_sent_to_sign_in_to_add(anon):
    response = anon.get(reverse("resources:create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_bob_cannot_add_to_a_group_he_is_not_in(riverside, hillside, bob):
    response = client_for(bob).post(reverse("resources:create"), form_data(group=hillside.pk))
    assert response.status_code == 400
    assert not Resource.objects.exists()


def test_only_coordinators_add_to_the_alliance_library(riverside, bob, admin):
    response = client_for(bob).post(reverse("resources:create"), form_data(group=""))
    assert response.status_code == 400
    response = client_for(admin).post(reverse("resources:create"), form_data(group=""))
    assert response.status_code == 302
    assert Resource.objects.get().group is None


def test_the_alliance_library_cannot_hold_a_group_only_resource(admin):
    data = form_data(group="", scope="group")
    response = client_for(admin).post(reverse("resources:create"), data)
    assert response.status_code == 400
    assert "shared with the alliance or the public" in response.content.decode()


# --- uploads -------------------------------------------------------------------------------


def assert_refused_and_kept(response, message: str) -> None:
    """Refused with the message next to the file field, and everything typed still there."""
    html = response.content.decode()
    assert response.status_code == 400
    assert not Resource.objects.exists()
    errors = response.context["form"].errors
    assert list(errors) == ["attachment"]
    assert message in errors["attachment"][0]
    assert 'value="Running a street stall"' in html
    assert 'value="Tables, leaflets, clipboards."' in html
    assert "Bring **water**." in html
    assert 'value="stalls, outreach"' in html
    assert 'value="alliance" selected' in html or 'value="alliance" checked' in html


def test_a_file_over_the_limit_is_refused_and_the_form_kept(settings, riverside, bob):
    settings.GROUNDWORK_UPLOAD_MAX_BYTES = 1024
    upload = pdf_upload(content=PDF + b"0" * 2048)
    data = form_data(group=riverside.pk, attachment=upload)
    response = client_for(bob).post(reverse("resources:create"), data)
    assert_refused_and_kept(response, "the largest file the library takes is 1.0\xa0KB")


def test_a_forbidden_type_is_refused_by_its_name(riverside, bob):
    upload = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/pdf")
    data = form_data(group=riverside.pk, attachment=upload)
    response = client_for(bob).post(reverse("resources:create"), data)
    assert_refused_and_kept(response, "“tool.exe” is not one of them")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leaflet.pdf", PNG),  # a picture calling itself a PDF
        ("photo.png", b"MZ\x90\x00\x03\x00\x00\x00"),  # a program calling itself a picture
        ("notes.txt", b"\x00\x01\x02binary"),
        ("letter.docx", b"PK\x03\x04not really a zip"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(riverside, bob, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    data = form_data(group=riverside.pk, attachment=upload)
    response = client_for(bob).post(reverse("resources:create"), data)
    assert_refused_and_kept(response, "does not contain what its name says")


def _docx() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _odt() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("guide.pdf", PDF, "application/pdf"),
        ("poster.png", PNG, "image/png"),
        ("photo.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        ("notes.txt", "Café notes, £5".encode(), "text/plain"),
        ("contacts.csv", b"name,ward\nAda,Peckham\n", "text/csv"),
        (
            "letter.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("minutes.odt", _odt(), "application/vnd.oasis.opendocument.text"),
    ],
)
def test_the_allowed_types_are_accepted(riverside, bob, name, content, expected):
    data = form_data(group=riverside.pk, attachment=SimpleUploadedFile(name, content))
    assert client_for(bob).post(reverse("resources:create"), data).status_code == 302
    assert Resource.objects.get().attachment_type == expected


def test_downloads_go_through_the_permission_check(riverside, bob, carol, anon, settings):
    resource = add_resource(riverside, bob, scope="group", attachment=pdf_upload("rota.pdf"))
    url = reverse("resources:download", args=[resource.pk])
    response = client_for(bob).get(url)
    assert response.status_code == 200
    assert response.getvalue() == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert client_for(carol).get(url).status_code == 404
    assert anon.get(url).status_code == 404
    page = client_for(bob).get(resource.get_absolute_url()).content.decode()
    assert url in page
    assert settings.MEDIA_URL not in page
    assert resource.attachment.name
    assert resource.attachment.name not in page  # the storage path is never shown


def test_a_resource_without_a_file_has_no_download(riverside, bob):
    resource = add_resource(riverside, bob)
    url = reverse("resources:download", args=[resource.pk])
    assert client_for(bob).get(url).status_code == 404


# --- markdown ------------------------------------------------------------------------------


def test_markdown_in_a_resource_cannot_carry_script(riverside, bob, carol):
    body = (
        "Hello <script>alert('x')</script>\n\n"
        "[click](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n"
        "**bold**"
    )
    resource = add_resource(riverside, bob, body=body)
    html = client_for(carol).get(resource.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "<img" not in html  # the tag is shown as text, escaped


# --- editing and removing ------------------------------------------------------------------


def test_the_author_and_the_organiser_may_edit_but_nobody_else(cast, riverside, bob):
    resource = add_resource(riverside, bob)
    url = reverse("resources:edit", args=[resource.pk])
    expected = {"anon": 302, "dan": 404, "bob": 200, "carol": 404, "alice": 200, "admin": 404}
    assert {who: cast[who].get(url).status_code for who in CAST} == expected


def test_editing_keeps_the_file_and_records_what_changed(riverside, bob):
    resource = add_resource(riverside, bob, attachment=pdf_upload())
    data = form_data(title="Running a better stall")
    response = client_for(bob).post(reverse("resources:edit", args=[resource.pk]), data)
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Running a better stall"
    assert resource.attachment_name == "guide.pdf"
    entry = AuditEntry.objects.get(verb="resource.updated")
    assert entry.old["title"] == "A guide"
    assert entry.new["title"] == "Running a better stall"


def test_carol_cannot_remove_riverside_s_resource(riverside, bob, carol):
    resource = add_resource(riverside, bob)
    response = client_for(carol).post(reverse("resources:delete", args=[resource.pk]))
    assert response.status_code == 404
    assert Resource.objects.filter(pk=resource.pk).exists()


# --- forking -------------------------------------------------------------------------------


def test_alice_forks_a_hillside_resource_into_riverside_with_its_provenance(
    hillside, riverside, carol, alice
):
    original = add_resource(hillside, carol, title="Save our library", tags=("libraries",))
    response = client_for(alice).post(
        reverse("resources:fork", args=[original.pk]), {"group": riverside.pk}
    )
    fork = Resource.objects.get(forked_from=original)
    assert response.status_code == 302
    assert response["Location"] == fork.get_absolute_url()
    assert (fork.group, fork.scope, fork.tag_names) == (riverside, "group", "libraries")
    original.refresh_from_db()
    assert original.used_by_count == 1
    page = client_for(alice).get(fork.get_absolute_url()).content.decode()
    assert "Forked from" in page
    assert "Save our library" in page
    assert "by Hillside" in page
    assert AuditEntry.objects.filter(verb="resource.forked", group_id=riverside.pk).exists()


def test_forking_twice_keeps_one_fork_and_the_count(hillside, riverside, carol, alice):
    original = add_resource(hillside, carol)
    assert fork_into(original, riverside, alice) == fork_into(original, riverside, alice)
    original.refresh_from_db()
    assert original.used_by_count == 1


def test_removing_the_fork_gives_the_count_back_and_provenance_survives_the_original(
    hillside, riverside, carol, alice
):
    original = add_resource(hillside, carol, title="Original")
    fork = fork_into(original, riverside, alice)
    actions.do_delete_resource(original, acting_user=carol)
    fork.refresh_from_db()
    assert fork.forked_from is None
    assert (fork.forked_from_title, fork.forked_from_group_name) == ("Original", "Hillside")
    second = add_resource(hillside, carol, title="Second")
    second_fork = fork_into(second, riverside, alice)
    client_for(alice).post(reverse("resources:delete", args=[second_fork.pk]))
    second.refresh_from_db()
    assert second.used_by_count == 0
    assert AuditEntry.objects.filter(verb="resource.unforked").exists()


@pytest.mark.parametrize("who", ["anon", "dan", "bob", "carol", "admin"])
def test_only_an_organiser_of_another_group_may_fork(cast, hillside, riverside, carol, who):
    original = add_resource(hillside, carol)
    response = cast[who].post(
        reverse("resources:fork", args=[original.pk]), {"group": riverside.pk}
    )
    assert response.status_code in (302, 404)
    if who != "anon":
        assert response.status_code == 404
    assert not Resource.objects.filter(forked_from=original).exists()


def test_alice_cannot_fork_into_a_group_she_does_not_organise(hillside, riverside, carol, alice):
    other = add_resource(riverside, alice)
    response = client_for(alice).post(
        reverse("resources:fork", args=[other.pk]), {"group": hillside.pk}
    )
    assert response.status_code == 404  # her own group's resource: nothing to fork into
    original = add_resource(hillside, carol)
    response = client_for(alice).post(
        reverse("resources:fork", args=[original.pk]), {"group": hillside.pk}
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_an_organiser_without_two_factor_is_sent_to_set_it_up_before_forking(
    hillside, riverside, carol
):
    olive = UserFactory(email="olive@example.org")
    from groundwork.groups.actions import do_appoint_organiser

    do_appoint_organiser(riverside, olive, acting_user=None)
    original = add_resource(hillside, carol)
    response = client_for(olive).post(
        reverse("resources:fork", args=[original.pk]), {"group": riverside.pk}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert not Resource.objects.filter(forked_from=original).exists()
    make_organiser(riverside, olive)
    response = client_for(olive).post(
        reverse("resources:fork", args=[original.pk]), {"group": riverside.pk}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("words", ["", "leaflet"])
def test_the_library_pages_twenty_at_a_time_and_past_the_end_shows_the_last(riverside, bob, words):
    """Browsing and searching alike: page 2 of 25 holds the last 5; a page past the end, or a
    number no database integer holds, shows the last page; nonsense, the first."""
    for n in range(25):
        add_resource(riverside, bob, title=f"Leaflet {n:02d}", tags=("leaflet",))
    client = client_for(bob)

    def shown(page: str) -> tuple[int, int]:
        response = client.get(reverse("resources:library"), {"q": words, "page": page})
        assert response.status_code == 200
        return response.context["page"].number, len(response.context["page"].object_list)

    assert shown("1") == (1, 20) and shown("2") == (2, 5)
    assert shown("3") == shown("9" * 25) == (2, 5)
    assert shown("two") == (1, 20)
