"""Reading the library, help requests and the skills directory, scoped by permission, in fixed queries.

Search picks its engine by the database: PostgreSQL's full-text search (a stored, weighted
tsvector with a GIN index, ranked) in production; a case-insensitive match across title, summary,
body and tags on SQLite, the embedded default.
"""

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.http import Http404

from groundwork.core.fragments import Fragment, digest
from groundwork.core.pagination import counted_page
from groundwork.groups.models import Group, Membership
from groundwork.groups.rules import is_in_the_alliance, roles_of
from groundwork.members.models import ConsentRecord, Profile
from groundwork.resources.models import HelpAnswer, HelpRequest, Resource

SEARCH_CONFIG = "english"
# At most this many matches are ranked (the newest); the page says "or more" when it is reached.
SEARCH_LIMIT = 1000
# The weighted document a resource is found by; actions store it in `search_vector`.
SEARCH_DOCUMENT = (
    SearchVector("title", weight="A", config=SEARCH_CONFIG)
    + SearchVector("summary", "tag_names", weight="B", config=SEARCH_CONFIG)
    + SearchVector("body", weight="C", config=SEARCH_CONFIG)
)


# What a search finds (the ids, in order), for each search and kind of reader, until a resource
# is added, changed or removed (actions: do_index_for_search, do_delete_resource).
LIBRARY_SEARCHES = Fragment("library-searches", timeout=10 * 60)


def visibility_filter(user) -> Q:
    """The resources `user` may see (twin of the `resources.view_resource` rule)."""
    public = Q(scope=Resource.Scope.PUBLIC)
    own_groups = _reader_of(user)
    if own_groups is None:
        return public
    mine = Q(scope=Resource.Scope.GROUP, group_id__in=own_groups)
    return public | Q(scope=Resource.Scope.ALLIANCE) | mine


def _reader_of(user) -> list[int] | None:
    """All that decides which resources `user` may see: None for someone outside the alliance
    (public resources only), else the groups whose own resources they see, in order."""
    if not user.is_authenticated or not is_in_the_alliance(user):
        return None
    return sorted(roles_of(user))


def resources_visible_to(user) -> QuerySet[Resource]:
    """Every resource `user` may see, newest first, with its group and provenance."""
    return Resource.objects.filter(visibility_filter(user)).select_related(
        "group", "forked_from__group"
    )


# What a library card shows (resources/_resource_card.html): not the body, the vector, the
# attachment or the original of a fork (a card shows its name, kept in a column), and of the group
# only its name. The cards are kept under a digest of the columns read (core.cards), so fewer
# columns are also fewer to digest.
CARD_COLUMNS = (
    "kind",
    "title",
    "summary",
    "tag_names",
    "forked_from_title",
    "used_by_count",
    "updated_at",
    "group__name",
)
# The columns a card's resource is read with, on the resources table as `r`: its key, its
# group's, and those CARD_COLUMNS name.
LIBRARY_CARD_SELECT = ", ".join(
    f"r.{field.column}"
    for field in Resource._meta.concrete_fields
    if field.name in {"id", "group", *CARD_COLUMNS}
)


def search_library(
    user, *, text: str = "", kind: str = "", tag: str = "", group: Group | None = None
) -> QuerySet[Resource]:
    """Resources `user` may see matching `text` (best first), of `kind`, with `tag`, of `group`."""
    resources = _filtered(user, kind=kind, tag=tag, group=group)
    text = text.strip()
    if not text:
        return resources
    if connection.vendor != "postgresql":
        return resources.filter(_every_word_in(text))
    query = _full_text(text)
    newest = _newest_matches(resources, query).values("pk")[:SEARCH_LIMIT]
    return (
        resources.filter(pk__in=newest)
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "-updated_at", "-id")
    )


def library_page(
    user,
    *,
    asked: str | None,
    per_page: int,
    text: str = "",
    kind: str = "",
    tag: str = "",
    group: Group | None = None,
) -> tuple[Page, bool]:
    """The page `asked` (`?page=`) of what `search_library` finds, its resources read for their
    cards (`library_cards`), and whether it found more than its pages reach (SEARCH_LIMIT): the
    ids are kept (`_kept_ids`), so a page costs one query (the cards), and a page past the end
    no more."""
    found = _kept_ids(user, text=text, kind=kind, tag=tag, group=group)
    # Browsing reads one past the limit, to know there are more; a search ranks the newest
    # SEARCH_LIMIT (PostgreSQL), so reaching it says there may be more.
    reached = SEARCH_LIMIT + 1 if not text.strip() else SEARCH_LIMIT
    shown = found[:SEARCH_LIMIT]

    def ids_of(number: int) -> tuple[list[int], int]:
        start = (number - 1) * per_page
        return shown[start : start + per_page], len(shown)

    page = counted_page(asked, per_page, ids_of)
    page.object_list = library_cards(user, list(page.object_list))
    return page, len(found) >= reached


