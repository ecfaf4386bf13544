from django.urls import path

from groundwork.learning import views

app_name = "learning"

urlpatterns = [
    path("courses/", views.courses, name="courses"),
    # Before the course's own address: "new" is never a course's (actions.RESERVED_SLUGS).
    path("courses/new/", views.course_create, name="course_create"),
    path("courses/<slug:slug>/", views.course, name="course"),
    path("courses/<slug:slug>/edit/", views.course_edit, name="course_edit"),
    path("courses/<slug:slug>/steps/new/", views.step_add, name="step_add"),
    path("courses/<slug:slug>/steps/<int:pk>/done/", views.mark_step, name="mark_step"),
    path("courses/<slug:slug>/steps/<int:pk>/move/", views.step_move, name="step_move"),
    path("courses/<slug:slug>/steps/<int:pk>/remove/", views.step_remove, name="step_remove"),
]
