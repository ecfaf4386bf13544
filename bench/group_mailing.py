"""Organisers' email to a 5,000-member group: queued at once, sent at the SMTP server's pace.

    .venv/bin/python bench/group_mailing.py [--members 5000] [--database groundwork_bench_mailing]
        [--connections 2]

Uses a PostgreSQL database on 127.0.0.1:5432 (user postgres, trust), created and migrated if
missing, with a group of `--members` members who agreed to emails from organisers. Measures, on
loopback only and bounded in time:

1. queueing: `check_send_mailing`, the action the send button calls (the transaction, the audit
   entry and the job row included), in process, median of 20 runs; and the preview's count;
2. the SMTP server's own pace: an aiosmtpd sink in a subprocess receives the mailing's messages,
   built beforehand, from smtplib over one connection (what no sender over one connection can
   beat), and over `--connections` at once, one thread each (the pace for that many);
3. the job worker: a real `manage.py db_worker` subprocess sends the mailing to the same sink,
   with GROUNDWORK_MAILING_CONNECTIONS=`--connections`; its rate, from the first batch to the
   mailing's end, against both paces of (2);
4. other jobs are not blocked: an email job enqueued while the mailing is being sent must finish
   before the mailing does.
"""

import argparse
import email.policy
import os
import smtplib
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
SERVER = "postgres://postgres@127.0.0.1:5432"
MAX_SECONDS = 600


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_sink(port: int) -> subprocess.Popen:
    """An SMTP server on loopback that accepts and discards every message."""
    sink = subprocess.Popen(
        [
            str(PYTHON),
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Sink",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return sink
        except OSError:
            time.sleep(0.05)
    sink.kill()
    raise SystemExit("the SMTP sink did not start")


def setup_django(database: str, port: int) -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"{SERVER}/{database}",
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(port),
            "LOG_LEVEL": "WARNING",
            "GROUNDWORK_MAILING_LIMIT": "0/60",
        }
    )
    sys.path.insert(0, str(ROOT))
    subprocess.run(
        ["psql", SERVER + "/postgres", "-qc", f"CREATE DATABASE {database}"],
        capture_output=True,
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def the_group(size: int):
    """The bench group with `size` members who consented to organisers' emails (made once)."""
    from groundwork.groups.models import Group, Membership
    from groundwork.members.models import ConsentRecord, User

    group, _ = Group.objects.get_or_create(slug="bench-mailing", defaults={"name": "Bench mailing"})
    have = Membership.objects.filter(group=group).count()
    if have < size:
        users = User.objects.bulk_create(
            [
                User(email=f"bench-mailing-{n}@example.org", display_name=f"Member {n}")
                for n in range(have, size)
            ],
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            [Membership(group=group, user=user) for user in users], batch_size=2000
        )
        ConsentRecord.objects.bulk_create(
            [ConsentRecord(user=u, purpose="organiser_contact", policy_version="b") for u in users],
            batch_size=2000,
        )
    Group.objects.filter(pk=group.pk).update(member_count=size)
    organiser = Membership.objects.filter(group=group).order_by("id").first()
    assert organiser is not None
    Membership.objects.filter(pk=organiser.pk).update(role=Membership.Role.ORGANISER)
    return group, organiser.user


def a_draft(group, organiser):
    from groundwork.groups.actions.mailings import MailingDraft, check_save_mailing_draft

    body = "We meet on **Saturday** at 10am in the hall.\n\n" + "Bring a friend. " * 60
    return check_save_mailing_draft(
        group,
        draft=MailingDraft(segment="everyone", subject="Saturday", body=body, token=uuid4()),
        acting_user=organiser,
    )


def time_queueing(group, organiser, runs: int = 20) -> tuple[float, float]:
    """Median seconds for the send button's action, and for the preview's count."""
    from django_tasks_db.models import DBTaskResult

    from groundwork.groups.actions.mailings import check_send_mailing
    from groundwork.groups.queries.segments import reach_of

    queue_times, count_times = [], []
    for _ in range(runs):
        mailing = a_draft(group, organiser)
        started = time.perf_counter()
        reach_of(group, "everyone", "")
        count_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        check_send_mailing(mailing, acting_user=organiser)
        queue_times.append(time.perf_counter() - started)
        mailing.delete()
    DBTaskResult.objects.all().delete()
    return statistics.median(queue_times), statistics.median(count_times)


def the_messages(group, organiser, size: int) -> list[tuple[str, bytes]]:
    """The mailing's messages as the worker sends them (the SMTP policy: CRLF line ends), built
    beforehand so that measuring the sink's pace measures nothing else."""
    from groundwork.groups.actions.mailing_delivery import _Message

    mailing = a_draft(group, organiser)
    message = _Message(mailing)
    addresses = [f"bench-mailing-{n}@example.org" for n in range(size)]
    raw = [
        message.to(a, n).message(policy=email.policy.SMTP).as_bytes()
        for n, a in enumerate(addresses)
    ]
    mailing.delete()
    return list(zip(addresses, raw, strict=True))


def smtp_pace(port: int, messages: list[tuple[str, bytes]], connections: int) -> float:
    """Messages per second that smtplib alone gets through to the sink over `connections` at
    once (one thread each)."""
    shares = [messages[n::connections] for n in range(connections)]
    started = time.perf_counter()
    senders = [
        threading.Thread(target=send_over_one_connection, args=(port, share)) for share in shares
    ]
    for sender in senders:
        sender.start()
    for sender in senders:
        sender.join()
    return len(messages) / (time.perf_counter() - started)


def send_over_one_connection(port: int, messages: list[tuple[str, bytes]]) -> None:
    with smtplib.SMTP("127.0.0.1", port) as client:
        for address, data in messages:
            client.sendmail("noreply@groundwork.localhost", [address], data)


def worker_run(group, organiser, size: int) -> tuple[float, bool, float]:
    """(messages per second by the worker, whether the other job finished first, seconds the
    other job waited)."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from groundwork.core.tasks import send_email
    from groundwork.groups.actions.mailings import check_send_mailing
    from groundwork.groups.models import Mailing

    DBTaskResult.objects.all().delete()
    worker = subprocess.Popen(
        [str(PYTHON), "manage.py", "db_worker", "--interval", "0.05", "--no-startup-delay"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=open(ROOT / "var" / "bench-mailing-worker.log", "w"),  # noqa: SIM115
    )
    try:
        mailing = a_draft(group, organiser)
        with transaction.atomic():
            check_send_mailing(mailing, acting_user=organiser)
        deadline = time.monotonic() + MAX_SECONDS
        other = None
        first_sent_at, first_count = None, 0
        while time.monotonic() < deadline:
            mailing.refresh_from_db()
            if mailing.sent_count and first_sent_at is None:
                first_sent_at, first_count = time.perf_counter(), mailing.sent_count
            if other is None and mailing.sent_count >= size // 10:
                other = send_email.enqueue(
                    to=["guest@example.net"], subject="Meanwhile", body="An invitation."
                )
            if mailing.status == Mailing.Status.SENT:
                break
            if worker.poll() is not None:
                raise SystemExit("the worker stopped: see var/bench-mailing-worker.log")
            time.sleep(0.02)
        else:
            raise SystemExit(f"the mailing did not finish in {MAX_SECONDS}s")
        finished = time.perf_counter()
        assert mailing.sent_count == size, (mailing.sent_count, size)
        assert other is not None and first_sent_at is not None
        row = DBTaskResult.objects.get(id=other.id)
        assert row.finished_at is not None and mailing.finished_at is not None
        other_first = row.finished_at < mailing.finished_at
        waited = (row.finished_at - row.enqueued_at).total_seconds()
        rate = (size - first_count) / (finished - first_sent_at)
        return rate, other_first, waited
    finally:
        worker.terminate()
        worker.wait(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--database", default="groundwork_bench_mailing")
    parser.add_argument(
        "--connections", type=int, default=2, help="GROUNDWORK_MAILING_CONNECTIONS for the worker"
    )
    options = parser.parse_args()
    port = free_port()
    sink = start_sink(port)
    try:
        os.environ["GROUNDWORK_MAILING_CONNECTIONS"] = str(options.connections)
        setup_django(options.database, port)
        group, organiser = the_group(options.members)
        queued, counted = time_queueing(group, organiser)
        messages = the_messages(group, organiser, options.members)
        # The machine is shared: the sink's pace is measured just before and just after the
        # worker's run, and the worker compared with their mean.
        counts = sorted({1, options.connections})
        before = [smtp_pace(port, messages, count) for count in counts]
        rate, other_first, waited = worker_run(group, organiser, options.members)
        after = [smtp_pace(port, messages, count) for count in counts]
    finally:
        sink.terminate()
        sink.wait(10)
    paces = [(b + a) / 2 for b, a in zip(before, after, strict=True)]
    print(f"| measure ({options.members:,} members) | figure |")
    print("|---|---:|")
    print(f"| queueing the mailing (send button's action, median of 20) | {queued * 1000:.1f} ms |")
    print(f"| the preview's count of people reached (median of 20) | {counted * 1000:.1f} ms |")
    for count, pace, b, a in zip(counts, paces, before, after, strict=True):
        over = "one connection" if count == 1 else f"{count} connections at once"
        print(
            f"| SMTP sink's pace, smtplib over {over} (before, after) | {pace:,.0f} emails/s"
            f" ({b:,.0f}, {a:,.0f}) |"
        )
    shares = ", ".join(
        f"{rate / pace:.0%} of the {count}-connection pace"
        for count, pace in zip(counts, paces, strict=True)
    )
    print(
        f"| the job worker's sending rate ({options.connections} connection(s)) |"
        f" {rate:,.0f} emails/s ({shares}) |"
    )
    print(
        f"| another email job enqueued mid-mailing finished first | {'yes' if other_first else 'NO'} (waited {waited:.2f} s) |"
    )


if __name__ == "__main__":
    main()
