"""Rows of the permission matrix: allauth's accounts and two-factor pages."""

from tests.permissions.cells import (
    HOME,
    LOGIN,
    MEMBER_HOME,
    PUBLIC,
    REAUTHENTICATE,
    Row,
    everyone,
    signed_in,
)

ROWS: dict[str, Row] = {
    # --- allauth: accounts (signed-in people are sent home from the sign-in and sign-up pages)
    "account_login": Row((200,) + everyone(HOME)[1:]),
    "account_signup": Row((200,) + everyone(HOME)[1:]),
    "account_logout": Row(signed_in(200, anon="→/")),
    "account_inactive": Row(PUBLIC),
    "account_reauthenticate": Row(MEMBER_HOME),
    "account_email": Row(MEMBER_HOME),
    "account_email_verification_sent": Row(PUBLIC),
    "account_change_password": Row(MEMBER_HOME),
    # Everyone in the cast has a password, so "set a password" sends them to "change" it.
    "account_set_password": Row(signed_in("→/accounts/password/change/")),
    "account_reset_password": Row(PUBLIC),
    "account_reset_password_done": Row(PUBLIC),
    # A made-up key shows the "bad link" page rather than an error.
    "account_reset_password_from_key": Row(
        PUBLIC, kwargs=lambda world: {"uidb36": "1", "key": "not-a-real-key"}
    ),
    "account_reset_password_from_key_done": Row(PUBLIC),
    "account_confirm_email": Row(PUBLIC, kwargs=lambda world: {"key": "not-a-real-key"}),
    # Login by code is off: there is never a code to confirm.
    "account_confirm_login_code": Row(("→/accounts/login/",) + everyone(HOME)[1:]),
    # --- allauth: two-factor (force_login leaves no recent authentication, hence reauthenticate)
    "mfa_index": Row(MEMBER_HOME),
    # Outside a sign-in in progress there is nothing to authenticate.
    "mfa_authenticate": Row(("→/accounts/login/",) + everyone(HOME)[1:]),
    # Alice and the coordinator have an authenticator to reauthenticate with; the rest do not.
    "mfa_reauthenticate": Row((LOGIN, REAUTHENTICATE, REAUTHENTICATE, REAUTHENTICATE, 200, 200)),
    "mfa_activate_totp": Row(signed_in(REAUTHENTICATE)),
    "mfa_deactivate_totp": Row((LOGIN, 404, 404, 404, REAUTHENTICATE, REAUTHENTICATE)),
    "mfa_generate_recovery_codes": Row(signed_in(REAUTHENTICATE)),
    # Nobody in the cast has generated recovery codes.
    "mfa_view_recovery_codes": Row(signed_in(404)),
    "mfa_download_recovery_codes": Row(signed_in(404)),
}
