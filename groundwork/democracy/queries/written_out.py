"""Reads that the proposal's and the ballot's pages make on every request, written out in SQL:
the ORM took longer to build each of these queries than the database took to answer it (the
pattern of groups.rules.ROLES_SQL). Each returns model instances with only the columns its page
shows; a test holds each to what the ORM reads (democracy/tests/test_proposal_page_reading.py
and test_ballot_page_reading.py)."""

from groundwork.democracy.models import Amendment, Ballot, KeyShare, Proposal
from groundwork.members.models import User


def amendments_shown_on(proposal: Proposal) -> list[Amendment]:
    """The proposal's amendments, oldest first, as its page shows them: each with its proposer
    (the columns their name is made of) and its ballot (its id), if any, in one query."""
    # Written out: the ORM took longer to build this query on every reading of a proposal than
    # the database took to answer it (the pattern of groups.rules.ROLES_SQL).
    amendments = list(Amendment.objects.raw(AMENDMENTS_SQL, [proposal.pk]))
    for amendment in amendments:
        display_name, email, erased_at, ballot_pk = _taken(
            amendment, "proposer_display_name", "proposer_email", "proposer_erased_at", "ballot_pk"
        )
        proposer = None
        if amendment.proposer_id is not None:
            proposer = _partial(
                User,
                id=amendment.proposer_id,
                display_name=display_name,
                email=email,
                erased_at=erased_at,
            )
        Amendment.proposer.field.set_cached_value(amendment, proposer)
        ballot = None
        if ballot_pk is not None:
            ballot = _partial(Ballot, id=ballot_pk, amendment_id=amendment.pk)
        Amendment.ballot.related.set_cached_value(amendment, ballot)
    return amendments


def _taken(instance, *names: str) -> list:
    """The values of the extra columns `names` of a raw query's row, taken off the instance."""
    return [instance.__dict__.pop(name) for name in names]


def _partial(model, **columns):
    """An instance of `model` with only these columns loaded (the others deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in columns]
    return model.from_db(None, names, [columns[name] for name in names])


AMENDMENTS_SQL = (
    f"SELECT amendment.*, proposer.display_name AS proposer_display_name,"
    " proposer.email AS proposer_email, proposer.erased_at AS proposer_erased_at,"
    " ballot.id AS ballot_pk"
    f" FROM {Amendment._meta.db_table} amendment"
    f" LEFT JOIN {User._meta.db_table} proposer ON proposer.id = amendment.proposer_id"
    f" LEFT JOIN {Ballot._meta.db_table} ballot ON ballot.amendment_id = amendment.id"
    " WHERE amendment.proposal_id = %s ORDER BY amendment.created_at, amendment.id"
)


def ballots_shown_on(proposal: Proposal) -> list[Ballot]:
    """The votes on the proposal itself (not on its amendments), latest to close first, with
    only what its page shows of them."""
    # Written out, as AMENDMENTS_SQL.
    return list(Ballot.objects.raw(PROPOSAL_BALLOTS_SQL, [proposal.pk]))


PROPOSAL_BALLOTS_SQL = (
    "SELECT id, title, status, closes_at"
    f" FROM {Ballot._meta.db_table}"
    " WHERE proposal_id = %s AND amendment_id IS NULL ORDER BY closes_at DESC, id DESC"
)


def shares_of(ballot: Ballot) -> list[KeyShare]:
    """The tellers' shares of a ballot's key (who holds one and whether it was given), each
    with its teller (the columns their name is made of); never the shares themselves."""
    # Written out, as AMENDMENTS_SQL.
    shares = list(KeyShare.objects.raw(SHARES_SQL, [ballot.pk]))
    for share in shares:
        display_name, email, erased_at = _taken(
            share, "teller_display_name", "teller_email", "teller_erased_at"
        )
        teller = _partial(
            User, id=share.teller_id, display_name=display_name, email=email, erased_at=erased_at
        )
        KeyShare.teller.field.set_cached_value(share, teller)
    return shares


SHARES_SQL = (
    "SELECT share.id, share.ballot_id, share.teller_id, share.number, share.given_at,"
    " teller.display_name AS teller_display_name, teller.email AS teller_email,"
    " teller.erased_at AS teller_erased_at"
    f" FROM {KeyShare._meta.db_table} share"
    f" JOIN {User._meta.db_table} teller ON teller.id = share.teller_id"
    " WHERE share.ballot_id = %s ORDER BY share.number, share.id"
)
