from django.urls import path

from groundwork.aims import views

app_name = "aims"

urlpatterns = [
    path("platform/", views.platform, name="platform"),
    path("platform/history/", views.history, name="history"),
    path("platform/adopt/", views.adopt, name="adopt"),
    path("platform/withdraw/", views.withdraw, name="withdraw"),
    path("platform/aims/<int:pk>/edit/", views.aim_edit, name="aim_edit"),
    path("platform/objectives/<int:pk>/edit/", views.objective_edit, name="objective_edit"),
    path("platform/progress/", views.rollup, name="rollup"),
    path("groups/<slug:slug>/plan/", views.plan, name="plan"),
    path("groups/<slug:slug>/plan/adopt/", views.adopt_objective, name="adopt_objective"),
    path("groups/<slug:slug>/plan/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path(
        "groups/<slug:slug>/plan/goals/<int:pk>/tasks/new/", views.task_create, name="task_create"
    ),
    path("groups/<slug:slug>/plan/goals/<int:pk>/edit/", views.goal_edit, name="goal_edit"),
    path("groups/<slug:slug>/plan/tasks/<int:pk>/edit/", views.task_edit, name="task_edit"),
    path("groups/<slug:slug>/plan/tasks/<int:pk>/delete/", views.task_delete, name="task_delete"),
    path("plan/tasks/<int:pk>/status/", views.task_status, name="task_status"),
]
