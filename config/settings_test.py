"""Settings for the test suite: the normal settings with fast hashing and no rate limits."""

import os

os.environ.setdefault("GROUNDWORK_TESTING", "true")

from config.settings import *  # noqa: E402,F403

# The API's limit counts every request of the suite from one address; its own tests set one.
GROUNDWORK_API_RATE_LIMIT = "0/60"
