"""Reading pledges: a campaign's pledges with their tallies, a pledge's answers, the pledges a
representative answered (those of campaigns the reader may see), and the votes that broke a
signed pledge. Each asks a fixed number of queries, whatever the number of rows."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from groundwork.accountability.models import Person, Pledge, PledgeAnswer, PolicyDivision, Vote
from groundwork.accountability.pledging import CastVote, votes_against_pledge
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.queries import campaigns_visible_to

Status = PledgeAnswer.Status


def get_pledge_for(user, pk: int) -> Pledge:
    """A pledge whose campaign `user` may see, with campaign, group and policy, or 404 alike."""
    try:
        pledge = Pledge.objects.select_related("campaign", "campaign__group", "policy").get(pk=pk)
    except Pledge.DoesNotExist:
        raise Http404("No such pledge.") from None
    if not user.has_perm("accountability.see_pledge", pledge):
        raise Http404("No such pledge.")
    return pledge


def pledges_of(campaign: Campaign) -> QuerySet[Pledge]:
    """The campaign's pledges, oldest first, each with its tally of answers."""
    return Pledge.objects.filter(campaign=campaign).annotate(
        signed=Count("answers", filter=Q(answers__status=Status.SIGNED)),
        declined=Count("answers", filter=Q(answers__status=Status.DECLINED)),
        no_answer=Count("answers", filter=Q(answers__status=Status.NO_ANSWER)),
    )


def answers_to(pledge: Pledge) -> list[PledgeAnswer]:
    """Every answer to the pledge, by the representative's name."""
    return list(PledgeAnswer.objects.filter(pledge=pledge).select_related("person"))


def pledge_answers_for(user, person: Person) -> list[PledgeAnswer]:
    """The person's answers to pledges of campaigns `user` may see (twin of see_pledge)."""
    visible = campaigns_visible_to(user).values("pk")
    return list(
        PledgeAnswer.objects.filter(person=person, pledge__campaign__in=visible)
        .select_related("person", "pledge", "pledge__campaign", "pledge__policy")
        .order_by("-answered_on", "-id")
    )


def signed_answers_of(campaign: Campaign) -> list[PledgeAnswer]:
    """The signed answers to the campaign's pledges that name a policy, with the person."""
    return list(
        PledgeAnswer.objects.filter(
            pledge__campaign=campaign, status=Status.SIGNED, pledge__policy__isnull=False
        ).select_related("person", "pledge")
    )


@dataclass
class Flags:
    """The votes that broke each signed answer (by answer id), and the names of who broke them
    by pledge id."""

    by_answer: dict[int, list[CastVote]] = field(default_factory=dict)
    names_by_pledge: dict[int, list[str]] = field(default_factory=dict)

    def of(self, answer: PledgeAnswer) -> list[CastVote]:
        return self.by_answer.get(answer.pk, [])


def broken_pledges(answers: Iterable[PledgeAnswer]) -> Flags:
    """For answers (with `pledge` loaded), the votes against each signed pledge's policy after
    the day it was signed: two queries at most, whatever the number of answers."""
    signed = [a for a in answers if a.status == Status.SIGNED and a.pledge.policy_id is not None]
    flags = Flags()
    if not signed:
        return flags
    earliest = min(answer.answered_on for answer in signed)
    sides: dict[int, dict[int, str]] = defaultdict(dict)
    for policy_id, division_id, position in PolicyDivision.objects.filter(
        policy_id__in={a.pledge.policy_id for a in signed},
        division__date__gt=earliest,
        position__in=("aye", "no"),
    ).values_list("policy_id", "division_id", "position"):
        sides[policy_id][division_id] = position
    divisions = {d for by_division in sides.values() for d in by_division}
    votes: dict[int, list[CastVote]] = defaultdict(list)
    if divisions:
        for vote in Vote.objects.filter(
            person_id__in={a.person_id for a in signed}, division_id__in=divisions
        ).select_related("division"):
            division = vote.division
            votes[vote.person_id].append(
                CastVote(division.pk, division.date, division.number, division.title, vote.how)
            )
    for answer in signed:
        broken = votes_against_pledge(
            status=answer.status,
            answered_on=answer.answered_on,
            sides=sides.get(answer.pledge.policy_id or 0, {}),
            votes=votes.get(answer.person_id, []),
        )
        if broken:
            flags.by_answer[answer.pk] = broken
            flags.names_by_pledge.setdefault(answer.pledge_id, []).append(answer.person.name)
    return flags
