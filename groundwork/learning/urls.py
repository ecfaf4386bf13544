from django.urls import path

from groundwork.learning import views

app_name = "learning"

# The pages that build a course have two addresses each: under courses/ for the alliance's own
# courses (its coordinators), under groups/<slug>/courses/ for a group's (its organisers).
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
    path("groups/<slug:slug>/courses/", views.group_courses, name="group_courses"),
    path("groups/<slug:slug>/courses/new/", views.group_course_create, name="group_course_create"),
    path(
        "groups/<slug:slug>/courses/<slug:course_slug>/edit/",
        views.group_course_edit,
        name="group_course_edit",
    ),
    path(
        "groups/<slug:slug>/courses/<slug:course_slug>/steps/new/",
        views.group_step_add,
        name="group_step_add",
    ),
    path(
        "groups/<slug:slug>/courses/<slug:course_slug>/steps/<int:pk>/move/",
        views.group_step_move,
        name="group_step_move",
    ),
    path(
        "groups/<slug:slug>/courses/<slug:course_slug>/steps/<int:pk>/remove/",
        views.group_step_remove,
        name="group_step_remove",
    ),
]
