from django.urls import path

from groundwork.campaigns import views

app_name = "campaigns"

urlpatterns = [
    # Campaigns
    path("campaigns/", views.campaign_list, name="list"),
    path("campaigns/new/", views.alliance_campaign_create, name="alliance_create"),
    path("groups/<slug:slug>/campaigns/", views.group_campaigns, name="group_list"),
    path("groups/<slug:slug>/campaigns/new/", views.group_campaign_create, name="group_create"),
    path("campaigns/<int:pk>/", views.detail, name="detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("campaigns/<int:pk>/organise/", views.manage, name="manage"),
    path("campaigns/<int:pk>/targets/new/", views.target_add, name="target_add"),
    path("campaigns/<int:pk>/targets/<int:target_pk>/", views.target_edit, name="target_edit"),
    path(
        "campaigns/<int:pk>/targets/<int:target_pk>/remove/",
        views.target_remove,
        name="target_remove",
    ),
    path("campaigns/<int:pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("campaigns/<int:pk>/updates/new/", views.update_add, name="update_add"),
    # Letters
    path("campaigns/<int:pk>/letter/", views.letter, name="letter"),
    path("campaigns/<int:pk>/letter/edit/", views.letter_template, name="letter_template"),
    # Petitions
    path("campaigns/<int:pk>/petitions/new/", views.petition_create, name="petition_create"),
    path("petitions/<int:pk>/", views.petition, name="petition"),
    path("petitions/<int:pk>/sign/", views.sign, name="sign"),
    path("petitions/<int:pk>/signed/", views.signed, name="signed"),
    path("petitions/<int:pk>/edit/", views.petition_edit, name="petition_edit"),
    path("petitions/<int:pk>/signatures.csv", views.signatures_csv, name="signatures_csv"),
    path("petitions/<int:pk>/delivery-sheet.pdf", views.delivery_sheet, name="delivery_sheet"),
    path("petitions/confirm/<str:token>/", views.verify, name="verify"),
]
