"""Rows of the permission matrix: democracy (a group's own, or the alliance's)."""

from tests.permissions.cells import (
    COORDINATOR,
    IN_THE_ALLIANCE,
    LOGIN,
    RIVERSIDE_MEMBERS,
    RIVERSIDE_ORGANISER,
    Row,
    riverside_slug,
)


def proposal_pk(world):
    return {"pk": world.democracy["proposal"].pk}


def amendment_pk(world):
    return {"pk": world.democracy["proposal"].pk, "amendment_pk": world.democracy["amendment"].pk}


def ballot_pk(which: str):
    return lambda world: {"pk": world.democracy[which].pk}


def to_proposal(which: str = "proposal"):
    """A redirect cell to the proposal's page, known once the world is built."""
    return lambda world: f"→/proposals/{world.democracy[which].pk}/"


def to_ballot(which: str):
    return lambda world: f"→/ballots/{world.democracy[which].pk}/"


ROWS: dict[str, Row] = {
    # POSTs carry no data where a form would be needed: the refusal (404) or the form shown
    # again (400) is what is checked; a cell that is a function of the world names a redirect.
    "democracy:group_proposals": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:group_proposal_create": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:alliance_proposals": Row(IN_THE_ALLIANCE),
    "democracy:alliance_proposal_create": Row(IN_THE_ALLIANCE),
    "democracy:proposal": Row(RIVERSIDE_MEMBERS, kwargs=proposal_pk),
    # Only bob may submit his draft; to everyone else it does not exist.
    "democracy:proposal_submit": Row(
        (LOGIN, 404, to_proposal("draft"), 404, 404, 404),
        method="post",
        kwargs=lambda world: {"pk": world.democracy["draft"].pk},
    ),
    # Only bob may edit his draft; to everyone else it does not exist.
    "democracy:proposal_edit": Row(
        (LOGIN, 404, 200, 404, 404, 404), kwargs=lambda world: {"pk": world.democracy["draft"].pk}
    ),
    "democracy:proposal_withdraw": Row(
        (LOGIN, 404, to_proposal(), 404, 404, 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_support": Row(
        (LOGIN, 404, to_proposal(), 404, to_proposal(), 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_comment": Row(
        (LOGIN, 404, 400, 404, 400, 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_amend": Row(
        (LOGIN, 404, 400, 404, 400, 404), method="post", kwargs=proposal_pk
    ),
    "democracy:proposal_open_vote": Row(
        (LOGIN, 404, 404, 404, 400, 404), method="post", kwargs=proposal_pk
    ),
    # The proposer decides on amendments; the organiser may put one to a vote.
    "democracy:amendment_accept": Row(
        (LOGIN, 404, to_proposal(), 404, 404, 404), method="post", kwargs=amendment_pk
    ),
    "democracy:amendment_decline": Row(
        (LOGIN, 404, to_proposal(), 404, 404, 404), method="post", kwargs=amendment_pk
    ),
    "democracy:amendment_put_to_vote": Row(
        (LOGIN, 404, 404, 404, to_proposal(), 404), method="post", kwargs=amendment_pk
    ),
    "democracy:group_ballots": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:group_ballot_create": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "democracy:alliance_ballots": Row(IN_THE_ALLIANCE),
    "democracy:alliance_ballot_create": Row(COORDINATOR),
    "democracy:ballot": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("open")),
    # Bob and alice are electors who have not voted: no receipt yet, and no vote to change.
    "democracy:ballot_voted": Row(
        (LOGIN, 404, to_ballot("open"), 404, to_ballot("open"), 404), kwargs=ballot_pk("open")
    ),
    "democracy:ballot_change_vote": Row(
        (LOGIN, 404, 400, 404, 400, 404), method="post", kwargs=ballot_pk("open")
    ),
    "democracy:ballot_open": Row(
        (LOGIN, 404, 404, 404, to_ballot("draft_ballot"), 404),
        method="post",
        kwargs=ballot_pk("draft_ballot"),
    ),
    # A draft ballot is edited by Riverside's organisers; to everyone else it does not exist.
    "democracy:ballot_edit": Row(RIVERSIDE_ORGANISER, kwargs=ballot_pk("draft_ballot")),
    "democracy:ballot_cancel": Row(
        (LOGIN, 404, 404, 404, to_ballot("draft_ballot"), 404),
        method="post",
        kwargs=ballot_pk("draft_ballot"),
    ),
    # Results exist only after the close (test_results_before_the_close_are_hidden_from_all).
    "democracy:results": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("closed")),
    "democracy:ballot_blt": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("closed")),
    "democracy:ballot_trackers": Row(RIVERSIDE_MEMBERS, kwargs=ballot_pk("closed")),
    # Alice, Riverside's one teller, holds a share of the open ballot's key; it is not being
    # counted, so her share is refused (400); to everyone else the route does not exist.
    "democracy:ballot_give_share": Row(
        (LOGIN, 404, 404, 404, 400, 404), method="post", kwargs=ballot_pk("open")
    ),
    # The tellers' page: its organisers and its tellers (alice is both for Riverside).
    "democracy:group_tellers": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "democracy:alliance_tellers": Row(COORDINATOR),
    "democracy:group_teller_key": Row(
        (LOGIN, 404, 404, 404, 200, 404), method="post", kwargs=riverside_slug
    ),
    # The alliance has no tellers in this world: nobody may take an alliance teller's key.
    "democracy:alliance_teller_key": Row((LOGIN, 404, 404, 404, 404, 404), method="post"),
    "democracy:group_decisions": Row(RIVERSIDE_MEMBERS, kwargs=riverside_slug),
    "democracy:alliance_decisions": Row(IN_THE_ALLIANCE),
    "democracy:delegates": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
    "democracy:group_settings": Row(RIVERSIDE_ORGANISER, kwargs=riverside_slug),
}
