"""The token form offers exactly the scopes the API honours: write only where an endpoint writes,
and an expiry unless the person chooses "never"."""

import pytest
from django.urls import reverse

from conftest import client_for
from groundwork.api.actions import check_create_token
from groundwork.api.api import api
from groundwork.api.backends import TokenAuth
from groundwork.api.models.tokens import WRITABLE_KINDS
from groundwork.core.errors import ActionError


def scopes_the_endpoints_require() -> set[str]:
    required = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                required |= {
                    auth.scope for auth in operation.auth_callbacks if isinstance(auth, TokenAuth)
                }
    return required


def test_a_write_scope_is_offered_for_every_kind_an_endpoint_changes_and_no_other():
    writes = {scope.removesuffix(":write") for scope in scopes_the_endpoints_require()}
    writes = {kind for kind in writes if ":" not in kind}
    assert writes == set(WRITABLE_KINDS)


@pytest.mark.django_db
def test_bob_is_offered_no_write_scope_for_groups_and_cannot_make_one(bob):
    page = client_for(bob).get(reverse("api:create_token"))
    html = page.content.decode()
    assert 'value="events:write"' in html and 'value="campaigns:write"' in html
    assert 'value="groups:read"' in html and 'value="groups:write"' not in html
    with pytest.raises(ActionError) as refused:
        check_create_token(bob, name="x", scopes=["groups:write"], acting_user=bob)
    assert refused.value.field == "scopes"


@pytest.mark.django_db
def test_a_new_token_expires_in_90_days_unless_the_person_chooses_otherwise(bob):
    page = client_for(bob).get(reverse("api:create_token"))
    assert page.context["form"]["expires_in"].value() == "90"
    assert '<option value="90" selected>' in page.content.decode()
