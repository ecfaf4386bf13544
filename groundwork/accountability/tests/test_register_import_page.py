"""The coordinators' import page: upload, dry run in the job worker, apply, and the reports."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from groundwork.accountability.actions import do_run_register_import
from groundwork.accountability.models import Membership, Person, RegisterImport
from groundwork.accountability.tests.test_import_representatives import (
    COUNCILLORS,
    LOOKUP_2022,
    LOOKUP_2025,
    POPOLO,
    TRAFFORD,
    YNMP,
    shared,
)
from groundwork.core.models import AuditEntry
from groundwork.notifications.models import Notification

pytestmark = pytest.mark.django_db

PAGE = reverse("accountability:register_imports")


def upload(relative: str) -> SimpleUploadedFile:
    path = shared(relative)
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST as the page would be posted, with what it enqueues on commit enqueued."""

    def post(client, path, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {})

    return post


def council_form(*, lookup: str = LOOKUP_2025, dry_run: bool = True) -> dict:
    form = {
        "file": upload(COUNCILLORS),
        "format": "council-csv",
        "council": TRAFFORD.lower(),
        "lookup": upload(lookup),
        "as_of": "2024-05-23",
    }
    return form | ({"dry_run": "on"} if dry_run else {})


def test_a_dry_run_in_the_worker_reports_what_would_change_and_changes_nothing(
    admin, run_jobs, post
):
    client = client_for(admin)
    response = post(client, PAGE, council_form())
    register_import = RegisterImport.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == register_import.get_absolute_url()
    )
    assert "Waiting for the job worker: 63 rows." in client.get(response["Location"]).text

    run_jobs()

    page = client.get(register_import.get_absolute_url()).text
    assert "Nothing was changed. Had it been applied:" in page
    assert "63 rows: 63 added, 0 updated, 0 unchanged, 0 skipped, 0 no longer serving" in page
    assert Person.objects.count() == 0
    assert Notification.objects.get(user=admin).url == register_import.get_absolute_url()

    applied = post(
        client, reverse("accountability:register_import_apply", args=[register_import.pk])
    )
    run_jobs()
    second = RegisterImport.objects.exclude(pk=register_import.pk).get()
    assert applied["Location"] == second.get_absolute_url() and not second.dry_run
    assert "Applied:" in client.get(second.get_absolute_url()).text
    assert Membership.objects.filter(end_date__isnull=True).count() == 63
    # The dry run's own audit entry went with its rolled-back savepoint: one import happened.
    assert AuditEntry.objects.filter(verb="register.imported").count() == 1


def test_the_wrong_years_lookup_lists_every_skipped_row_on_the_page(admin, run_jobs, post):
    client = client_for(admin)
    post(client, PAGE, council_form(lookup=LOOKUP_2022, dry_run=False))
    run_jobs()
    register_import = RegisterImport.objects.get()
    page = client.get(register_import.get_absolute_url()).text
    assert register_import.summary.startswith(
        "63 rows: 30 added, 0 updated, 0 unchanged, 33 skipped"
    )
    assert "33 rows skipped" in page
    first = register_import.skipped[0]
    assert f"Line {first['line']}: {first['reason']}" in page.replace("&#x27;", "'")


def test_a_councils_list_without_its_council_is_refused_next_to_the_field_keeping_the_rest(admin):
    form = council_form()
    form["council"] = ""
    response = client_for(admin).post(PAGE, form)
    assert response.status_code == 400
    assert "needs the council&#x27;s GSS code" in response.text
    assert 'value="2024-05-23"' in response.text  # what was typed stays
    assert "choose them again" in response.text
    assert not RegisterImport.objects.exists()


def test_a_file_of_another_format_is_refused_with_the_readers_reason(admin):
    form = {"file": upload(YNMP), "format": "popolo", "as_of": "2015-05-08", "dry_run": "on"}
    response = client_for(admin).post(PAGE, form)
    assert response.status_code == 400
    assert "Not JSON: Expecting value: line 1 column 1" in response.text
    assert not RegisterImport.objects.exists()


def test_an_import_whose_worker_died_is_done_whole_when_the_job_runs_again(admin):
    client_for(admin).post(PAGE, council_form(dry_run=False))
    register_import = RegisterImport.objects.get()
    # A worker took it and died: the status says running, and nothing of it was committed.
    RegisterImport.objects.filter(pk=register_import.pk).update(status="running")
    assert do_run_register_import(register_import) == "done"
    assert do_run_register_import(register_import) == "nothing to do"
    assert Membership.objects.filter(end_date__isnull=True).count() == 63


def test_the_popolo_file_uploaded_adds_every_mp(admin, run_jobs, post):
    form = {"file": upload(POPOLO), "format": "popolo", "as_of": "2015-03-30"}
    post(client_for(admin), PAGE, form)
    run_jobs()
    assert RegisterImport.objects.get().summary.startswith("672 rows: 672 added")


@pytest.mark.parametrize("imports", [1, 10, 100])
def test_the_import_page_asks_the_same_number_of_queries_however_many_imports(
    admin, imports, django_assert_max_num_queries
):
    RegisterImport.objects.bulk_create(
        RegisterImport(format="ynmp", file_name=f"f{n}.csv", text="x" * 1000, as_of="2015-05-08")
        for n in range(imports)
    )
    client = client_for(admin)
    with django_assert_max_num_queries(8):
        assert client.get(PAGE).status_code == 200
