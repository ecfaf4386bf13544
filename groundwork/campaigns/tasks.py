"""Background jobs of campaigns: forgetting signatures nobody confirmed.

Each signature gets a job at its link's expiry (run_after: the database and Redis backends defer
it; the Redis worker needs `--with-scheduler`), so no cron is needed. The periodic sweep
`prune_unverified_signatures` stays for anything a lost job left behind.
"""

from datetime import datetime

from django.tasks import task

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
    """Forget the signature if its link expired unverified, or come back if it was renewed
    (do_forget_signature_when_expired)."""
    signature = Signature.objects.filter(pk=signature_id, verified_at=None).first()
    return actions.do_forget_signature_when_expired(signature) if signature else "nothing to do"


@task()
def prune_unverified_signatures() -> int:
    """Delete unverified signatures older than the verification window (idempotent)."""
    return actions.do_prune_unverified_signatures()
