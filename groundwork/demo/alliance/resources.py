"""The demo library: guides, templates, leaflets, training, case studies, a recording, help."""

from groundwork.groups.models import Group
from groundwork.members.actions import do_update_profile, profile_of
from groundwork.members.models import User
from groundwork.resources import actions
from groundwork.resources.actions import ResourceInput
from groundwork.resources.models import Resource

K = Resource.Kind
S = Resource.Scope

# (owner group name or None for the alliance, kind, scope, title, summary, tags, body)
LIBRARY = [
    (
        None,
        K.GUIDE,
        S.PUBLIC,
        "How the council budget works",
        "Where a council's money comes from, where it goes, and when to make your case.",
        ("council budget", "economics"),
        "## The money coming in\n\nCouncil tax, business rates and grants from government.\n\n"
        "## The money going out\n\n| Service | Share |\n|---|---|\n| Adult social care | 38% |\n"
        "| Children's services | 23% |\n| Everything else | 39% |\n\n"
        "## When to act\n\nThe budget is set in **February**; consultations open in the autumn.",
    ),
    (
        None,
        K.TRAINING,
        S.ALLIANCE,
        "Economics without the jargon: session plan",
        "A two-hour teach-in plan: money, debt, public spending and who gains.",
        ("economics", "teach-in"),
        "1. Where money comes from (30 minutes)\n2. Public debt, household debt (30 minutes)\n"
        "3. Break\n4. Who gains from austerity? (45 minutes)\n\nBring flip-chart paper and pens.",
    ),
    (
        None,
        K.TRAINING,
        S.ALLIANCE,
        "Reading a council's accounts",
        "Find the reserves, the borrowing and the contracts in a statement of accounts.",
        ("economics", "council budget"),
        "Start with the **narrative report**, then the balance sheet. Usable reserves are what "
        "the council could spend; earmarked reserves are promised already.",
    ),
    (
        "Riverside Action Group",
        K.CASE_STUDY,
        S.ALLIANCE,
        "How we won 200 council homes on the Aylesbury estate",
        "Three years of a council housing campaign, what worked and what did not.",
        ("housing", "campaigning"),
        "We started with a **door-knocking survey** of 400 households, took the results to every "
        "ward councillor, and packed the planning committee.\n\n- What worked: tenants speaking\n"
        "- What did not: petitions alone",
    ),
    (
        "Riverside Action Group",
        K.TEMPLATE,
        S.ALLIANCE,
        "Letter to your councillor about repairs",
        "A template letter tenants can adapt and send.",
        ("housing", "template", "letters"),
        "Dear Councillor [name],\n\nI live at [address]. Since [date] my home has had [problem]...",
    ),
    (
        "Hillside Action Group",
        K.LEAFLET,
        S.PUBLIC,
        "Save our library: leaflet",
        "A double-sided A5 leaflet for street stalls.",
        ("libraries", "leaflet"),
        "**Our library is under threat.** Come to the public meeting on Thursday at 7pm.",
    ),
    (
        "Hillside Action Group",
        K.GUIDE,
        S.GROUP,
        "Running our community kitchen: rota notes",
        "For Hillside volunteers only: keys, suppliers, hygiene checklist.",
        ("mutual aid", "food"),
        "Keys are with the caretaker. Fridge temperatures are logged **twice a day**.",
    ),
    (
        "Tower Hamlets Action Group",
        K.GUIDE,
        S.PUBLIC,
        "Starting a community radio station",
        "Licences, equipment, and a first week of programmes.",
        ("radio", "culture"),
        "## Licences\n\nOfcom offers community radio licences in rounds; a **restricted service "
        "licence** lets you broadcast for a few weeks first.\n\n## Equipment\n\nA mixer, two "
        "microphones, headphones and a laptop are enough to start.",
    ),
    (
        "Tower Hamlets Action Group",
        K.TRAINING,
        S.ALLIANCE,
        "Presenting on air: a first workshop",
        "Breathing, pace, interviews and what to do when things go quiet.",
        ("radio", "training"),
        "Practise with a friend. Keep a *dead air* card: three things to say at any moment.",
    ),
    (
        "Tower Hamlets Action Group",
        K.RECORDING,
        S.PUBLIC,
        "Recording: our first broadcast",
        "An hour of local voices, music and news.",
        ("radio", "recording"),
        "Recorded live from the community centre.",
    ),
    (
        "Manchester Action Group",
        K.CASE_STUDY,
        S.PUBLIC,
        "Teach-ins that filled the town hall",
        "How a monthly economics teach-in grew from 8 people to 200.",
        ("economics", "teach-in"),
        "We picked **one question** each month and asked a local economist to answer it plainly.",
    ),
    (
        "Hackney Action Group",
        K.TEMPLATE,
        S.ALLIANCE,
        "Renters' union sign-up sheet",
        "A sheet for door-knocking: name, address, issue, follow-up.",
        ("housing", "renters", "template"),
        "| Name | Address | Issue | Follow-up |\n|---|---|---|---|\n| | | | |",
    ),
]
RECORDING_LINK = "https://archive.org/details/community-radio-first-broadcast"


