"""Settings for the test suite: the normal settings with fast hashing and no rate limits."""

import os

os.environ.setdefault("GROUNDWORK_TESTING", "true")

from config.settings import *  # noqa: E402,F403
