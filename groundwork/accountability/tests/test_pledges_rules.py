"""The pledges on a representative's page (pledge_answers_for) agree with the rule
accountability.see_pledge, for each of the cast and campaigns of every status and scope."""

import pytest
from django.contrib.auth.models import AnonymousUser

from groundwork.accountability import queries
from groundwork.accountability.models import Person
from groundwork.accountability.tests.pledges_factories import answer_pledge, ask_to_pledge
from groundwork.campaigns.models import Campaign
from groundwork.campaigns.tests.factories import start_campaign

pytestmark = pytest.mark.django_db


def test_pledge_answers_for_agrees_with_see_pledge(
    riverside, hillside, alice, bob, carol, dan, admin
):
    person = Person.objects.create(name="Ann Example")
    pledges = []
    for group in (riverside, hillside, None):
        for status in Campaign.Status.values:
            campaign = start_campaign(group, status=status, title=f"{group} {status}")
            pledge = ask_to_pledge(campaign)
            answer_pledge(pledge, person)
            pledges.append(pledge)
    seen_by_bob = set()
    for user in (AnonymousUser(), dan, bob, carol, alice, admin):
        listed = {answer.pledge for answer in queries.pledge_answers_for(user, person)}
        allowed = {
            pledge for pledge in pledges if user.has_perm("accountability.see_pledge", pledge)
        }
        assert listed == allowed, user
        if user == bob:
            seen_by_bob = listed
    # Not vacuous: bob sees Riverside's planned campaign's pledge, the public do not.
    assert len(seen_by_bob) > len(queries.pledge_answers_for(AnonymousUser(), person)) > 0
