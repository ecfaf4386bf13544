from django.urls import path

from groundwork.groups import views
from groundwork.groups.views import audit as audit_views
from groundwork.groups.views import mailings as mailing_views
from groundwork.groups.views import member_imports as import_views

app_name = "groups"

urlpatterns = [
    path("groups/", views.directory, name="directory"),
    path("groups/new/", views.create, name="create"),
    path("groups/ask/", views.request_group, name="request_group"),
    path("groups/<slug:slug>/", views.detail, name="detail"),
    path("groups/<slug:slug>/join/", views.join, name="join"),
    path("groups/<slug:slug>/contact/", views.contact, name="contact"),
    path("groups/<slug:slug>/leave/", views.leave, name="leave"),
    path("groups/<slug:slug>/request/withdraw/", views.withdraw_request, name="withdraw_request"),
    path("groups/<slug:slug>/members/", views.members, name="members"),
    path("groups/<slug:slug>/members/<int:pk>/remove/", views.remove_member, name="remove_member"),
    path("groups/<slug:slug>/members/<int:pk>/role/", views.change_role, name="change_role"),
    path("groups/<slug:slug>/members/import/", import_views.member_imports, name="member_imports"),
    path(
        "groups/<slug:slug>/members/import/<int:pk>/",
        import_views.member_import,
        name="member_import",
    ),
    path(
        "groups/<slug:slug>/members/import/<int:pk>/mapping/",
        import_views.map_member_import,
        name="map_member_import",
    ),
    path(
        "groups/<slug:slug>/members/import/<int:pk>/run/",
        import_views.run_member_import,
        name="run_member_import",
    ),
    path(
        "groups/<slug:slug>/members/export.csv",
        import_views.export_members,
        name="export_members",
    ),
    path("groups/<slug:slug>/requests/", views.requests, name="requests"),
    path(
        "groups/<slug:slug>/requests/<int:pk>/decide/", views.decide_request, name="decide_request"
    ),
    path("groups/<slug:slug>/invitations/", views.invitations, name="invitations"),
    path(
        "groups/<slug:slug>/invitations/<int:pk>/revoke/",
        views.revoke_invitation,
        name="revoke_invitation",
    ),
    path("groups/<slug:slug>/edit/", views.edit, name="edit"),
    path("groups/<slug:slug>/audit/", audit_views.audit, name="audit"),
    path("groups/<slug:slug>/mailings/", mailing_views.mailings, name="mailings"),
    path("groups/<slug:slug>/mailings/new/", mailing_views.new_mailing, name="new_mailing"),
    path("groups/<slug:slug>/mailings/<int:pk>/", mailing_views.mailing, name="mailing"),
    path(
        "groups/<slug:slug>/mailings/<int:pk>/edit/",
        mailing_views.edit_mailing,
        name="edit_mailing",
    ),
    path(
        "groups/<slug:slug>/mailings/<int:pk>/send/",
        mailing_views.send_mailing,
        name="send_mailing",
    ),
    path("invitations/<str:token>/", views.accept_invitation, name="invitation"),
    path("alliance/", views.alliance, name="alliance"),
    path("alliance/audit/", audit_views.alliance_audit, name="alliance_audit"),
    path("alliance/group-requests/", views.group_requests, name="group_requests"),
    path(
        "alliance/group-requests/<str:district>/",
        views.answer_group_requests,
        name="answer_group_requests",
    ),
]