def ranked_page(
    user,
    *,
    text: str,
    number: int,
    per_page: int,
    kind: str = "",
    tag: str = "",
    group: Group | None = None,
) -> tuple[list[int], int]:
    """The ids on page `number` (from 1) of what `search_library` finds, in its order, and how
    many it finds: at most SEARCH_LIMIT on PostgreSQL (the newest, ranked), SEARCH_LIMIT + 1 on
    SQLite (newest first) and when browsing (no text), so a page can say there are more.
    At most one query (`_kept_ids`)."""
    found = _kept_ids(user, text=text, kind=kind, tag=tag, group=group)
    start = (number - 1) * per_page
    return found[start : start + per_page], len(found)


def _kept_ids(user, *, text: str, kind: str, tag: str, group: Group | None) -> list[int]:
    """Every id `ranked_page` pages through, kept (`LIBRARY_SEARCHES`) for each search and each
    kind of reader (outside the alliance, or in it with a given set of groups, which is all
    `visibility_filter` reads), so a search asked again, or its next page, costs no ranking:
    ranking a common word reads every heap page that holds a match (1,450 pages for "housing" in
    20,000 resources), the most of the page's time; browsing, counting the newest 1,001 cost
    more than the page. At most one query."""
    reader = _reader_of(user)
    search = (text.strip(), kind, tag.strip().lower(), group.pk if group else None)
    variant = digest(reader, search)
    return LIBRARY_SEARCHES.get_or_build(
        lambda: _ranked_ids(user, text=text, kind=kind, tag=tag, group=group), variant=variant
    )


def _ranked_ids(user, *, text: str, kind: str, tag: str, group: Group | None) -> list[int]:
    """Every id `ranked_page` pages through, in order. One query."""
    resources = _filtered(user, kind=kind, tag=tag, group=group)
    if not text.strip():
        latest = resources.order_by("-updated_at", "-id").values_list("pk", flat=True)
        return list(latest[: SEARCH_LIMIT + 1])
    if connection.vendor != "postgresql":
        matches = resources.filter(_every_word_in(text.strip())).values_list("pk", flat=True)
        return list(matches[: SEARCH_LIMIT + 1])
    query = _full_text(text.strip())
    newest = _newest_matches(resources, query).annotate(rank=SearchRank(F("search_vector"), query))
    sql, params = newest.values_list("pk", "updated_at", "rank")[
        :SEARCH_LIMIT
    ].query.sql_with_params()
    # The newest matches are read once (the bitmap heap scan of the GIN index's matches) and
    # ranked in the database. Joined back to the library instead, they made PostgreSQL scan
    # all of it.
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM ({sql}) AS newest (id, updated_at, rank) "  # Django compiled `sql`
            "ORDER BY rank DESC, updated_at DESC, id DESC",
            params,
        )
        return [pk for (pk,) in cursor.fetchall()]


def library_cards(user, ids: list[int]) -> list[Resource]:
    """The resources `ids` that `user` may see (`visibility_filter`), in the order of `ids`,
    with what their cards show (the `CARD_COLUMNS` and the group's name).

    Written out in SQL: building the ORM's query took longer than the database took to answer
    it, on every page of the library (the pattern of events.queries.EventCards)."""
    if not ids:
        return []
    visible, params = _visibility_sql(user)
    sql = (
        f"SELECT {LIBRARY_CARD_SELECT}, g.name AS card_group_name FROM {Resource._meta.db_table} r"
        f" LEFT OUTER JOIN {Group._meta.db_table} g ON g.id = r.group_id"
        f" WHERE r.id IN ({', '.join(['%s'] * len(ids))}) AND {visible}"
    )
    shown = {}
    for resource in Resource.objects.raw(sql, [*ids, *params]):
        name = resource.__dict__.pop("card_group_name")
        owner = None
        if resource.group_id is not None:
            owner = Group.from_db(resource._state.db, ["id", "name"], [resource.group_id, name])
        # What select_related("group") leaves: the group, or None, with no query to come.
        Resource.group.field.set_cached_value(resource, owner)
        shown[resource.pk] = resource
    return [shown[pk] for pk in ids if pk in shown]


def _visibility_sql(user) -> tuple[str, list[Any]]:
    """`visibility_filter` written out, on the resources table as `r`."""
    own_groups = _reader_of(user)
    if own_groups is None:
        return "r.scope = %s", [Resource.Scope.PUBLIC.value]
    sql = "(r.scope IN (%s, %s)"
    params: list[Any] = [Resource.Scope.PUBLIC.value, Resource.Scope.ALLIANCE.value]
    if own_groups:
        sql += f" OR (r.scope = %s AND r.group_id IN ({', '.join(['%s'] * len(own_groups))}))"
        params += [Resource.Scope.GROUP.value, *own_groups]
    return f"{sql})", params


