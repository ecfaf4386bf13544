"""Choosing the delegates who speak for a group at conference."""

import pytest
from django.urls import reverse

from groundwork.democracy.models import Delegate

pytestmark = pytest.mark.django_db


def test_alice_chooses_bob_as_delegate_but_not_carol(cast, bob, carol, riverside):
    url = reverse("democracy:delegates", kwargs={"slug": "riverside"})
    assert cast["alice"].post(url, {"delegates": [carol.pk]}).status_code == 400
    cast["alice"].post(url, {"delegates": [bob.pk]})
    assert list(Delegate.objects.values_list("user_id", flat=True)) == [bob.pk]
