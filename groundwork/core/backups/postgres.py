"""Reaching PostgreSQL's own programs (pg_dump, pg_restore) with the site's connection settings:
libpq's keywords, passed in the environment so that a password is never on a command line."""

import os
import shutil
from typing import Any


class BackupError(Exception):
    """A backup or drill could not run (a missing program, a failed dump or restore)."""


# libpq's connection keywords and the environment variables that carry them to pg_dump.
LIBPQ_ENVIRONMENT = {
    "host": "PGHOST",
    "hostaddr": "PGHOSTADDR",
    "port": "PGPORT",
    "dbname": "PGDATABASE",
    "user": "PGUSER",
    "password": "PGPASSWORD",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "options": "PGOPTIONS",
    "application_name": "PGAPPNAME",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}


def libpq_parameters(parameters: dict[str, Any]) -> dict[str, str]:
    """The libpq keywords among `parameters` (Django's connection parameters carry others)."""
    return {
        key: str(value)
        for key, value in parameters.items()
        if key in LIBPQ_ENVIRONMENT and value not in (None, "")
    }


def environment_for(parameters: dict[str, str]) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the password never goes on a command line."""
    variables = {k: v for k, v in os.environ.items() if k not in LIBPQ_ENVIRONMENT.values()}
    variables.update({LIBPQ_ENVIRONMENT[key]: value for key, value in parameters.items()})
    return variables


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return found