def _filtered(user, *, kind: str, tag: str, group: Group | None) -> QuerySet[Resource]:
    resources = resources_visible_to(user)
    if kind:
        resources = resources.filter(kind=kind)
    if tag:
        resources = resources.filter(tags__name=tag.strip().lower())
    if group is not None:
        resources = resources.filter(group=group)
    return resources


def _full_text(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def _newest_matches(resources: QuerySet[Resource], query: SearchQuery) -> QuerySet[Resource]:
    """The matches of `query`, newest first. Only the first SEARCH_LIMIT are ranked: a word found
    in most of a national library would otherwise be ranked across tens of thousands of rows."""
    return resources.filter(search_vector=query).order_by("-updated_at", "-id")


def _every_word_in(text: str) -> Q:
    """SQLite's search: every word (at most eight) in the title, summary, body or tags."""
    matches = Q()
    for word in text.split()[:8]:
        matches &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(body__icontains=word)
            | Q(tag_names__icontains=word)
        )
    return matches


def get_resource_for(user, pk: int) -> Resource:
    """The resource if `user` may see it; 404 alike for missing and not theirs."""
    try:
        return (
            resources_visible_to(user)
            .select_related("created_by", "source_answer__help_request")
            .get(pk=pk)
        )
    except Resource.DoesNotExist:
        raise Http404("No such resource.") from None


def groups_to_fork_into(user, resource: Resource) -> QuerySet[Group]:
    """The groups `user` organises that may take a fork of `resource` (not its own group)."""
    organised = [
        group_id
        for group_id, role in roles_of(user).items()
        if role == Membership.Role.ORGANISER and group_id != resource.group_id
    ]
    return Group.objects.filter(pk__in=organised).order_by("name")


def groups_to_add_to(user) -> QuerySet[Group]:
    """The groups whose library `user` may add to: every group they belong to."""
    return Group.objects.filter(pk__in=list(roles_of(user))).order_by("name")


# --- help between groups --------------------------------------------------------------------


def help_requests_visible_to(user) -> QuerySet[HelpRequest]:
    """Every group's help requests, for anyone in the alliance (twin of view_helprequest)."""
    if not is_in_the_alliance(user):
        return HelpRequest.objects.none()
    return HelpRequest.objects.select_related("group", "asked_by")


def get_help_request_for(user, pk: int) -> HelpRequest:
    """The help request if `user` may see it; 404 alike for missing and not theirs."""
    try:
        return help_requests_visible_to(user).get(pk=pk)
    except HelpRequest.DoesNotExist:
        raise Http404("No such request for help.") from None


def answers_to(help_request: HelpRequest) -> QuerySet[HelpAnswer]:
    """The answers, good ones first, with their authors, groups and any resource saved from them."""
    return (
        HelpAnswer.objects.filter(help_request=help_request)
        .select_related("author", "author_group", "saved_as")
        .order_by("-is_good", "created_at", "id")
    )


def get_answer_in(help_request: HelpRequest, pk: int) -> HelpAnswer:
    try:
        return HelpAnswer.objects.select_related("author", "author_group", "help_request").get(
            help_request=help_request, pk=pk
        )
    except HelpAnswer.DoesNotExist:
        raise Http404("No such answer.") from None


# --- the skills directory -------------------------------------------------------------------


def sharing_skills() -> QuerySet[Profile]:
    """Profiles of members who chose to share their skills and whose consent still stands."""
    consent = ConsentRecord.objects.filter(
        user=OuterRef("user"),
        purpose=ConsentRecord.Purpose.SHARE_SKILLS,
        withdrawn_at__isnull=True,
    )
    return Profile.objects.filter(Exists(consent), share_skills=True, user__is_active=True).exclude(
        skills="", interests=""
    )


def skills_directory_for(user, text: str = "") -> QuerySet[Profile]:
    """Members sharing skills that match `text`, for organisers and coordinators (with two-factor)."""
    if not user.has_perm("resources.view_skills_directory"):
        return Profile.objects.none()
    profiles = sharing_skills().select_related("user")
    for word in text.split()[:8]:
        profiles = profiles.filter(
            Q(skills__icontains=word)
            | Q(interests__icontains=word)
            | Q(user__display_name__icontains=word)
        )
    return profiles.order_by("user__display_name", "user__email")


def groups_of(user_ids: list[int]) -> dict[int, list[str]]:
    """{user id: names of their groups}, in one query, for a page of the skills directory."""
    found: dict[int, list[str]] = {}
    rows = Membership.objects.filter(user_id__in=user_ids).values_list("user_id", "group__name")
    for user_id, name in rows.order_by("group__name"):
        found.setdefault(user_id, []).append(name)
    return found


def group_by_slug(slug: str) -> Group | None:
    """The group whose library to show (every group's name is public), or None."""
    return Group.objects.filter(slug=slug).first()
