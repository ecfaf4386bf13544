from django.urls import path

from groundwork.democracy import views

app_name = "democracy"

urlpatterns = [
    # Proposals and their deliberation
    path("groups/<slug:slug>/proposals/", views.group_proposals, name="group_proposals"),
    path(
        "groups/<slug:slug>/proposals/new/",
        views.group_proposal_create,
        name="group_proposal_create",
    ),
    path("groups/<slug:slug>/proposals/settings/", views.group_settings, name="group_settings"),
    path("alliance/proposals/", views.alliance_proposals, name="alliance_proposals"),
    path(
        "alliance/proposals/new/", views.alliance_proposal_create, name="alliance_proposal_create"
    ),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:pk>/submit/", views.proposal_submit, name="proposal_submit"),
    path("proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/support/", views.proposal_support, name="proposal_support"),
    path("proposals/<int:pk>/comment/", views.proposal_comment, name="proposal_comment"),
    path("proposals/<int:pk>/amend/", views.proposal_amend, name="proposal_amend"),
    path("proposals/<int:pk>/vote/", views.proposal_open_vote, name="proposal_open_vote"),
    path(
        "proposals/<int:pk>/amendments/<int:amendment_pk>/accept/",
        views.amendment_accept,
        name="amendment_accept",
    ),
    path(
        "proposals/<int:pk>/amendments/<int:amendment_pk>/decline/",
        views.amendment_decline,
        name="amendment_decline",
    ),
    path(
        "proposals/<int:pk>/amendments/<int:amendment_pk>/vote/",
        views.amendment_put_to_vote,
        name="amendment_put_to_vote",
    ),
    # Ballots
    path("groups/<slug:slug>/ballots/", views.group_ballots, name="group_ballots"),
    path("groups/<slug:slug>/ballots/new/", views.group_ballot_create, name="group_ballot_create"),
    path("alliance/ballots/", views.alliance_ballots, name="alliance_ballots"),
    path("alliance/ballots/new/", views.alliance_ballot_create, name="alliance_ballot_create"),
    path("ballots/<int:pk>/", views.ballot, name="ballot"),
    path("ballots/<int:pk>/voted/", views.ballot_voted, name="ballot_voted"),
    path("ballots/<int:pk>/change/", views.ballot_change_vote, name="ballot_change_vote"),
    path("ballots/<int:pk>/edit/", views.ballot_edit, name="ballot_edit"),
    path("ballots/<int:pk>/open/", views.ballot_open, name="ballot_open"),
    path("ballots/<int:pk>/cancel/", views.ballot_cancel, name="ballot_cancel"),
    path("ballots/<int:pk>/results/", views.results, name="results"),
    path("ballots/<int:pk>/ballots.blt", views.ballot_blt, name="ballot_blt"),
    # Decisions and delegates
    path("groups/<slug:slug>/decisions/", views.group_decisions, name="group_decisions"),
    path("alliance/decisions/", views.alliance_decisions, name="alliance_decisions"),
    path("groups/<slug:slug>/delegates/", views.delegates, name="delegates"),
    # Tellers of secret ballots
    path("groups/<slug:slug>/tellers/", views.group_tellers, name="group_tellers"),
    path("groups/<slug:slug>/tellers/key/", views.group_teller_key, name="group_teller_key"),
    path("alliance/tellers/", views.alliance_tellers, name="alliance_tellers"),
    path("alliance/tellers/key/", views.alliance_teller_key, name="alliance_teller_key"),
    path("ballots/<int:pk>/share/", views.ballot_give_share, name="ballot_give_share"),
    path("ballots/<int:pk>/trackers.txt", views.ballot_trackers, name="ballot_trackers"),
]
