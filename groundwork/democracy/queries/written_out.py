"""Reads that the proposals' list, the proposal's and the ballot's pages make on every request,
written out in SQL: the ORM took longer to build each of these queries than the database took to
answer it (the pattern of groups.rules.ROLES_SQL). Each returns model instances with only the
columns its page shows; a test holds each to what the ORM reads
(tests/rules_and_queries/test_democracy.py, democracy/tests/test_proposal_page_reading.py and
test_ballot_page_reading.py)."""

from typing import Any

from groundwork.democracy.models import Amendment, Ballot, KeyShare, Proposal
from groundwork.groups.models import Group
from groundwork.members.models import User


def proposal_by_id(pk: int) -> Proposal | None:
    """The proposal `pk` (every column), with its proposer (the columns their name is made of)
    and its group (its name, address and kind: what its pages and messages show; the rest loads
    when asked for), in one query; None if there is none."""
    found = list(Proposal.objects.raw(PROPOSAL_SQL, [pk]))
    if not found:
        return None
    proposal = found[0]
    _with_person(proposal, "proposer")
    name, slug, kind = _taken(proposal, "group_name", "group_slug", "group_kind")
    group = None
    if proposal.group_id is not None:
        group = _partial(Group, id=proposal.group_id, name=name, slug=slug, kind=kind)
    Proposal.group.field.set_cached_value(proposal, group)
    return proposal


PROPOSAL_SQL = (
    "SELECT proposal.*, g.name AS group_name, g.slug AS group_slug, g.kind AS group_kind,"
    " proposer.display_name AS proposer_display_name, proposer.email AS proposer_email,"
    " proposer.erased_at AS proposer_erased_at"
    f" FROM {Proposal._meta.db_table} proposal"
    f" LEFT JOIN {Group._meta.db_table} g ON g.id = proposal.group_id"
    f" LEFT JOIN {User._meta.db_table} proposer ON proposer.id = proposal.proposer_id"
    " WHERE proposal.id = %s"
)


def ballot_by_id(pk: int) -> Ballot | None:
    """The ballot `pk` (every column), with its group (name, address and kind) and what its pages
    show of the proposal or amendment it decides (the proposal's title; the rest of each loads
    when asked for), in one query; None if there is none."""
    found = list(Ballot.objects.raw(BALLOT_SQL, [pk]))
    if not found:
        return None
    ballot = found[0]
    name, slug, kind, title = _taken(ballot, "group_name", "group_slug", "group_kind", "title_of")
    group = None
    if ballot.group_id is not None:
        group = _partial(Group, id=ballot.group_id, name=name, slug=slug, kind=kind)
    Ballot.group.field.set_cached_value(ballot, group)
    proposal = None
    if ballot.proposal_id is not None:
        proposal = _partial(Proposal, id=ballot.proposal_id, title=title)
    Ballot.proposal.field.set_cached_value(ballot, proposal)
    amendment = None
    if ballot.amendment_id is not None:
        amendment = _partial(Amendment, id=ballot.amendment_id, proposal_id=ballot.proposal_id)
    Ballot.amendment.field.set_cached_value(ballot, amendment)
    return ballot


BALLOT_SQL = (
    "SELECT ballot.*, g.name AS group_name, g.slug AS group_slug, g.kind AS group_kind,"
    " proposal.title AS title_of"
    f" FROM {Ballot._meta.db_table} ballot"
    f" LEFT JOIN {Group._meta.db_table} g ON g.id = ballot.group_id"
    f" LEFT JOIN {Proposal._meta.db_table} proposal ON proposal.id = ballot.proposal_id"
    " WHERE ballot.id = %s"
)


