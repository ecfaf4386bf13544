"""The demo's register of representatives: the MPs of 2010-15 and the winners of 2015 for the
constituencies around the demo groups, the postcodes of the groups' districts, the Commons'
votes on three of Public Whip's policies, two policies the alliance wrote, and a campaign whose
pledge one MP signed and then voted against.

Every row comes from the small sample in `demo/data/representatives/` (cut from the published
files; see SOURCES.md there), read by the same importers as `import_representatives`,
`import_postcodes` and `import_votes`, so the demo runs the real code and needs no other files.
"""

from datetime import date
from pathlib import Path

from django.utils import timezone

from groundwork.accountability import actions
from groundwork.accountability.actions import PolicyLine
from groundwork.accountability.importing import onspd, popolo, ynmp
from groundwork.accountability.models import Body, Person, Policy, PolicyDivision
from groundwork.accountability.publicwhip import read_folder
from groundwork.aims.models import Objective
from groundwork.campaigns import actions as campaign_actions
from groundwork.campaigns.models import Campaign
from groundwork.members.models import User

DATA = Path(__file__).resolve().parents[1] / "data" / "representatives"
END_OF_2010_PARLIAMENT = date(2015, 3, 30)
AFTER_2015_ELECTION = date(2015, 5, 8)
# Public Whip's policies whose 2010-15 divisions the alliance's own policies take the other
# side of: "Increase VAT" (1110) and "Tuition fees - set upper limit at £9,000 per year" (1132).
INCREASE_VAT, TUITION_FEES = "1110", "1132"
PLEDGE_SIGNED = date(2010, 4, 20)  # during the 2010 campaign; the day itself is approximate
NUS_PLEDGE = (
    "Signed the National Union of Students' 'Vote for Students' pledge during the 2010 general "
    "election campaign, as every Liberal Democrat MP elected that year had (widely reported). "
    "The date is approximate."
)


def load_demo_register(*, coordinator: User, groups: dict, people: dict) -> None:
    """Import the demo's sample of the register, postcodes and votes; then the alliance's
    policies and a pledge on one of its campaigns."""
    commons = _import_register(coordinator)
    _import_postcodes(coordinator)
    actions.do_import_votes(read_folder(DATA), acting_user=coordinator)
    against_fees = _alliance_policies(commons, coordinator)
    _student_pledge(against_fees, coordinator)


def _import_register(coordinator: User) -> Body:
    text = (DATA / "popolo" / "ep-popolo-v1.0.term-55.demo.json").read_text(encoding="utf-8")
    actions.do_import_representatives(
        popolo.parse(text), as_of=END_OF_2010_PARLIAMENT, acting_user=coordinator
    )
    path = DATA / "ynmp" / "candidates_2015_elected_only.demo.csv"
    actions.do_import_representatives(
        ynmp.parse(path.read_text(encoding="utf-8", newline="")),
        as_of=AFTER_2015_ELECTION,
        acting_user=coordinator,
    )
    return Body.objects.get(slug=popolo.COMMONS.slug)


def _import_postcodes(coordinator: User) -> None:
    path = DATA / "onspd" / "onspd_may2018_layout.demo.csv"
    with path.open(encoding="utf-8", newline="") as lines:
        actions.do_import_postcodes(onspd.read(lines).rows, acting_user=coordinator)


def _reversed_lines(external_id: str) -> list[PolicyLine]:
    """The divisions a Public Whip policy takes a side in, each with the other side."""
    other = {"aye": "no", "no": "aye"}
    links = PolicyDivision.objects.filter(
        policy__external_id=external_id, division__recorded=True
    ).select_related("division")
    return [
        PolicyLine(link.division.date, link.division.number, other[link.position], link.strength)
        for link in links
        if link.position in other
    ]


def _alliance_policies(commons: Body, coordinator: User) -> Policy:
    """Two policies the alliance writes against austerity, linked to its objective on cuts;
    returns the one on tuition fees."""
    against_vat = actions.check_create_policy(
        group=None,
        body=commons,
        title="Against raising VAT",
        description="VAT takes more of a poor household's income than a rich one's. A "
        "representative who agrees voted against raising it, and for the amendments that "
        "would have stopped the rise.",
        lines=_reversed_lines(INCREASE_VAT),
        acting_user=coordinator,
    )
    against_fees = actions.check_create_policy(
        group=None,
        body=commons,
        title="Against raising tuition fees",
        description="Education is a right, not a debt. A representative who agrees voted "
        "against raising the cap on tuition fees to £9,000 a year.",
        lines=_reversed_lines(TUITION_FEES),
        acting_user=coordinator,
    )
    against_cuts = list(Objective.objects.filter(number=2))
    for policy in (against_vat, against_fees):
        actions.check_link_policy_objectives(
            policy, objectives=against_cuts, acting_user=coordinator
        )
    return against_fees


def _student_pledge(policy: Policy, coordinator: User) -> None:
    """An alliance campaign whose pledge the Liberal Democrat MPs of the sample signed in 2010;
    the one who then voted for higher fees is flagged on his page and the campaign's."""
    campaign = campaign_actions.do_create_campaign(
        group=None,
        values={
            "title": "Free education: hold MPs to the student pledge",
            "summary": "In 2010 candidates pledged to vote against any rise in tuition fees. "
            "We keep the record of who kept their word.",
            "description": "Before the 2010 general election, candidates signed the National "
            "Union of Students' pledge to vote against any increase in tuition fees. In "
            "December 2010 the Commons voted to raise the cap to £9,000 a year.\n\n"
            "See who signed, and how they voted.",
            "demands": "Free education, funded from fair taxes\nNo MP breaks a signed pledge",
            "status": Campaign.Status.ACTIVE,
        },
        objectives=Objective.objects.filter(number=2),
        acting_user=coordinator,
    )
    pledge = actions.check_create_pledge(
        campaign,
        title="Vote against any rise in tuition fees",
        text="I pledge to vote against any increase in fees in the next Parliament and to "
        "press for a fairer alternative.",
        policy=policy,
        acting_user=coordinator,
    )
    signed = Person.objects.filter(
        memberships__party="Liberal Democrat", memberships__start_date__lt=AFTER_2015_ELECTION
    ).distinct()
    for person in signed:
        actions.check_record_pledge_answer(
            pledge,
            person=person,
            status="signed",
            answered_on=PLEDGE_SIGNED,
            evidence_note=NUS_PLEDGE,
            acting_user=coordinator,
        )
    asked = timezone.localdate()
    for person in Person.objects.filter(
        memberships__start_date=AFTER_2015_ELECTION, memberships__area__name="Bristol West"
    ):
        actions.check_record_pledge_answer(
            pledge, person=person, status="no_answer", answered_on=asked, acting_user=coordinator
        )
