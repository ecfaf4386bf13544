"""Background jobs of campaigns: forgetting signatures nobody confirmed.

Each signature gets a job at its link's expiry (run_after: the database and Redis backends defer
it; the Redis worker needs `--with-scheduler`), so no cron is needed. The periodic sweep
`prune_unverified_signatures` stays for anything a lost job left behind.
"""

from datetime import datetime

from django.tasks import task
from django.utils import timezone

from groundwork.campaigns import actions
from groundwork.campaigns.models import Signature


def schedule_forgetting(signature_id: int, expires_at: datetime) -> None:
    """Enqueue forget_unverified_signature to run at `expires_at` (a backend that cannot defer
    jobs, such as the in-process one, leaves it to the sweep)."""
    if not forget_unverified_signature.get_backend().supports_defer:
        return
    forget_unverified_signature.using(run_after=expires_at).enqueue(signature_id)


@task()
def forget_unverified_signature(signature_id: int) -> str:
    """Forget the signature if its link expired unverified; if it was renewed, come back then."""
    signature = Signature.objects.filter(pk=signature_id, verified_at=None).first()
    if signature is None:
        return "nothing to do"
    expires_at = actions.signature_expires_at(signature)
    if expires_at >= timezone.now():
        schedule_forgetting(signature_id, expires_at)
        return "rescheduled"
    return "forgotten" if actions.do_forget_unverified_signature(signature_id) else "kept"


@task()
def prune_unverified_signatures() -> int:
    """Delete unverified signatures older than the verification window (idempotent)."""
    return actions.do_prune_unverified_signatures()
