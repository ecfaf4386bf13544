"""Reading settings from the environment: each reader names the variable when it refuses a value.

Kept apart from settings.py so that the settings themselves fit in one screenful each
(config/settings.py re-exports these names).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = ("true", "yes", "on", "1")
FALSE_WORDS = ("false", "no", "off", "0")


def env(name: str, default: str = "") -> str:
    """The variable NAME, or the contents of the file named by NAME_FILE (for container secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    """NAME as true or false; unset or empty gives the default, and any other word stops start-up."""
    value = env(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is neither true nor false: use one of "
        f"{', '.join(TRUE_WORDS)} (on) or {', '.join(FALSE_WORDS)} (off)."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """NAME as a whole number of at least MINIMUM; unset or empty gives the default."""
    value = env(name, "").strip()
    if not value:
        return default
    refusal = f"{name}={value!r} is not a whole number of at least {minimum} (e.g. {default})."
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(refusal) from None
    if number < minimum:
        raise ImproperlyConfigured(refusal)
    return number


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    """NAME as one of CHOICES; unset or empty gives the default."""
    value = env(name, "").strip() or default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(choices)}.")
    return value


def env_list(name: str, default: str) -> list[str]:
    """NAME as a comma-separated list."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]
