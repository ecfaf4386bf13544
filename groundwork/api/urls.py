from django.urls import path

from groundwork.api.views import webhooks

app_name = "api"

urlpatterns = [
    path("groups/<slug:slug>/webhooks/", webhooks.webhooks, name="webhooks"),
    path("groups/<slug:slug>/webhooks/new/", webhooks.add_webhook, name="add_webhook"),
    path("groups/<slug:slug>/webhooks/<int:pk>/", webhooks.webhook, name="webhook"),
    path("groups/<slug:slug>/webhooks/<int:pk>/edit/", webhooks.edit_webhook, name="edit_webhook"),
    path(
        "groups/<slug:slug>/webhooks/<int:pk>/disable/",
        webhooks.disable_webhook,
        name="disable_webhook",
    ),
    path(
        "groups/<slug:slug>/webhooks/<int:pk>/enable/",
        webhooks.enable_webhook,
        name="enable_webhook",
    ),
    path("groups/<slug:slug>/webhooks/<int:pk>/test/", webhooks.test_webhook, name="test_webhook"),
]
