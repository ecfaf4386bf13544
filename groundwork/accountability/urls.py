from django.urls import path

from groundwork.accountability import views

app_name = "accountability"

urlpatterns = [
    path("representatives/", views.representatives, name="representatives"),
    path("representatives/find/", views.find, name="find"),
    path("representatives/<int:pk>/", views.representative, name="representative"),
    path("representatives/bodies/<slug:slug>/", views.body, name="body"),
    path("representatives/imports/", views.register_imports, name="register_imports"),
    path("representatives/imports/<int:pk>/", views.register_import, name="register_import"),
    path(
        "representatives/imports/<int:pk>/apply/",
        views.register_import_apply,
        name="register_import_apply",
    ),
]
