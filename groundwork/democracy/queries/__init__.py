"""Reading proposals, ballots and decisions, scoped to who may see them (twins of rules.py)."""

from collections.abc import Iterable
from functools import cached_property

from django.core.paginator import Page
from django.db import connections, router
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.http import Http404

from groundwork.core.pagination import counted_page
from groundwork.democracy.models import (
    Amendment,
    Ballot,
    CastVote,
    Comment,
    Decision,
    Delegate,
    Elector,
    GroupDemocracySettings,
    Option,
    Proposal,
    SealedVote,
    Teller,
    TellingPanel,
)
from groundwork.democracy.queries.written_out import (
    _partial,
    _taken,
    ballot_by_id,
    proposal_by_id,
    proposal_cards,
)
from groundwork.democracy.queries.written_out import (
    amendments_shown_on as amendments_shown_on,
)
from groundwork.democracy.queries.written_out import ballots_shown_on as ballots_shown_on
from groundwork.democracy.queries.written_out import shares_of as shares_of
from groundwork.groups.models import Coordinator, Group, Membership
from groundwork.groups.queries import members_visible_to
from groundwork.groups.rules import has_two_factor, is_coordinator, roles_of
from groundwork.members.forms import people_choices
from groundwork.members.models import User


def _scope_filter(user, group: Group | None) -> Q | None:
    """Q for rows in the group (or the alliance) if the user takes part there, else None."""
    roles = roles_of(user)
    if group is None:
        coordinates = has_two_factor(user) and is_coordinator(user)
        return Q(group__isnull=True) if roles or coordinates else None
    return Q(group=group) if group.pk in roles else None


def proposals_visible_to(user, group: Group | None) -> QuerySet[Proposal]:
    """Proposals of the group (or the alliance) for its members; drafts only for their proposers."""
    scope = _scope_filter(user, group)
    if scope is None:
        return Proposal.objects.none()
    drafts_of_others = Q(status=Proposal.Status.DRAFT) & ~Q(proposer=user)
    return (
        Proposal.objects.filter(scope).exclude(drafts_of_others).select_related("proposer", "group")
    )


def proposal_cards_page(user, group: Group | None, asked: str | None, *, per_page: int) -> Page:
    """The page `asked` (`?page=`) of `proposals_visible_to(user, group)`, newest first, with
    only what the list's cards show: written out in SQL, count and page in one query
    (`written_out.proposal_cards`), as building the ORM's two took longer than answering them."""
    if _scope_filter(user, group) is None:
        return counted_page(asked, per_page, lambda number: ([], 0))
    return counted_page(
        asked,
        per_page,
        lambda number: proposal_cards(user, group, number=number, per_page=per_page),
    )


def get_proposal_for(user, pk: int) -> Proposal:
    """One proposal the user may see, or 404 alike for missing and forbidden (read as
    `written_out.proposal_by_id` reads it: the ORM took 0.6 ms to build its join)."""
    proposal = proposal_by_id(pk)
    if proposal is None or not user.has_perm("democracy.see_proposal", proposal):
        raise Http404("No such proposal.")
    return proposal


# A page of the discussion holds this many threads (a top-level comment with all its replies).
THREADS_PER_PAGE = 20
# What is read of every comment of the discussion: enough to place it in its thread, and of the
# page's comments everything the page shows (the text as its digest, made by the database); the
# author's columns are what their name is made of.
THREADS_SQL = (
    "SELECT comment.id, comment.parent_id, comment.created_at, comment.updated_at,"
    " comment.author_id, author.display_name, author.email, author.erased_at, MD5(comment.body)"
    f" FROM {Comment._meta.db_table} comment"
    f" LEFT JOIN {User._meta.db_table} author ON author.id = comment.author_id"
    " WHERE comment.proposal_id = %s ORDER BY comment.created_at, comment.id"
)


class DiscussionPage:
    """One page of a proposal's discussion, `number` of `pages` counted from the oldest:
    `threads`, its top-level comments each with its replies as `.children` (read when first
    asked for), and `rows`, what the page shows of each comment (`THREADS_SQL`)."""

    def __init__(self, rows: list[tuple], number: int, pages: int) -> None:
        self.rows, self.number, self.pages = rows, number, pages

    @property
    def is_last(self) -> bool:
        return self.number == self.pages

    @cached_property
    def threads(self) -> list[Comment]:
        return _tree([row[0] for row in self.rows])


def discussion_page(
    proposal: Proposal, number: str | int | None = None, *, showing: int | None = None
) -> DiscussionPage:
    """A page of the proposal's discussion: the page that shows comment `showing` if given,
    else page `number`, else the last page (the latest threads)."""
    rows, root_of, roots = _threads_of(proposal)
    number, pages = _place(root_of, roots, number, showing)
    shown = set(roots[(number - 1) * THREADS_PER_PAGE : number * THREADS_PER_PAGE])
    return DiscussionPage([row for row in rows if root_of[row[0]] in shown], number, pages)


