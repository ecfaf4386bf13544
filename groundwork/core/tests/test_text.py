"""Cutting text to what a field holds."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import FieldDoesNotExist

from groundwork.core.models import AuditEntry
from groundwork.core.text import fit_to_field


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a" * 201, "a" * 200),
        ("a" * 200, "a" * 200),
        ("short", "short"),
        ("", ""),
        ("é" * 250, "é" * 200),  # characters, not bytes
    ],
)
def test_a_value_is_cut_to_the_fields_max_length(value, expected):
    assert fit_to_field(AuditEntry, "target_label", value) == expected


def test_each_field_has_its_own_length():
    assert fit_to_field(AuditEntry, "verb", "v" * 100) == "v" * 80


def test_a_field_without_a_max_length_keeps_the_whole_value():
    assert fit_to_field(Session, "session_data", "x" * 5000) == "x" * 5000


def test_an_unknown_field_is_an_error_not_a_silent_pass():
    with pytest.raises(FieldDoesNotExist):
        fit_to_field(AuditEntry, "no_such_field", "text")
