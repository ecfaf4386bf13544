from django.urls import path

from groundwork.members import views
from groundwork.members.views import rights as views_rights

app_name = "members"

urlpatterns = [
    path("", views.landing, name="landing"),
    path("home/", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("profile/", views.profile, name="profile"),
    path("profile/consents/", views.consents, name="consents"),
    path(
        "profile/consents/<str:purpose>/withdraw/", views.withdraw_consent, name="withdraw_consent"
    ),
    # Data rights: a copy of everything held, and erasure (views/rights.py).
    path("profile/data/", views_rights.your_data, name="data"),
    path("profile/data/export/", views_rights.request_export, name="request_export"),
    path(
        "profile/data/export/<int:pk>/download/",
        views_rights.download_export,
        name="download_export",
    ),
    path("profile/delete/", views_rights.delete_account, name="delete_account"),
]
