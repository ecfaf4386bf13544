"""The ballots and votes of the national-scale dataset, run small."""

import pytest
from django.db.models import Count

from groundwork.demo.scale.democracy import add_scale_ballots
from groundwork.democracy.models import Ballot, CastVote, Decision, Elector, SealedVote
from groundwork.groups.tests.factories import GroupFactory, UserFactory, join

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    made = [GroupFactory() for _ in range(3)]
    people = [UserFactory() for _ in range(30)]
    for index, person in enumerate(people):
        join(made[index % 3], person)
        if index % 5 == 0:
            join(made[(index + 1) % 3], person)  # some people are in two groups
    return made


def generate(groups, *, ballots: int, votes: int):
    bars = []
    written = add_scale_ballots(
        group_ids=[group.pk for group in groups],
        ballots=ballots,
        votes=votes,
        seed=3,
        progress=lambda label, done, total: bars.append((label, done, total)),
    )
    return written, bars


def test_the_votes_asked_for_are_spread_over_ballots_and_each_count_agrees(groups):
    written, bars = generate(groups, ballots=12, votes=100)
    assert Ballot.objects.count() == 12
    assert written == SealedVote.objects.count()
    assert 90 <= written <= 110  # "about": one turnout for every electorate, rounded per ballot
    assert bars[-1] == ("ballots", 12, 12)
    voted = dict(
        Elector.objects.filter(voted_on__isnull=False)
        .values_list("ballot_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    sealed = dict(SealedVote.objects.values_list("ballot_id").annotate(n=Count("id")).order_by())
    counted = dict(CastVote.objects.values_list("ballot_id").annotate(n=Count("id")).order_by())
    for ballot in Ballot.objects.all():
        assert ballot.votes_cast == sealed.get(ballot.pk, 0) == voted.get(ballot.pk, 0)
        # The counted votes exist once the box is opened, as many as were sealed.
        opened = ballot.status == Ballot.Status.CLOSED
        assert counted.get(ballot.pk, 0) == (ballot.votes_cast if opened else 0)
        assert ballot.electorate_size == ballot.electors.count()
    lengths = {len(bytes(c)) for c in SealedVote.objects.values_list("ciphertext", flat=True)}
    assert min(lengths) >= 48 + 1 + 4 + 2  # a sealed vote's size, as the box makes them


def test_group_ballots_have_their_members_and_alliance_ballots_everyone_once(groups):
    generate(groups, ballots=12, votes=200)
    alliance = Ballot.objects.get(electorate=Ballot.Electorate.ALLIANCE)
    assert alliance.electors.count() == 30  # people in two groups are electors once
    for ballot in Ballot.objects.filter(electorate=Ballot.Electorate.GROUP):
        assert ballot.group is not None
        members = set(ballot.group.memberships.values_list("user_id", flat=True))
        assert set(ballot.electors.values_list("user_id", flat=True)) == members


def test_closed_ballots_are_counted_and_logged_and_open_ones_are_not(groups):
    generate(groups, ballots=12, votes=200)
    closed = Ballot.objects.filter(status=Ballot.Status.CLOSED)
    assert closed.count() == 6
    for ballot in closed:
        assert ballot.result is not None
        assert ballot.result["votes_cast"] == ballot.votes_cast
        assert Decision.objects.filter(ballot=ballot).exists()
    for ballot in Ballot.objects.filter(status=Ballot.Status.OPEN):
        assert ballot.result is None
        assert not Decision.objects.filter(ballot=ballot).exists()
    assert len({ballot.method for ballot in Ballot.objects.all()}) >= 3


def test_turnout_never_passes_95_percent_however_many_votes_are_asked_for(groups):
    written, _ = generate(groups, ballots=12, votes=10_000)
    assert written <= 0.95 * Elector.objects.count() + 12


def test_scale_votes_are_secret_like_real_ones(groups):
    generate(groups, ballots=6, votes=60)
    assert not CastVote.objects.filter(voter__isnull=False).exists()
    assert Ballot.objects.filter(secret=False).count() == 0


def test_zero_ballots_make_none(groups):
    assert generate(groups, ballots=0, votes=100) == (0, [])
    assert not Ballot.objects.exists()
