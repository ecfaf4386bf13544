"""Reading personal access tokens: only ever the owner's own."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from groundwork.api.models import AccessToken
from groundwork.groups.models import Group, Membership


def tokens_of(user) -> QuerySet[AccessToken]:
    """The user's own tokens, newest first, with the groups each is limited to."""
    return AccessToken.objects.filter(owner=user).prefetch_related(
        Prefetch("groups", queryset=Group.objects.order_by("name").only("name", "slug"))
    )


def get_token_for(user, pk: int) -> AccessToken:
    """One of the user's own tokens; 404 alike for missing and someone else's."""
    try:
        return tokens_of(user).get(pk=pk)
    except AccessToken.DoesNotExist:
        raise Http404("No such token.") from None


def groups_a_token_may_be_limited_to(owner) -> QuerySet[Group]:
    """The groups the owner organises (a token may be limited to some of them)."""
    organised = Membership.objects.filter(user=owner, role=Membership.Role.ORGANISER)
    return Group.objects.filter(pk__in=organised.values("group_id")).order_by("name")
