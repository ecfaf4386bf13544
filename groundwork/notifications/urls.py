from django.urls import path

from groundwork.notifications import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.index, name="index"),
    path("notifications/preferences/", views.preferences, name="preferences"),
    path("notifications/read/", views.mark_all_read, name="mark_all_read"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