def _author(group: Group | None, coordinator: User) -> User:
    if group is None:
        return coordinator
    membership = group.memberships.select_related("user").order_by("-role", "joined_at").first()
    return membership.user if membership else coordinator


def load_demo_library(*, coordinator: User, groups: dict, people: dict) -> dict[str, Resource]:
    """Fill the library, fork a case study, and leave a help request with answers."""
    made = {}
    for owner, kind, scope, title, summary, tags, body in LIBRARY:
        group = groups.get(owner) if owner else None
        made[title] = actions.check_add_resource(
            group=group,
            data=ResourceInput(
                title=title,
                kind=kind,
                scope=scope,
                summary=summary,
                body=body,
                tags=tags,
                link=RECORDING_LINK if kind == K.RECORDING else "",
            ),
            acting_user=_author(group, coordinator),
        )
    hillside = groups["Hillside Action Group"]
    farid = people["farid@example.org"]
    actions.check_fork_resource(
        made["How we won 200 council homes on the Aylesbury estate"],
        group=hillside,
        acting_user=farid,
    )
    actions.check_fork_resource(
        made["Letter to your councillor about repairs"],
        group=groups["Manchester Action Group"],
        acting_user=people["grace@example.org"],
    )
    question = actions.check_ask_for_help(
        group=hillside,
        title="Has anyone run a campaign to save a public library?",
        body="The council wants to close ours in April. What worked for you?",
        acting_user=farid,
    )
    answer = actions.do_answer_help_request(
        question,
        body="We got the library **listed as an asset of community value**, which bought us six "
        "months. Then we packed the cabinet meeting.",
        acting_user=people["bob@example.org"],
    )
    actions.do_mark_good_answer(answer, is_good=True, acting_user=farid)
    actions.do_answer_help_request(
        question,
        body="Talk to Unison: the library staff were our best allies.",
        acting_user=people["erin@example.org"],
    )
    actions.check_ask_for_help(
        group=groups["Riverside Action Group"],
        title="Has anyone run a council housing campaign with tenants' associations?",
        body="We want to bring three estates together.",
        acting_user=people["alice@example.org"],
    )
    return made


DEMO_SKILLS = {
    "bob@example.org": ("Graphic design\nLeaflet layout", "Housing\nCommunity radio"),
    "carol@example.org": ("Accounting\nReading council budgets", "Libraries\nEconomics"),
    "erin@example.org": ("Welsh translation\nSound engineering", "Radio\nRenters' rights"),
}


def share_demo_skills(people: dict) -> None:
    """Some demo members chose to share their skills (and so consented); the rest did not."""
    for email, (skills, interests) in DEMO_SKILLS.items():
        user = people[email]
        profile = profile_of(user)
        values = {
            field: getattr(profile, field)
            for field in (
                "pronouns",
                "postcode_district",
                "show_pronouns",
                "allow_organiser_contact",
            )
        }
        values |= {"skills": skills, "interests": interests, "share_skills": True}
        do_update_profile(user, display_name=user.display_name, values=values, acting_user=user)
