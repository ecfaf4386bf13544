"""Factories with domain verbs for groups, members and the cast of the test suite."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from groundwork.core.tests.factories import ModelFactory
from groundwork.groups import actions
from groundwork.groups.actions._common import _add_member
from groundwork.groups.models import Group, Membership
from groundwork.members.actions import do_sign_up_member
from groundwork.members.models import User

PASSWORD = "correct horse battery staple"
# A fixed TOTP secret so browser tests can compute the code a phone would show.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(ModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            user.save()
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            # The cast ticked the optional consent to contact when they signed up.
            do_sign_up_member(
                user, display_name=user.display_name, organiser_contact=True, acting_user=user
            )


class GroupFactory(ModelFactory[Group]):
    class Meta:
        model = Group

    name = factory.Sequence(lambda n: f"Group {n}")
    slug = factory.Sequence(lambda n: f"group-{n}")
    area_name = "Southwark"
    ons_code = "E09000028"
    join_policy = Group.JoinPolicy.OPEN


def with_two_factor(user: User) -> User:
    """Give the user a TOTP authenticator with the known test secret."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


def current_totp_code() -> str:
    """The code an authenticator app with TOTP_SECRET shows now."""
    import time

    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def join(group: Group, user: User) -> Membership:
    """Make `user` a member of `group` as if they had joined it."""
    return _add_member(
        group, user, role=Membership.Role.MEMBER, acting_user=user, verb="membership.joined"
    )


def make_organiser(group: Group, user: User) -> Membership:
    """Make `user` an organiser of `group` (with two-factor, as organisers must have)."""
    with_two_factor(user)
    return actions.do_appoint_organiser(group, user, acting_user=None)


def make_coordinator(user: User) -> User:
    with_two_factor(user)
    actions.do_appoint_coordinator(user, acting_user=None)
    return user
