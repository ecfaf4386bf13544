"""Text that goes into the database: cut to what a field can hold."""

from django.db import models


def fit_to_field(model: type[models.Model], field_name: str, value: str) -> str:
    """`value`, cut to the `max_length` of `model`'s field `field_name` (whole if it fits)."""
    field = model._meta.get_field(field_name)
    max_length = field.max_length if isinstance(field, models.Field) else None  # not a relation
    return value[:max_length] if max_length else value
