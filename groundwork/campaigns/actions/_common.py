"""What the campaigns actions share: an object's audited fields, and what changed between two."""


def _values(instance, fields: list[str]) -> dict:
    values = {}
    for field in fields:
        value = getattr(instance, field)
        values[field] = value.pk if hasattr(value, "pk") else value
    return values


def _changes(old: dict, new: dict) -> tuple[dict, dict]:
    changed = [key for key in new if new[key] != old.get(key)]
    return {key: old.get(key) for key in changed}, {key: new[key] for key in changed}
