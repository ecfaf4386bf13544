from django.urls import path

from groundwork.accountability import views

app_name = "accountability"

urlpatterns = [
    path("representatives/", views.representatives, name="representatives"),
    path("representatives/<int:pk>/", views.representative, name="representative"),
    path("representatives/<int:pk>/policies/<int:policy_pk>/", views.scorecard, name="scorecard"),
    path(
        "representatives/<int:pk>/statements/new/",
        views.statement_create,
        name="statement_create",
    ),
    path("representatives/bodies/<slug:slug>/", views.body, name="body"),
    path("representatives/policies/", views.policies, name="policies"),
    path("representatives/policies/new/", views.policy_create, name="policy_create"),
    path("representatives/policies/<int:pk>/", views.policy, name="policy"),
    path(
        "representatives/policies/<int:pk>/objectives/",
        views.policy_objectives,
        name="policy_objectives",
    ),
]
