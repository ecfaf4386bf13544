"""Settings of the REST API (/api/v1/), imported by settings.py: each from the environment."""

from config.settings import env, env_int

# Requests one token (or, without a token, one address) may make, "count/seconds"; "0/60" is no
# limit (the test suite's: its many requests come from one address; the limit's tests set one).
GROUNDWORK_API_RATE_LIMIT = env("GROUNDWORK_API_RATE_LIMIT", "600/60")
# Rows in one page of a list, unless the caller asks for fewer; callers may ask for up to the max.
GROUNDWORK_API_PAGE_SIZE = env_int("GROUNDWORK_API_PAGE_SIZE", 25, minimum=1)
GROUNDWORK_API_MAX_PAGE_SIZE = env_int("GROUNDWORK_API_MAX_PAGE_SIZE", 100, minimum=1)
# A token's last use is written at most once in this many seconds (not on every request).
GROUNDWORK_API_LAST_USED_SECONDS = env_int("GROUNDWORK_API_LAST_USED_SECONDS", 60)