def amendments_shown_on(proposal: Proposal) -> list[Amendment]:
    """The proposal's amendments, oldest first, as its page shows them: each with its proposer
    (the columns their name is made of) and its ballot (its id), if any, in one query."""
    # Written out: the ORM took longer to build this query on every reading of a proposal than
    # the database took to answer it (the pattern of groups.rules.ROLES_SQL).
    amendments = list(Amendment.objects.raw(AMENDMENTS_SQL, [proposal.pk]))
    for amendment in amendments:
        _with_person(amendment, "proposer")
        (ballot_pk,) = _taken(amendment, "ballot_pk")
        ballot = None
        if ballot_pk is not None:
            ballot = _partial(Ballot, id=ballot_pk, amendment_id=amendment.pk)
        Amendment.ballot.related.set_cached_value(amendment, ballot)
    return amendments


def _with_person(instance, field: str) -> None:
    """Set `instance.<field>`, a member, from the columns their name is made of, which its raw
    query read as `<field>_display_name`, `<field>_email` and `<field>_erased_at` (None for a
    row whose member's account was deleted)."""
    display_name, email, erased_at = _taken(
        instance, f"{field}_display_name", f"{field}_email", f"{field}_erased_at"
    )
    person_id = getattr(instance, f"{field}_id")
    person = None
    if person_id is not None:
        person = _partial(
            User, id=person_id, display_name=display_name, email=email, erased_at=erased_at
        )
    getattr(type(instance), field).field.set_cached_value(instance, person)


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
        _with_person(share, "teller")
    return shares


SHARES_SQL = (
    "SELECT share.id, share.ballot_id, share.teller_id, share.number, share.given_at,"
    " teller.display_name AS teller_display_name, teller.email AS teller_email,"
    " teller.erased_at AS teller_erased_at"
    f" FROM {KeyShare._meta.db_table} share"
    f" JOIN {User._meta.db_table} teller ON teller.id = share.teller_id"
    " WHERE share.ballot_id = %s ORDER BY share.number, share.id"
)


def proposal_cards(
    user, group: Group | None, *, number: int, per_page: int
) -> tuple[list[Proposal], int]:
    """Page `number` (from 1) of the proposals of `group` (None: the alliance's) that a person who
    takes part there sees (`proposals_visible_to`: every one but others' drafts), newest first,
    with what their cards show (`CARD_COLUMNS`, the proposer's name), and how many there are; a
    page past the end reads nothing and counts 0. One query: the count is a window over the
    rows the page is cut from."""
    where = "p.group_id IS NULL" if group is None else "p.group_id = %s"
    params: list[Any] = [] if group is None else [group.pk]
    sql = PROPOSAL_CARDS_SQL.format(where=where)
    params += [Proposal.Status.DRAFT.value, user.pk, per_page, (number - 1) * per_page]
    proposals = list(Proposal.objects.raw(sql, params))
    found = 0
    for proposal in proposals:
        (found,) = _taken(proposal, "found")
        _with_person(proposal, "proposer")
    return proposals, found


# What a proposal's card in the list shows: no text, no group (the page is the group's).
CARD_COLUMNS = ("id", "created_at", "group_id", "title", "proposer_id", "status", "support_count")
# Others' drafts are left out as the ORM's exclude leaves them: a draft whose proposer's account
# was deleted (NULL) is nobody's to see. The proposers are joined to the page's rows only.
PROPOSAL_CARDS_SQL = (
    "SELECT card.*, proposer.display_name AS proposer_display_name,"
    " proposer.email AS proposer_email, proposer.erased_at AS proposer_erased_at"
    f" FROM (SELECT {', '.join(f'p.{column}' for column in CARD_COLUMNS)}, COUNT(*) OVER () AS found"
    f" FROM {Proposal._meta.db_table} p"
    " WHERE {where} AND (p.status <> %s OR p.proposer_id = %s)"
    " ORDER BY p.created_at DESC, p.id DESC LIMIT %s OFFSET %s) card"
    f" LEFT JOIN {User._meta.db_table} proposer ON proposer.id = card.proposer_id"
    " ORDER BY card.created_at DESC, card.id DESC"
)
