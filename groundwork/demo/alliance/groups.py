"""The demo alliance: a dozen real UK boroughs, their groups, members, organisers and a coordinator."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from groundwork.groups import actions
from groundwork.groups.models import Group, Membership
from groundwork.members.actions import do_sign_up_member
from groundwork.members.models import User

DEMO_PASSWORD = "solidarity-2026"


@dataclass(frozen=True)
class DemoGroup:
    name: str
    area: str
    ons_code: str
    districts: tuple[str, ...]
    join_policy: str
    latitude: str
    longitude: str
    description: str


GROUPS = [
    DemoGroup(
        "Riverside Action Group",
        "Southwark",
        "E09000028",
        ("SE1", "SE15", "SE16"),
        "open",
        "51.50280",
        "-0.08760",
        "Campaigning for council housing and against cuts along the river.",
    ),
    DemoGroup(
        "Hillside Action Group",
        "Lewisham",
        "E09000023",
        ("SE4", "SE23", "SE26"),
        "approval",
        "51.44150",
        "-0.05330",
        "Mutual aid, a community kitchen and a campaign to save the library.",
    ),
    DemoGroup(
        "Hackney Action Group",
        "Hackney",
        "E09000012",
        ("E5", "E8", "E9"),
        "open",
        "51.54500",
        "-0.05530",
        "Renters' rights, a food co-op and street stalls every Saturday.",
    ),
    DemoGroup(
        "Lambeth Action Group",
        "Lambeth",
        "E09000022",
        ("SW2", "SW9", "SE11"),
        "approval",
        "51.46130",
        "-0.11560",
        "Defending public services in Brixton and beyond.",
    ),
    DemoGroup(
        "Tower Hamlets Action Group",
        "Tower Hamlets",
        "E09000030",
        ("E1", "E3", "E14"),
        "open",
        "51.51500",
        "-0.03300",
        "Housing, youth services and a community radio project.",
    ),
    DemoGroup(
        "Manchester Action Group",
        "Manchester",
        "E08000003",
        ("M1", "M13", "M14"),
        "open",
        "53.48080",
        "-2.24260",
        "Teach-ins that demystify the council budget.",
    ),
    DemoGroup(
        "Liverpool Action Group",
        "Liverpool",
        "E08000012",
        ("L1", "L8", "L15"),
        "approval",
        "53.40840",
        "-2.99160",
        "Working with the trade unions on a workers' co-operative.",
    ),
    DemoGroup(
        "Leeds Action Group",
        "Leeds",
        "E08000035",
        ("LS2", "LS6", "LS11"),
        "open",
        "53.80080",
        "-1.54910",
        "Fighting cuts to adult social care.",
    ),
    DemoGroup(
        "Bristol Action Group",
        "Bristol, City of",
        "E06000023",
        ("BS1", "BS2", "BS5"),
        "open",
        "51.45450",
        "-2.58790",
        "Community arts and a green new deal for the city.",
    ),
    DemoGroup(
        "Sheffield Action Group",
        "Sheffield",
        "E08000019",
        ("S1", "S2", "S11"),
        "invitation",
        "53.38110",
        "-1.47010",
        "Defence diversification: skills from arms to green industry.",
    ),
    DemoGroup(
        "Glasgow Action Group",
        "Glasgow City",
        "S12000049",
        ("G1", "G3", "G40"),
        "open",
        "55.86420",
        "-4.25180",
        "Tenants' unions and a people's inquiry into poverty.",
    ),
    DemoGroup(
        "Cardiff Action Group",
        "Cardiff",
        "W06000015",
        ("CF10", "CF11", "CF24"),
        "approval",
        "51.48160",
        "-3.17910",
        "Welsh-language community events and a food bank.",
    ),
]

# (email, name, groups they belong to, groups they organise)
PEOPLE = [
    ("alice@example.org", "Alice Okafor", [], ["Riverside Action Group"]),
    ("bob@example.org", "Bob Marsh", ["Riverside Action Group"], []),
    ("carol@example.org", "Carol Nguyen", ["Hillside Action Group"], []),
    ("dan@example.org", "Dan Evans", [], []),
    ("erin@example.org", "Erin Walsh", ["Riverside Action Group", "Hackney Action Group"], []),
    ("farid@example.org", "Farid Haddad", ["Hillside Action Group"], ["Hillside Action Group"]),
    ("grace@example.org", "Grace Mensah", ["Manchester Action Group"], ["Manchester Action Group"]),
]
COORDINATOR = ("coordinator@example.org", "Sam Coordinator")
# More members, spread over the groups so every directory card shows a living group.
FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Deepak",
    "Eilidh",
    "Femi",
    "Gareth",
    "Hana",
    "Imran",
    "Jess",
    "Kwame",
    "Lowri",
    "Marek",
    "Niamh",
    "Oluwaseun",
    "Priya",
    "Rhys",
    "Siobhan",
    "Tariq",
    "Uma",
    "Vik",
    "Wen",
    "Yusuf",
    "Zofia",
]
SURNAMES = [
    "Ahmed",
    "Brown",
    "Campbell",
    "Davies",
    "Edwards",
    "Fraser",
    "Gill",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Lewis",
]
TWO_FACTOR_USERS = {"alice@example.org", "farid@example.org", "grace@example.org", COORDINATOR[0]}


def _person(email: str, name: str) -> User:
    user = User.objects.create_user(email, DEMO_PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    do_sign_up_member(user, display_name=name, organiser_contact=True, acting_user=user)
    if email in TWO_FACTOR_USERS and not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def _describe(email: str, member_of: list[str], organiser_of: list[str]) -> str:
    roles = [f"organiser of {g}" for g in organiser_of] + [
        f"member of {g}" for g in member_of if g not in organiser_of
    ]
    two_factor = " (two-factor)" if email in TWO_FACTOR_USERS else ""
    return (", ".join(roles) or "in no group yet") + two_factor


def demo_logins() -> list[tuple[str, str]]:
    """The demo logins that exist in this database (none if the demo was never loaded)."""
    if not User.objects.filter(email=COORDINATOR[0]).exists():
        return []
    people = [(COORDINATOR[0], "alliance coordinator (two-factor)")]
    return people + [(e, _describe(e, m, o)) for e, _, m, o in PEOPLE]


def _join_as_the_group_allows(
    group: Group, user: User, *, coordinator: User, leave_pending: bool
) -> None:
    """Join through the same actions a person would use; some requests stay for organisers to see."""
    if group.join_policy == Group.JoinPolicy.INVITATION:
        invitation = actions.do_invite(group, email=user.email, acting_user=coordinator)
        actions.check_accept_invitation(invitation, acting_user=user)
        return
    outcome = actions.check_join_group(group, message="I'd like to help.", acting_user=user)
    if outcome.request and not leave_pending:
        actions.check_decide_join_request(outcome.request, approve=True, acting_user=coordinator)


def load_demo_groups() -> tuple[User, dict[str, Group], dict[str, User]]:
    """The alliance's coordinator, groups and members; returns (the coordinator, {name: group},
    {email: person}) for the other apps' demo data to build on."""
    coordinator = _person(*COORDINATOR)
    actions.do_appoint_coordinator(coordinator, acting_user=None)
    groups = {}
    for demo in GROUPS:
        groups[demo.name] = actions.do_create_group(
            values={
                "name": demo.name,
                "kind": Group.Kind.LOCAL,
                "parent": None,
                "description": demo.description,
                "join_policy": demo.join_policy,
                "area_name": demo.area,
                "ons_code": demo.ons_code,
                "latitude": demo.latitude,
                "longitude": demo.longitude,
                "contact_email": "",
            },
            districts=list(demo.districts),
            acting_user=coordinator,
        )
    people = {}
    for email, name, member_of, organiser_of in PEOPLE:
        user = people[email] = _person(email, name)
        for group_name in organiser_of:
            actions.do_appoint_organiser(groups[group_name], user, acting_user=coordinator)
        for group_name in member_of:
            if group_name not in organiser_of:
                _join_as_the_group_allows(
                    groups[group_name], user, coordinator=coordinator, leave_pending=False
                )
    for number, first_name in enumerate(FIRST_NAMES * 3):
        surname = SURNAMES[number % len(SURNAMES)]
        email = f"{first_name.lower()}.{surname.lower()}{number}@example.org"
        _join_as_the_group_allows(
            groups[GROUPS[number % len(GROUPS)].name],
            _person(email, f"{first_name} {surname}"),
            coordinator=coordinator,
            leave_pending=number % 5 == 0,
        )
    _give_every_group_an_organiser(groups.values(), coordinator=coordinator)
    return coordinator, groups, people


def _give_every_group_an_organiser(groups, *, coordinator: User) -> None:
    """A group nobody organises gets its longest-standing member as organiser, so every group's
    page has someone to write to."""
    for group in groups:
        memberships = Membership.objects.filter(group=group).order_by("joined_at", "pk")
        if memberships.filter(role=Membership.Role.ORGANISER).exists():
            continue
        first = memberships.select_related("user").first()
        if first is not None:
            actions.do_appoint_organiser(group, first.user, acting_user=coordinator)
