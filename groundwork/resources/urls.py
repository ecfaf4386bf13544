from django.urls import path

from groundwork.resources import views

app_name = "resources"

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/new/", views.create, name="create"),
    path("library/<int:pk>/", views.detail, name="detail"),
    path("library/<int:pk>/edit/", views.edit, name="edit"),
    path("library/<int:pk>/delete/", views.delete, name="delete"),
    path("library/<int:pk>/fork/", views.fork, name="fork"),
    path("library/<int:pk>/file/", views.download, name="download"),
    path("help/", views.help_list, name="help_list"),
    path("help/new/", views.help_create, name="help_create"),
    path("help/<int:pk>/", views.help_detail, name="help_detail"),
    path("help/<int:pk>/answer/", views.help_answer, name="help_answer"),
    path("help/<int:pk>/answers/<int:answer_pk>/mark/", views.help_mark, name="help_mark"),
    path("help/<int:pk>/answers/<int:answer_pk>/save/", views.help_save, name="help_save"),
    path("skills/", views.skills, name="skills"),
]
