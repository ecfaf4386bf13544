"""Demo campaigns: real-sounding local campaigns of three demo groups, with targets, petitions,
signatures, letters and milestones, and one campaign of the whole alliance."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from groundwork.aims.models import Objective
from groundwork.campaigns import actions
from groundwork.campaigns.models import Campaign, Petition, Signature
from groundwork.groups.models import PostcodeDistrict

# (group name, campaign, targets, petition, letter, milestones) of the demo. Councils and their
# ONS codes are real; every named councillor is made up.
DEMO: list[dict[str, Any]] = [
    {
        "group": "Hillside Action Group",
        "title": "Save Catford Library",
        "summary": "Lewisham Council plans to close Catford's library. We want it open, staffed and funded.",
        "description": "The library is where children do homework, where people without broadband "
        "apply for jobs and Universal Credit, and where the warm space runs all winter.\n\n"
        "The council's *consultation* closes in six weeks. **Sign the petition** and write to "
        "your councillor.",
        "demands": "Withdraw the closure from the budget\nKeep paid, qualified library staff\n"
        "Keep opening hours at least as they are",
        "objectives": [2],  # street protests against cuts and closures
        "targets": [
            ("council", "Lewisham Council", "", "libraries@lewisham.example.org", "E09000023", ""),
            (
                "representative",
                "Cllr Jo Pembury (fictional)",
                "Cabinet member for culture",
                "jo.pembury@lewisham.example.org",
                "",
                "SE6 SE4",
            ),
        ],
        "petition": ("Keep Catford Library open", 2500),
        "letter": (
            "Please keep Catford Library open",
            "I am writing as a resident to ask you to withdraw the proposed closure of "
            "Catford Library from the budget.\n\nThe library is used by families, "
            "job seekers and older people every day. Closing it would cost more in the "
            "long run than it saves.",
        ),
        "milestones": [
            ("Public meeting: 140 people came", -30, False),
            ("Council agrees to extend the consultation", -7, True),
        ],
    },
    {
        "group": "Riverside Action Group",
        "title": "Council homes, not luxury flats, on the Aylesham site",
        "summary": "Southwark's land should house Southwark's people: 100% social rent on public land.",
        "description": "The council owns the site. We ask that every home built there is a council "
        "home at social rent, built to last and let to families on the waiting list.",
        "demands": "100% council homes at social rent on the site\nNo sale of public land to developers\n"
        "Tenants on the design panel",
        "objectives": [2],  # for council housing
        "targets": [
            ("council", "Southwark Council", "", "housing@southwark.example.org", "E09000028", ""),
            (
                "representative",
                "Cllr Sam Adeyemi (fictional)",
                "Cabinet member for housing",
                "sam.adeyemi@southwark.example.org",
                "",
                "SE15 SE16 SE1",
            ),
        ],
        "petition": ("Council homes on public land", 1000),
        "letter": (
            "Council homes on the Aylesham site",
            "I am writing to ask the council to build only council homes at social rent on "
            "the Aylesham site.\n\nThere are thousands of families on the waiting list in "
            "this borough. Public land should meet that need first.",
        ),
        "milestones": [("Petition launched at the Peckham stall", -20, False)],
    },
    {
        "group": "Manchester Action Group",
        "title": "No cuts to Sure Start centres",
        "summary": "Manchester's children's centres give families a start. Stop the cuts.",
        "description": "Three children's centres face cuts to hours and staff. We are asking the "
        "council to protect early-years services in the budget.",
        "demands": "No reduction in children's centre hours\nNo redundancies among early-years staff",
        "objectives": [2],  # against cuts and austerity
        "targets": [
            (
                "council",
                "Manchester City Council",
                "",
                "budget@manchester.example.org",
                "E08000003",
                "",
            ),
        ],
        "petition": ("Protect our children's centres", 5000),
        "letter": None,
        "milestones": [],
    },
]


def _demo_campaign(spec: dict, groups: dict, organiser, people) -> None:
    group = groups[spec["group"]]
    campaign = actions.do_create_campaign(
        group=group,
        values={key: spec[key] for key in ("title", "summary", "description", "demands")}
        | {"status": Campaign.Status.ACTIVE},
        objectives=Objective.objects.filter(number__in=spec["objectives"]),
        acting_user=organiser,
    )
    targets = [
        actions.do_save_target(
            campaign,
            target=None,
            values=dict(
                zip(
                    ("kind", "name", "role", "email", "ons_codes", "postcode_districts"),
                    row,
                    strict=True,
                )
            ),
            acting_user=organiser,
        )
        for row in spec["targets"]
    ]
    title, goal = spec["petition"]
    petition = actions.do_save_petition(
        campaign,
        petition=None,
        values={
            "title": title,
            "statement": spec["summary"],
            "target": targets[0],
            "goal": goal,
            "status": Petition.Status.OPEN,
        },
        acting_user=organiser,
    )
    districts = list(
        PostcodeDistrict.objects.filter(group=group).values_list("district", flat=True)
    )
    _add_verified_signatures(
        petition,
        count=len(spec["title"]) * 3,
        districts=districts or ["SE1"],
        prefix=f"demo{campaign.pk}",
    )
    if spec["letter"]:
        subject, body = spec["letter"]
        actions.do_save_letter_template(
            campaign,
            values={"subject": subject, "body": body, "is_open": True},
            acting_user=organiser,
        )
    for milestone_title, days, is_win in spec["milestones"]:
        actions.do_add_milestone(
            campaign,
            values={
                "title": milestone_title,
                "happened_on": date.today() + timedelta(days=days),
                "is_win": is_win,
                "description": "",
            },
            acting_user=organiser,
        )
    actions.do_post_update(
        campaign,
        title="We're live",
        body="Thank you to everyone who came to the launch. Next: **door-knocking** on Saturday.",
        acting_user=organiser,
    )


def _add_verified_signatures(
    petition: Petition, *, count: int, districts: list[str], prefix: str
) -> None:
    now = timezone.now()
    Signature.objects.bulk_create(
        Signature(
            petition=petition,
            name=f"Supporter {number}",
            email=f"{prefix}.{number}@example.net",
            postcode_district=districts[number % len(districts)],
            verified_at=now,
            email_sent_at=now,
        )
        for number in range(count)
    )
    Petition.objects.filter(pk=petition.pk).update(signature_count=count)


def load_demo_campaigns(*, coordinator, groups, people) -> None:
    """Real-sounding local campaigns for three demo groups, and one of the whole alliance."""
    organisers = {
        "Hillside Action Group": people.get("farid@example.org"),
        "Riverside Action Group": people.get("alice@example.org"),
        "Manchester Action Group": people.get("grace@example.org"),
    }
    for spec in DEMO:
        if spec["group"] in groups:
            _demo_campaign(spec, groups, organisers.get(spec["group"]) or coordinator, people)
    actions.do_create_campaign(
        group=None,
        values={
            "title": "Fund councils properly",
            "summary": "A national call on the government to restore local government funding.",
            "description": "Every group in the alliance sees the same cuts. Together we ask for "
            "councils to be funded for the services people need.",
            "demands": "Restore core funding to councils\nA fair funding formula based on need",
            "status": Campaign.Status.PLANNING,
        },
        objectives=Objective.objects.filter(number__in=[2, 5]),
        acting_user=coordinator,
    )
