"""How the campaigns app connects to hooks of the apps to its left: the alliance's roll-up of
objectives, demo data and scale data."""

import random
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import receiver
from django.utils import timezone

from groundwork.aims.hooks import add_rollup_source
from groundwork.aims.models import Objective
from groundwork.campaigns import actions
from groundwork.campaigns.models import Campaign, Petition, Signature, Target
from groundwork.groups.hooks import demo_loaded, scale_generated
from groundwork.groups.models import PostcodeDistrict


@add_rollup_source
def campaigns_per_objective(objective_ids) -> dict[int, dict[str, int]]:
    """How many launched campaigns work towards each objective, and how many of them were won
    (one query). Campaigns still being planned are not counted: they are not public yet."""
    rows = (
        Campaign.objectives.through.objects.filter(objective_id__in=list(objective_ids))
        .exclude(campaign__status=Campaign.Status.PLANNING)
        .values("objective_id")
        .annotate(
            count=Count("campaign_id"),
            won=Count("campaign_id", filter=Q(campaign__status=Campaign.Status.WON)),
        )
        .order_by()
    )
    counts = {}
    for row in rows:
        counts[row["objective_id"]] = {"Campaigns": row["count"]}
        if row["won"]:
            counts[row["objective_id"]]["Campaigns won"] = row["won"]
    return counts


# (group name, campaign, targets, petition, letter, milestones) of the demo. Councils and their
# ONS codes are real; every named councillor is made up.
DEMO = [
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


@receiver(demo_loaded, dispatch_uid="campaigns_demo")
def add_demo_campaigns(sender, coordinator, groups, people, **kwargs) -> None:
    """Real-sounding local campaigns for three demo groups, and one of the whole alliance."""
    organisers = {
        "Hillside Action Group": people.get("farid@example.org"),
        "Riverside Action Group": people.get("alice@example.org"),
        "Manchester Action Group": people.get("grace@example.org"),
    }
    with transaction.atomic():
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


# --- national scale -----------------------------------------------------------------------

SCALE_CHUNK = 5000


@receiver(scale_generated, dispatch_uid="campaigns_scale")
def add_scale_signatures(sender, group_ids, user_ids, options, progress, **kwargs) -> None:
    """`options["signatures"]` verified signatures over a campaign and petition in each of the
    first few groups, by bulk insert (made-up emails at example.net)."""
    total = int(options.get("signatures") or 0)
    if not total or not group_ids:
        return
    rng = random.Random(options.get("seed", 2026))
    petitions = []
    for group_id in group_ids[: max(1, min(20, len(group_ids)))]:
        campaign = Campaign.objects.create(
            group_id=group_id,
            title="Save our library",
            summary="Keep the local library open and staffed.",
            demands="Keep the library open",
            status=Campaign.Status.ACTIVE,
        )
        target = Target.objects.create(
            campaign=campaign, name="The council", email="council@example.net"
        )
        petitions.append(
            Petition.objects.create(
                campaign=campaign,
                title="Keep our library open",
                statement="Keep it open.",
                target=target,
            )
        )
    districts = list(
        PostcodeDistrict.objects.values_list("district", flat=True).distinct()[:2000]
    ) or ["SE15"]
    now = timezone.now()
    done = 0
    while done < total:
        size = min(SCALE_CHUNK, total - done)
        Signature.objects.bulk_create(
            (
                Signature(
                    petition=petitions[number % len(petitions)],
                    name=f"Signer {number}",
                    email=f"signer{number}@example.net",
                    postcode_district=rng.choice(districts),
                    verified_at=now - timedelta(minutes=number % 50_000),
                    email_sent_at=now,
                )
                for number in range(done, done + size)
            ),
            batch_size=SCALE_CHUNK,
        )
        done += size
        progress("signatures", done, total)
    counts = (
        Signature.objects.filter(petition__in=petitions).values("petition").annotate(n=Count("id"))
    )
    for row in counts:
        Petition.objects.filter(pk=row["petition"]).update(signature_count=row["n"])
