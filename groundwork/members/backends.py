"""The permission backend: django-rules answers for members, the admin's model permissions only
for staff."""

from django.core.exceptions import PermissionDenied
from rules.permissions import ObjectPermissionBackend


class RulesBackend(ObjectPermissionBackend):
    """django-rules' backend, with the last word for everyone who is not staff.

    Model permissions are the admin's, and only staff reach the admin: everything a member may do
    is a rule. When a rule says no to a member, `PermissionDenied` ends Django's walk through
    the backends, so ModelBackend does not spend two queries per request finding the model
    permissions that no member has. It is listed first in AUTHENTICATION_BACKENDS; it does not
    authenticate, so sessions never name it.
    """

    def has_perm(self, user, perm, *args, **kwargs) -> bool:
        if super().has_perm(user, perm, *args, **kwargs):
            return True
        if user.is_authenticated and not (user.is_staff or user.is_superuser):
            raise PermissionDenied
        return False
