from django.urls import path

from groundwork.accountability import views

app_name = "accountability"

urlpatterns = [
    path("representatives/", views.representatives, name="representatives"),
    path("representatives/find/", views.find, name="find"),
    path("representatives/<int:pk>/", views.representative, name="representative"),
    path("representatives/bodies/<slug:slug>/", views.body, name="body"),
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
