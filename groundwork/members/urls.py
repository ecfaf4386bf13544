from django.urls import path

from groundwork.members import views

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
]
