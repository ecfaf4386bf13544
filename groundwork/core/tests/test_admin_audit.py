"""Every model page of the admin writes the audit log (see core.apps.GroundworkAdminSite)."""

from django.contrib import admin

from groundwork.core.admin import AuditedAdminMixin, changed_field_names


def test_every_registered_model_admin_is_audited_allauths_included():
    registry = admin.site._registry
    assert len(registry) > 10
    unaudited = [model._meta.label for model, model_admin in registry.items()
                 if not isinstance(model_admin, AuditedAdminMixin)]  # fmt: skip
    assert unaudited == []
    labels = {model._meta.label for model in registry}
    assert {"groups.Group", "account.EmailAddress"} <= labels


def test_the_changed_fields_are_read_from_the_admins_message():
    message = [{"changed": {"fields": ["Name", "Description"]}}, {"added": {"name": "district"}}]
    assert changed_field_names(message) == ["Name", "Description"]
    assert changed_field_names('[{"changed": {"fields": ["Name"]}}]') == ["Name"]
    assert changed_field_names("Changed name.") == []
