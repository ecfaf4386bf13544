"""allauth's sign-up form, made to answer alike whether or not the email has an account.

allauth already gives the same page and an email either way (ACCOUNT_PREVENT_ENUMERATION), but
the time told: a new account hashes the password (most of a second with PBKDF2) and an address
that has one skipped it, so anyone could learn who is a member of a political movement from how
long sign-up took (37 ms against 957 ms, measured in #16). The existing-account path now hashes
the password too, and bench/account_timing.py measures what remains.

A module of its own because allauth's form module imports `members.forms.SignupForm` (our
ACCOUNT_SIGNUP_FORM_CLASS): this subclass of allauth's form cannot live in that file.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # The same work as creating the account: hash the password, then throw it away.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)
