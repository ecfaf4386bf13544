from django.urls import path

from groundwork.learning import views

app_name = "learning"

urlpatterns = [
    path("courses/", views.courses, name="courses"),
    path("courses/<slug:slug>/", views.course, name="course"),
    path("courses/<slug:slug>/steps/<int:pk>/done/", views.mark_step, name="mark_step"),
]
