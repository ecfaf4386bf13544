from django.urls import path

from groundwork.accountability import views

app_name = "accountability"

urlpatterns = [
    path("representatives/", views.representatives, name="representatives"),
    path("representatives/find/", views.find, name="find"),
    path("representatives/<int:pk>/", views.representative, name="representative"),
    path("representatives/bodies/<slug:slug>/", views.body, name="body"),
    # Voting records, policies and scorecards
    path("representatives/<int:pk>/policies/<int:policy_pk>/", views.scorecard, name="scorecard"),
    path(
        "representatives/<int:pk>/statements/new/",
        views.statement_create,
        name="statement_create",
    ),
    path("representatives/policies/", views.policies, name="policies"),
    path("representatives/policies/new/", views.policy_create, name="policy_create"),
    path("representatives/policies/<int:pk>/", views.policy, name="policy"),
    path(
        "representatives/policies/<int:pk>/objectives/",
        views.policy_objectives,
        name="policy_objectives",
    ),
    path("representatives/policies/<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("representatives/policies/<int:pk>/delete/", views.policy_delete, name="policy_delete"),
    path(
        "representatives/statements/<int:pk>/edit/",
        views.statement_edit,
        name="statement_edit",
    ),
    path(
        "representatives/statements/<int:pk>/delete/",
        views.statement_delete,
        name="statement_delete",
    ),
    # Pledges
    path("campaigns/<int:pk>/pledges/new/", views.pledge_create, name="pledge_create"),
    path("pledges/<int:pk>/", views.pledge, name="pledge"),
    path("pledges/<int:pk>/answer/", views.pledge_answer, name="pledge_answer"),
    path("pledges/<int:pk>/edit/", views.pledge_edit, name="pledge_edit"),
    path("pledges/<int:pk>/delete/", views.pledge_delete, name="pledge_delete"),
    path(
        "pledges/answers/<int:pk>/delete/",
        views.pledge_answer_delete,
        name="pledge_answer_delete",
    ),
    # Positions
    path("groups/<slug:slug>/positions/", views.group_positions, name="group_positions"),
    path(
        "groups/<slug:slug>/positions/new/",
        views.group_position_create,
        name="group_position_create",
    ),
    path(
        "groups/<slug:slug>/positions/settings/",
        views.group_accountability_settings,
        name="group_accountability_settings",
    ),
    path("alliance/positions/", views.alliance_positions, name="alliance_positions"),
    path(
        "alliance/positions/new/",
        views.alliance_position_create,
        name="alliance_position_create",
    ),
    path("positions/<int:pk>/", views.position, name="position"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("positions/<int:pk>/election/", views.position_election, name="position_election"),
    path("positions/<int:pk>/appoint/", views.position_appoint, name="position_appoint"),
    path("positions/<int:pk>/step-down/", views.position_step_down, name="position_step_down"),
    path("positions/<int:pk>/mandates/new/", views.position_mandate, name="position_mandate"),
    path("positions/<int:pk>/meetings/new/", views.position_meeting, name="position_meeting"),
    path(
        "positions/<int:pk>/holders/<int:user_pk>/",
        views.holder_report_backs,
        name="holder_report_backs",
    ),
    path("terms/<int:pk>/end/", views.term_end, name="term_end"),
    path("mandates/<int:pk>/edit/", views.mandate_edit, name="mandate_edit"),
    path("mandates/<int:pk>/delete/", views.mandate_delete, name="mandate_delete"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/report/", views.meeting_report, name="meeting_report"),
    path("representatives/imports/", views.register_imports, name="register_imports"),
    path("representatives/imports/<int:pk>/", views.register_import, name="register_import"),
    path(
        "representatives/imports/<int:pk>/apply/",
        views.register_import_apply,
        name="register_import_apply",
    ),
    # Recall
    path("positions/<int:pk>/recall/", views.recall_petitions, name="recall_petitions"),
    path(
        "positions/<int:pk>/recall/new/",
        views.recall_petition_create,
        name="recall_petition_create",
    ),
    path("recall/<int:pk>/", views.recall_petition, name="recall_petition"),
    path("recall/<int:pk>/sign/", views.recall_petition_sign, name="recall_petition_sign"),
    path("recall/<int:pk>/open-ballot/", views.recall_ballot_open, name="recall_ballot_open"),
    path("recall/<int:pk>/by-election/", views.recall_by_election, name="recall_by_election"),
]