def discussion_page_number(proposal: Proposal, comment_pk: int) -> tuple[int, int]:
    """The number of the discussion's page that shows the comment, and the number of pages."""
    _, root_of, roots = _threads_of(proposal)
    return _place(root_of, roots, None, comment_pk)


def _place(
    root_of: dict[int, int], roots: list[int], number: str | int | None, showing: int | None
) -> tuple[int, int]:
    pages = max(1, -(-len(roots) // THREADS_PER_PAGE))
    if showing in root_of:
        return roots.index(root_of[showing]) // THREADS_PER_PAGE + 1, pages
    try:
        return (min(max(int(number), 1), pages) if number is not None else pages), pages
    except (TypeError, ValueError):
        return pages, pages


def _threads_of(proposal: Proposal) -> tuple[list[tuple], dict[int, int], list[int]]:
    """The rows of every comment of the proposal, oldest first; of each comment, the top-level
    comment of its thread; and the top-level comments. Tuples: no row is built as a model."""
    # Written out, as written_out.AMENDMENTS_SQL: the ORM took longer to build this query than to run it.
    with connections[router.db_for_read(Comment)].cursor() as cursor:
        cursor.execute(THREADS_SQL, [proposal.pk])
        rows: list[tuple] = cursor.fetchall()
    parents: dict[int, int | None] = {row[0]: row[1] for row in rows}
    root_of: dict[int, int] = {}
    for pk in parents:
        chain = [pk]
        while (parent := parents.get(chain[-1])) is not None and parent not in root_of:
            chain.append(parent)
        root = root_of.get(parent, chain[-1]) if parent is not None else chain[-1]
        root_of.update(dict.fromkeys(chain, root))
    return rows, root_of, [pk for pk, parent in parents.items() if parent is None]


def _tree(ids: list[int]) -> list[Comment]:
    """The comments with these ids as a tree: top-level comments with `.children` in order."""
    if not ids:
        return []
    comments = list(
        Comment.objects.filter(pk__in=ids)
        .select_related("author")
        .only(
            *(field.attname for field in Comment._meta.concrete_fields),
            "author__display_name",
            "author__email",
            "author__erased_at",
        )
    )
    children: dict[int | None, list[Comment]] = {}
    for comment in comments:
        children.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.children = children.get(comment.pk, [])
    return children.get(None, [])


def amendments_of(proposal: Proposal) -> QuerySet[Amendment]:
    return proposal.amendments.select_related("proposer", "ballot")


def ballots_visible_to(user, group: Group | None) -> QuerySet[Ballot]:
    """Ballots of the group (or the alliance) for its members; drafts for those who organise."""
    scope = _scope_filter(user, group)
    if scope is None:
        return Ballot.objects.none()
    ballots = Ballot.objects.filter(scope).select_related("group", "proposal")
    if not user.has_perm("democracy.create_ballot", group):
        ballots = ballots.exclude(status=Ballot.Status.DRAFT)
    return ballots


def with_my_vote(ballots: QuerySet[Ballot], user) -> QuerySet[Ballot]:
    """The ballots, each with `i_voted` (has the user voted in it?), in the same one query."""
    if not user.is_authenticated:
        return ballots.annotate(i_voted=Value(False))
    voted = Elector.objects.filter(ballot=OuterRef("pk"), user=user, voted_on__isnull=False)
    return ballots.annotate(i_voted=Exists(voted))


def get_ballot(pk: int) -> Ballot:
    """One ballot with its options, or 404; who may do what with it is for the rules to say."""
    ballot = _ballot(pk)
    if ballot.method != Ballot.Method.MAJORITY:  # a yes / no vote has no options to ask for
        prefetch_related_objects(
            [ballot], Prefetch("options", queryset=Option.objects.order_by("position"))
        )
    return ballot


def _ballot(pk: int) -> Ballot:
    # Written out (`ballot_by_id`): the ORM took 0.9 ms to build its three joins.
    ballot = ballot_by_id(pk)
    if ballot is None:
        raise Http404("No such ballot.")
    return ballot


def get_ballot_for(user, pk: int) -> Ballot:
    """One ballot the user may see, with its options, or 404 alike for missing and forbidden."""
    ballot = get_ballot(pk)
    if not user.has_perm("democracy.see_ballot", ballot):
        raise Http404("No such ballot.")
    return ballot


def get_ballot_without_options_for(user, pk: int) -> Ballot:
    """`get_ballot_for` for a page that reads the options only now and then (the results page,
    which keeps its rendered votes)."""
    ballot = _ballot(pk)
    if not user.has_perm("democracy.see_ballot", ballot):
        raise Http404("No such ballot.")
    return ballot


def elector_for(user, ballot: Ballot) -> Elector | None:
    """The user's place in the ballot's electorate, if they have one, with their sealed vote
    (`tracker_of`) in the same query."""
    if not user.is_authenticated:
        return None
    # Written out, as written_out.AMENDMENTS_SQL; of the sealed vote only its tracker is read.
    found = list(Elector.objects.raw(ELECTOR_SQL, [ballot.pk, user.pk]))
    if not found:
        return None
    elector = found[0]
    sealed_pk, tracker = _taken(elector, "sealed_pk", "sealed_tracker")
    sealed = None
    if sealed_pk is not None:
        sealed = _partial(SealedVote, elector_id=elector.pk, tracker=tracker)
    Elector.sealed_vote.related.set_cached_value(elector, sealed)
    return elector


ELECTOR_SQL = (
    "SELECT elector.*, sealed.id AS sealed_pk, sealed.tracker AS sealed_tracker"
    f" FROM {Elector._meta.db_table} elector"
    f" LEFT JOIN {SealedVote._meta.db_table} sealed ON sealed.elector_id = elector.id"
    " WHERE elector.ballot_id = %s AND elector.user_id = %s ORDER BY elector.id LIMIT 1"
)


def tracker_of(elector: Elector | None) -> str | None:
    """The tracker of the elector's sealed vote (read by `elector_for`), if they cast one."""
    sealed = getattr(elector, "sealed_vote", None) if elector is not None else None
    return sealed.tracker if sealed else None


def published_votes(user, ballot: Ballot) -> QuerySet[CastVote]:
    """Every vote as counted, once the ballot has closed (never before), for a recount; in the
    order of their random ids, which says nothing about who voted when."""
    if not user.has_perm("democracy.view_results", ballot):
        return CastVote.objects.none()
    votes = CastVote.objects.filter(ballot=ballot).order_by("id")
    # A secret vote has no voter to fetch; only a roll-call vote shows who cast it.
    if ballot.secret:
        return votes.only("content", "weight")
    return votes.select_related("voter")


def published_trackers(user, ballot: Ballot) -> QuerySet[SealedVote]:
    """The tracker of every sealed vote in a secret ballot's box, once it has closed."""
    if not user.has_perm("democracy.view_results", ballot):
        return SealedVote.objects.none()
    return SealedVote.objects.filter(ballot=ballot).order_by("tracker")


def my_tracker(user, ballot: Ballot) -> str | None:
    """The tracker of the user's own sealed vote, if they voted in this secret ballot."""
    if not user.is_authenticated:
        return None
    sealed = SealedVote.objects.filter(ballot=ballot, elector__user=user).only("tracker").first()
    return sealed.tracker if sealed else None


def tellers_of(group: Group | None) -> tuple[TellingPanel | None, list[Teller]]:
    """The body's panel of tellers and its tellers (with their users), for its tellers' page."""
    panel = TellingPanel.objects.filter(group=group).first()
    if panel is None:
        return None, []
    return panel, list(panel.tellers.select_related("user").order_by("user__display_name", "id"))


def teller_candidates(user, group: Group | None) -> list[tuple[int, str]]:
    """Who may be appointed a teller, as (user id, name): the group's members, or for the
    alliance its coordinators; nothing for someone who may not appoint them."""
    if not user.has_perm("democracy.appoint_tellers", group):
        return []
    people: Iterable[Coordinator | Membership]
    if group is None:
        people = Coordinator.objects.select_related("user").order_by("user__display_name")
    else:
        people = members_visible_to(user, group)
    return people_choices(person.user for person in people)


def decisions_visible_to(user, group: Group | None) -> QuerySet[Decision]:
    """The decision log of the group (or the alliance), for those who take part there."""
    scope = _scope_filter(user, group)
    if scope is None:
        return Decision.objects.none()
    return Decision.objects.filter(scope).select_related("ballot", "proposal")


def open_ballots_for(user) -> QuerySet[Ballot]:
    """Open ballots in which the user is an elector, soonest to close first (their home page)."""
    if not user.is_authenticated:
        return Ballot.objects.none()
    return (
        Ballot.objects.filter(status=Ballot.Status.OPEN, electors__user=user)
        .select_related("group")
        .order_by("closes_at")
    )


def settings_for(group: Group | None) -> GroupDemocracySettings:
    """The group's democracy settings (defaults for the alliance and for groups that set none)."""
    if group is None:
        return GroupDemocracySettings()
    found = GroupDemocracySettings.objects.filter(group=group).first()
    return found or GroupDemocracySettings(group=group)


def groups_without_delegates() -> QuerySet[Group]:
    """Local action groups with members but no delegate, by name: in an alliance ballot of
    delegates their members have no voice."""
    # Working groups and regions are left out: their members belong to local groups too, and
    # speak through those groups' delegates.
    return (
        Group.objects.filter(kind=Group.Kind.LOCAL, member_count__gt=0)
        .filter(~Exists(Delegate.objects.filter(group=OuterRef("pk"))))
        .only("pk", "name", "slug", "member_count")
        .order_by("name", "pk")
    )


def ballots_awaiting_vote_of(user) -> QuerySet[Ballot]:
    """Open ballots in which the member is an elector and has not voted yet, soonest to close
    first (their home page)."""
    if not user.is_authenticated:
        return Ballot.objects.none()
    return (
        Ballot.objects.filter(
            status=Ballot.Status.OPEN, electors__user=user, electors__voted_on=None
        )
        .select_related("group")
        .order_by("closes_at", "id")
    )
