"""The coordinators' import page: upload, preview, dry run in the job worker with its progress,
apply, and the bad uploads refused at the field (the parsers stood in for)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import client_for
from groundwork.core.models import AuditEntry
from groundwork.notifications.models import Notification
from groundwork.outcomes.actions import do_run_indicator_import
from groundwork.outcomes.models import IndicatorImport, Observation
from groundwork.outcomes.tests.factories import england, make_area
from groundwork.outcomes.tests.import_fakes import csv_file, fake_parsers  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_parsers", "media")]

PAGE = reverse("outcomes:imports")
FILE = csv_file(
    "E09000022,Lambeth,2019,7.1",
    "E09000022,Lambeth,2020,..",
    ",Atlantis,2020,3",
    "E92000001,England,2020,9.1",
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def areas(db):
    make_area("E09000022", "Lambeth")
    england()


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """POST as the page would be posted, with what it enqueues on commit enqueued."""

    def post(client, path, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(path, data or {})

    return post


def upload(data: bytes = FILE, name: str = "depression.csv") -> dict:
    return {"file": SimpleUploadedFile(name, data, content_type="text/csv"), "format": ""}


def test_upload_preview_dry_run_and_apply_through_the_worker(admin, areas, run_jobs, post, media):
    client = client_for(admin)
    response = post(client, PAGE, upload())
    dry_run = IndicatorImport.objects.get()
    assert response.status_code == 302 and response["Location"] == dry_run.get_absolute_url()

    waiting = client.get(dry_run.get_absolute_url()).text
    assert "OHID Fingertips tidy long file" in waiting  # the format detected
    assert "0 of 4 rows checked" in waiting and 'http-equiv="refresh"' in waiting
    assert "4 figures read." in waiting and "1 area name matches no area." in waiting
    assert "Atlantis" in waiting and "<td>7.1</td>" in waiting

    run_jobs()
    page = client.get(dry_run.get_absolute_url()).text
    assert "Dry run: nothing was changed. Had it been applied:" in page
    assert "4 rows: 3 added, 0 updated, 0 unchanged, 1 skipped" in page
    assert "Line 4: no area is named “Atlantis”" in page
    assert 'http-equiv="refresh"' not in page
    assert not Observation.objects.exists()
    assert Notification.objects.get(user=admin).url == dry_run.get_absolute_url()

    applied = post(client, reverse("outcomes:import_apply", args=[dry_run.pk]))
    run_jobs()
    real = IndicatorImport.objects.exclude(pk=dry_run.pk).get()
    assert applied["Location"] == real.get_absolute_url() and not real.dry_run
    page = client.get(real.get_absolute_url()).text
    assert "Applied:" in page and "4 rows: 3 added, 0 updated, 0 unchanged, 1 skipped" in page
    assert Observation.objects.count() == 3
    assert (real.__class__.objects.get(pk=real.pk).rows_done, real.rows_total) == (4, 4)
    # The stored upload is gone once applied.
    assert not list((media / "outcomes" / "imports").iterdir())
    assert AuditEntry.objects.filter(verb="indicators.imported", target_id=str(real.pk)).exists()

    # Applying the same dry run again queues nothing.
    again = post(client, reverse("outcomes:import_apply", args=[dry_run.pk]))
    assert again["Location"] == dry_run.get_absolute_url()
    assert IndicatorImport.objects.count() == 2


def test_the_page_shows_the_workers_progress(admin, areas, post):
    client = client_for(admin)
    post(client, PAGE, upload())
    running = IndicatorImport.objects.get()
    IndicatorImport.objects.filter(pk=running.pk).update(status="running", rows_done=2)
    page = client.get(running.get_absolute_url()).text
    assert "Running: 2 of 4 rows checked." in page
    assert 'value="2" max="4"' in page


def test_a_run_of_a_finished_import_does_nothing(admin, areas, post, run_jobs):
    post(client_for(admin), PAGE, upload())
    run_jobs()
    assert do_run_indicator_import(IndicatorImport.objects.get()) == "nothing to do"


def test_a_job_run_again_after_its_writes_committed_only_finishes(admin, areas, post, run_jobs):
    client = client_for(admin)
    post(client, PAGE, upload())
    run_jobs()
    dry_run = IndicatorImport.objects.get()
    post(client, reverse("outcomes:import_apply", args=[dry_run.pk]))
    run_jobs()
    applied = IndicatorImport.objects.get(dry_run=False)
    # As if the worker had stopped after the import's transaction, before marking it done.
    IndicatorImport.objects.filter(pk=applied.pk).update(status="running")
    applied.refresh_from_db()
    assert do_run_indicator_import(applied) == "done"
    applied.refresh_from_db()
    assert applied.status == "done"
    assert applied.summary == "4 rows: 3 added, 0 updated, 0 unchanged, 1 skipped"
    assert Observation.objects.count() == 3


@pytest.mark.parametrize(
    "data, name, message",
    [
        (FILE, "depression.xlsx", "Choose a CSV file"),
        (b"what,is,this\n1,2,3\n", "odd.csv", "none of the formats Groundwork reads"),
        (b"\xff\xfe\x00binary", "odd.csv", "This is not a text (CSV) file."),
    ],
)
def test_a_bad_upload_is_refused_at_the_field(admin, data, name, message):
    response = client_for(admin).post(PAGE, upload(data, name))
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["file"])
    assert not IndicatorImport.objects.exists()


def test_only_coordinators_reach_the_page(alice, bob, dan):
    for user in (alice, bob, dan):
        assert client_for(user).get(PAGE).status_code == 404
    assert client_for(alice).post(PAGE, upload()).status_code == 404


@pytest.mark.parametrize("imports", [1, 10, 100])
def test_the_list_takes_the_same_queries_however_many_imports(
    admin, imports, django_assert_max_num_queries
):
    IndicatorImport.objects.bulk_create(
        IndicatorImport(
            file_name=f"f{n}.csv", sha256="0" * 64, format="fingertips", started_by=admin
        )
        for n in range(imports)
    )
    client = client_for(admin)
    with django_assert_max_num_queries(12):
        assert client.get(PAGE).status_code == 200


@pytest.mark.parametrize("lines", [1, 10, 100])
def test_an_imports_page_takes_the_same_queries_however_many_lines_were_skipped(
    admin, lines, django_assert_max_num_queries
):
    skipped = [{"line": n, "reason": "no area is named “Atlantis”"} for n in range(lines)]
    done = IndicatorImport.objects.create(
        file_name="f.csv", sha256="0" * 64, format="fingertips", status="done", report=skipped
    )
    client = client_for(admin)
    with django_assert_max_num_queries(10):
        page = client.get(done.get_absolute_url())
    assert page.status_code == 200 and f"Line {lines - 1}: no area is named" in page.text
