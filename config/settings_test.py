"""Settings for the test suite: the normal settings with fast hashing and no rate limits."""

import os

os.environ.setdefault("GROUNDWORK_TESTING", "true")

from config.settings import *  # noqa: E402,F403

# The read replica's alias, always, as a mirror of the test database, and off: tests that check
# the router turn it on with settings.GROUNDWORK_READ_REPLICA = "replica" (a replica connection
# cannot see the rows a test writes inside its transaction, so it is never on by default).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
GROUNDWORK_READ_REPLICA = ""
# The API's limit counts every request of the suite from one address; its own tests set one.
GROUNDWORK_API_RATE_LIMIT = "0/60"
