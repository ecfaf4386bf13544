"""Importing TheyWorkForYou's current policies (publicwhip/twfy.py) with the votes: part of
`do_import_votes`, in its transaction, counted in its report.

They are policies of their own source ("theyworkforyou-policies"), beside Public Whip's 2013
versions of the same ids: a representative's page shows both, and their difference is the
policy's revision, not an error. A division a policy names that the vote matrix lacks (most of
them are after February 2013) is stored without votes (`recorded` False), so a scorecard says
"no record" rather than "absent". A link of another chamber is skipped with the reason, and a
link a newer file no longer names is removed (vote_removals.py)."""

from typing import TYPE_CHECKING

from groundwork.accountability.actions import vote_removals
from groundwork.accountability.importing import Skipped
from groundwork.accountability.models import Body, Division, Policy, PolicyDivision, Source
from groundwork.accountability.publicwhip import COMMONS, DivisionKey, TwfyPolicy, VoteFiles

if TYPE_CHECKING:
    from groundwork.accountability.actions.votes import VoteImportReport

THEYWORKFORYOU = {
    "slug": "theyworkforyou-policies",
    "title": "TheyWorkForYou policies (current definitions, twfy-votes)",
    "url": "https://votes.theyworkforyou.com/policies",
    "licence": "Published by mySociety with no licence stated; the divisions are Hansard's "
    "(Open Parliament Licence)",
    "licence_url": "https://www.parliament.uk/site-information/copyright-parliament/"
    "open-parliament-licence/",
}


def import_twfy_policies(
    files: VoteFiles,
    divisions: dict[DivisionKey, Division],
    body: Body,
    report: "VoteImportReport",
) -> None:
    """Bring TheyWorkForYou's policies and their Commons divisions up to the files."""
    policies = files.twfy_policies
    if not policies:
        return
    source, _created = Source.objects.update_or_create(
        slug=THEYWORKFORYOU["slug"], defaults=THEYWORKFORYOU
    )
    held = _import_policies(policies, source, report)
    counted = {division.key for division in files.matrix.divisions}
    counted |= {link.division for link in files.policy_votes.divisions if link.body == COMMONS}
    _add_divisions(policies, divisions, counted, body, source, report)
    _import_links(policies, held, divisions, report)


def _import_policies(
    policies: tuple[TwfyPolicy, ...], source: Source, report: "VoteImportReport"
) -> dict[int, Policy]:
    held = {policy.external_id: policy for policy in Policy.objects.filter(source=source)}
    made, changed = [], []
    for parsed in (twfy.policy for twfy in policies):
        title, description = parsed.title.strip()[:200], parsed.description.strip()
        policy = held.get(str(parsed.id))
        if policy is None:
            policy = Policy(
                title=title, description=description, source=source, external_id=str(parsed.id)
            )
            made.append(policy)
            held[policy.external_id] = policy
        elif (policy.title, policy.description) != (title, description):
            policy.title, policy.description = title, description
            changed.append(policy)
        else:
            report.policies.unchanged += 1
    Policy.objects.bulk_create(made)
    Policy.objects.bulk_update(changed, ["title", "description"])
    report.policies.added += len(made)
    report.policies.updated += len(changed)
    return {twfy.policy.id: held[str(twfy.policy.id)] for twfy in policies}


def _add_divisions(
    policies: tuple[TwfyPolicy, ...],
    divisions: dict[DivisionKey, Division],
    counted: set[DivisionKey],
    body: Body,
    source: Source,
    report: "VoteImportReport",
) -> None:
    """Store the Commons divisions the policies name that are not on file yet, without votes;
    those the Public Whip files name too were counted with them."""
    named = {
        link.division for twfy in policies for link in twfy.votes.divisions if link.body == COMMONS
    }
    made = [
        Division(body=body, date=key.date, number=key.number, source=source)
        for key in sorted(named - divisions.keys())
    ]
    Division.objects.bulk_create(made)
    divisions.update({DivisionKey(division.date, division.number): division for division in made})
    report.divisions.added += len(made)
    report.divisions.unchanged += len(named - counted) - len(made)


def _import_links(
    policies: tuple[TwfyPolicy, ...],
    held_policies: dict[int, Policy],
    divisions: dict[DivisionKey, Division],
    report: "VoteImportReport",
) -> None:
    held = {
        (link.policy_id, link.division_id): link
        for link in PolicyDivision.objects.filter(policy__in=list(held_policies.values()))
    }
    made, changed, named = [], [], set()
    for twfy in policies:
        policy = held_policies[twfy.policy.id]
        report.skipped.extend(
            Skipped(s.line, f"{twfy.file_name}, division link {s.line}: {s.reason}")
            for s in twfy.votes.skipped
        )
        for number, parsed in enumerate(twfy.votes.divisions, start=1):
            where = f"{twfy.file_name}, division {parsed.division.date} #{parsed.division.number}"
            if parsed.body != COMMONS:
                reason = f"a division of the {parsed.body}: only the Commons' votes are on file"
                report.skipped.append(Skipped(number, f"{where}: {reason}"))
                continue
            division = divisions[parsed.division]
            key = (policy.pk, division.pk)
            values = (parsed.position.value, parsed.strength.value)
            link = held.get(key)
            if key in named:
                report.skipped.append(Skipped(number, f"{where}: listed twice"))
            elif link is None:
                made.append(
                    PolicyDivision(
                        policy=policy, division=division, position=values[0], strength=values[1]
                    )
                )
            elif (link.position, link.strength) == values:
                report.policy_divisions.unchanged += 1
            else:
                link.position, link.strength = values
                changed.append(link)
            named.add(key)
    in_file = {policy.pk for policy in held_policies.values()}
    vanished = vote_removals.vanished_policy_divisions(held, named, in_file)
    report.policy_divisions.removed += vote_removals.delete_policy_divisions(vanished)
    PolicyDivision.objects.bulk_create(made)
    PolicyDivision.objects.bulk_update(changed, ["position", "strength"])
    report.policy_divisions.added += len(made)
    report.policy_divisions.updated += len(changed)
