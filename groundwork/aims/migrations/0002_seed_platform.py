"""The alliance's platform as the founding text sets it out: five aims and five objectives.

Each gets its version 1 in the history (platform version 1, edited by nobody: the founding text).
"""

from django.db import migrations

AIMS = [
    (
        "Participatory democracy and accountable representatives",
        "Power should sit with the people it affects. We want decisions taken in the open, "
        "with people, not for them, by representatives who answer to those who elected them.",
        [
            "Participatory budgets and citizens' assemblies in every council",
            "Representatives who report back regularly and can be recalled",
            "Open meetings, open papers and a public record of every decision",
        ],
    ),
    (
        "A green new deal",
        "A fast, fair transition to a zero-carbon economy that creates good jobs and leaves "
        "no community behind.",
        [
            "Public investment in renewable energy, insulation and public transport",
            "A just transition with training and a job guarantee for workers in high-carbon industries",
            "Local energy co-operatives and community ownership of the grid",
        ],
    ),
    (
        "Ending the power of the military-industrial complex through defence diversification",
        "The skills of defence workers are needed for the problems we face. We want those skills "
        "and plants turned to socially useful production, with the workers leading the change.",
        [
            "Diversification agencies that plan alternative work with unions and communities",
            "Public money moved from arms to green industry, health and housing",
            "No job lost: retraining and new products before contracts end",
        ],
    ),
    (
        "Restructuring the economy and reversing privatisation",
        "Essential services belong to the public. We want them run for need, not profit, and an "
        "economy in which working people have a real say.",
        [
            "Bring water, energy, rail, mail and care back into public ownership",
            "End outsourcing of council services; bring contracts back in-house",
            "Support co-operatives, mutuals and democratic ownership of workplaces",
        ],
    ),
    (
        "Defining economic success by outcomes for people",
        "Growth figures say little about lives. We judge the economy by what it does for people: "
        "less poverty, better health and a better quality of life.",
        [
            "Measure child poverty, life expectancy, well-being and housing alongside GDP",
            "Publish local outcomes every year and hold councils and government to them",
            "Set targets with communities and report progress against them",
        ],
    ),
]

OBJECTIVES = [
    (
        "Local action groups and self-help projects",
        "Every community with a local action group that meets, acts and helps its own.",
        [
            "Found and grow a local action group in every borough and town",
            "Run self-help and mutual-aid projects: food shares, community kitchens, housing advice",
            "Share what works with other groups through the alliance",
        ],
    ),
    (
        "Street protests against cuts, for council housing and against austerity",
        "Visible, peaceful and well-organised protest that wins.",
        [
            "Protest against cuts to local services and the closure of public buildings",
            "Campaign for council housing and against the sell-off of estates",
            "Build coalitions with tenants, unions and service users for every protest",
        ],
    ),
    (
        "Co-operatives, the Lucas Plan and international solidarity with trade unions",
        "Working people planning and owning the work they do, here and abroad.",
        [
            "Help workers form co-operatives, from founding members to registration",
            "Draw up alternative plans for socially useful production, in the spirit of the Lucas Plan",
            "Build links of solidarity with trade unions across borders",
        ],
    ),
    (
        "Community arts, radio and culture with conferences and online resources",
        "Culture made by and for communities, and the means to share it.",
        [
            "Support community arts, theatre, music and local radio projects",
            "Hold conferences where groups learn from each other",
            "Publish guides, recordings and training online for every group to use",
        ],
    ),
    (
        "Events that demystify economics",
        "Economics explained plainly, so that everyone can argue for the economy they need.",
        [
            "Teach-ins on council budgets, public finance and privatisation",
            "Reading groups and short courses led by members",
            "Plain-language explainers published for every group to use",
        ],
    ),
]


def seed(apps, schema_editor):
    Aim = apps.get_model("aims", "Aim")
    Objective = apps.get_model("aims", "Objective")
    Revision = apps.get_model("aims", "Revision")
    for model, owner, planks in ((Aim, "aim", AIMS), (Objective, "objective", OBJECTIVES)):
        for number, (title, text, points) in enumerate(planks, start=1):
            plank = model.objects.create(
                number=number, title=title, text=text, points="\n".join(points), version=1
            )
            Revision.objects.create(
                **{owner: plank},
                version=1,
                platform_version=1,
                title=title,
                text=text,
                points="\n".join(points),
                note="The founding text",
            )


def unseed(apps, schema_editor):
    apps.get_model("aims", "Revision").objects.filter(platform_version=1).delete()
    apps.get_model("aims", "Aim").objects.all().delete()
    apps.get_model("aims", "Objective").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("aims", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
