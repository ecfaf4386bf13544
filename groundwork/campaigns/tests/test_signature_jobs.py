"""An unconfirmed signature is forgotten by a job at its link's expiry, without a cron; a
confirmed one stays; the job is idempotent and follows a renewed link."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from groundwork.campaigns import actions
from groundwork.campaigns.models import Signature
from groundwork.campaigns.tasks import forget_unverified_signature
from groundwork.campaigns.tests.factories import (
    add_target,
    fast_forward_past_expiry,
    open_petition,
    sign,
    start_campaign,
)
from groundwork.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def jobs():
    return DBTaskResult.objects.filter(task_path__endswith="forget_unverified_signature")


def make_due() -> None:
    jobs().update(run_after=timezone.now() - timedelta(seconds=1))


@pytest.fixture
def petition(riverside):
    campaign = start_campaign(riverside)
    return open_petition(campaign, target=add_target(campaign))


def sign_and_commit(petition, email, capture):
    with capture(execute=True):
        return sign(petition, email)


def test_an_unconfirmed_signature_is_forgotten_when_its_link_expires_and_not_before(
    petition, run_jobs, django_capture_on_commit_callbacks
):
    signature = sign_and_commit(petition, "late@example.net", django_capture_on_commit_callbacks)
    job = jobs().get()
    assert abs(job.run_after - actions.signature_expires_at(signature)) < timedelta(seconds=1)
    run_jobs()
    assert Signature.objects.filter(pk=signature.pk).exists(), "not yet due"

    fast_forward_past_expiry(signature)
    make_due()
    run_jobs()
    assert not Signature.objects.filter(pk=signature.pk).exists()
    entry = AuditEntry.objects.get(verb="petition.unverified_signature_forgotten")
    logged = repr(entry.new) + entry.target_label
    assert "late@example.net" not in logged and "Sam Signer" not in logged


def test_a_confirmed_signature_stays_when_its_job_comes_due(
    petition, run_jobs, django_capture_on_commit_callbacks
):
    signature = sign_and_commit(petition, "keen@example.net", django_capture_on_commit_callbacks)
    actions.check_verify_signature(signature)
    fast_forward_past_expiry(signature)
    make_due()
    run_jobs()
    assert Signature.objects.filter(pk=signature.pk, verified_at__isnull=False).exists()
    petition.refresh_from_db()
    assert petition.signature_count == 1


def test_a_job_for_a_renewed_link_comes_back_at_the_new_expiry(
    petition, run_jobs, django_capture_on_commit_callbacks
):
    signature = sign_and_commit(petition, "again@example.net", django_capture_on_commit_callbacks)
    fast_forward_past_expiry(signature)
    sign_and_commit(petition, "again@example.net", django_capture_on_commit_callbacks)  # renewed
    make_due()
    run_jobs()
    assert Signature.objects.filter(pk=signature.pk).exists()
    renewed = Signature.objects.get(pk=signature.pk)
    waiting = jobs().filter(status="READY")
    assert waiting.exists()
    assert all(
        abs(job.run_after - actions.signature_expires_at(renewed)) < timedelta(seconds=1)
        for job in waiting
    )


def test_running_the_job_again_or_for_a_forgotten_signature_does_nothing(petition):
    signature = sign(petition, "twice@example.net")
    fast_forward_past_expiry(signature)
    assert forget_unverified_signature.call(signature.pk) == "forgotten"
    assert forget_unverified_signature.call(signature.pk) == "nothing to do"
    assert AuditEntry.objects.filter(verb="petition.unverified_signature_forgotten").count() == 1


@override_settings(
    TASKS={"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
)
def test_a_backend_that_cannot_wait_leaves_signatures_to_the_periodic_sweep(
    petition, django_capture_on_commit_callbacks
):
    signature = sign_and_commit(petition, "sweep@example.net", django_capture_on_commit_callbacks)
    assert Signature.objects.filter(pk=signature.pk).exists()
    fast_forward_past_expiry(signature)
    assert actions.do_prune_unverified_signatures() == 1
