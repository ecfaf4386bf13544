"""Make a national-scale movement for benchmarks: members, groups across real UK areas, and more.

    manage.py generate_scale --members 250000 --groups 2000

Every row is made up (emails at example.org/.net/.com, RFC 2606), so the command refuses a database
that already holds people unless --force says it is a throwaway one. Everything is written with
bulk_create in one transaction, so a failed run leaves nothing behind; every member shares one
password hash, computed once (hashing 250,000 passwords would take hours on purpose).
"""

import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from groundwork.core.models import AuditEntry
from groundwork.groups.hooks import scale_generated
from groundwork.groups.models import (
    Coordinator,
    Group,
    JoinRequest,
    Membership,
    PostcodeDistrict,
)
from groundwork.members.models import ConsentRecord, Profile, User

CHUNK = 5000
DAY = timedelta(days=1)

# Real local authorities: ONS code | name | region | a central point | some of its postcode districts.
AUTHORITIES_TABLE = """
E09000001|City of London|London|51.5155|-0.0922|EC1 EC2 EC3 EC4
E09000002|Barking and Dagenham|London|51.5465|0.1293|IG11 RM8 RM9 RM10
E09000003|Barnet|London|51.6252|-0.1517|N2 N3 N12 N20 NW4 NW7 EN5
E09000004|Bexley|London|51.4549|0.1505|DA5 DA6 DA7 DA14 DA15 DA16
E09000005|Brent|London|51.5588|-0.2817|NW2 NW6 NW10 HA0 HA9
E09000006|Bromley|London|51.4039|0.0198|BR1 BR2 BR3 BR6 SE20
E09000007|Camden|London|51.5290|-0.1255|NW1 NW3 NW5 WC1
E09000008|Croydon|London|51.3714|-0.0977|CR0 CR2 CR7 SE25
E09000009|Ealing|London|51.5130|-0.3089|W5 W7 W13 UB1 UB6
E09000010|Enfield|London|51.6538|-0.0799|EN1 EN2 EN3 N9 N13
E09000011|Greenwich|London|51.4892|0.0648|SE3 SE7 SE9 SE10 SE18 SE28
E09000012|Hackney|London|51.5450|-0.0553|E2 E5 E8 E9 N16
E09000013|Hammersmith and Fulham|London|51.4927|-0.2339|W6 W12 W14 SW6
E09000014|Haringey|London|51.6000|-0.1119|N4 N8 N15 N17 N22
E09000015|Harrow|London|51.5898|-0.3346|HA1 HA2 HA3 HA5
E09000016|Havering|London|51.5812|0.1837|RM1 RM2 RM3 RM11 RM12
E09000017|Hillingdon|London|51.5441|-0.4760|UB3 UB4 UB8 UB10 HA4
E09000018|Hounslow|London|51.4746|-0.3680|TW3 TW4 TW5 TW7 TW8
E09000019|Islington|London|51.5416|-0.1022|N1 N5 N7 N19 EC1
E09000020|Kensington and Chelsea|London|51.5020|-0.1947|W8 W10 W11 SW3 SW5 SW10
E09000021|Kingston upon Thames|London|51.4123|-0.3007|KT1 KT2 KT3 KT6
E09000022|Lambeth|London|51.4613|-0.1156|SW2 SW4 SW8 SW9 SW16 SE11 SE27
E09000023|Lewisham|London|51.4415|-0.0117|SE4 SE6 SE8 SE12 SE13 SE14 SE23
E09000024|Merton|London|51.4098|-0.2108|SW19 SW20 CR4 SM4
E09000025|Newham|London|51.5255|0.0352|E6 E7 E12 E13 E15 E16
E09000026|Redbridge|London|51.5590|0.0741|IG1 IG2 IG3 IG4 IG5 IG6
E09000027|Richmond upon Thames|London|51.4613|-0.3037|TW1 TW2 TW9 TW10 SW13 SW14
E09000028|Southwark|London|51.5028|-0.0876|SE1 SE5 SE15 SE16 SE17 SE22
E09000029|Sutton|London|51.3618|-0.1945|SM1 SM2 SM3 SM5 SM6
E09000030|Tower Hamlets|London|51.5150|-0.0330|E1 E3 E14 E1W
E09000031|Waltham Forest|London|51.5908|-0.0134|E4 E10 E11 E17
E09000032|Wandsworth|London|51.4567|-0.1910|SW11 SW12 SW15 SW17 SW18
E09000033|Westminster|London|51.4973|-0.1372|SW1 W1 W2 W9 NW8
E08000001|Bolton|North West|53.5769|-2.4282|BL1 BL2 BL3 BL4
E08000002|Bury|North West|53.5933|-2.2966|BL8 BL9 M25 M26
E08000003|Manchester|North West|53.4808|-2.2426|M1 M4 M8 M13 M14 M20 M22
E08000004|Oldham|North West|53.5409|-2.1114|OL1 OL4 OL8 OL9
E08000005|Rochdale|North West|53.6097|-2.1561|OL11 OL12 OL16 M24
E08000006|Salford|North West|53.4875|-2.2901|M5 M6 M7 M27 M30
E08000007|Stockport|North West|53.4106|-2.1575|SK1 SK2 SK3 SK4 SK5
E08000008|Tameside|North West|53.4806|-2.0809|OL6 OL7 SK14 SK16 M34
E08000009|Trafford|North West|53.4210|-2.3516|M32 M33 M41 WA14 WA15
E08000010|Wigan|North West|53.5448|-2.6318|WN1 WN2 WN3 WN5 WN6
E08000011|Knowsley|North West|53.4546|-2.8529|L28 L34 L35 L36
E08000012|Liverpool|North West|53.4084|-2.9916|L1 L4 L6 L8 L15 L17 L24
E08000013|St. Helens|North West|53.4539|-2.7375|WA9 WA10 WA11
E08000014|Sefton|North West|53.5034|-2.9700|L20 L21 L22 PR8 PR9
E08000015|Wirral|North West|53.3727|-3.0738|CH41 CH42 CH44 CH45 CH46
E06000008|Blackburn with Darwen|North West|53.7486|-2.4875|BB1 BB2 BB3
E06000009|Blackpool|North West|53.8175|-3.0357|FY1 FY2 FY3 FY4
E07000123|Preston|North West|53.7632|-2.7031|PR1 PR2 PR4
E07000117|Burnley|North West|53.7893|-2.2405|BB10 BB11 BB12
E08000021|Newcastle upon Tyne|North East|54.9783|-1.6178|NE1 NE2 NE4 NE6 NE15
E08000022|North Tyneside|North East|55.0182|-1.4858|NE25 NE28 NE29 NE30
E08000023|South Tyneside|North East|54.9637|-1.4415|NE31 NE32 NE33 NE34
E08000024|Sunderland|North East|54.9069|-1.3838|SR1 SR2 SR4 SR5 SR6
E08000037|Gateshead|North East|54.9527|-1.6034|NE8 NE9 NE10 NE11
E06000001|Hartlepool|North East|54.6863|-1.2129|TS24 TS25 TS26
E06000002|Middlesbrough|North East|54.5742|-1.2350|TS1 TS3 TS4 TS5
E06000004|Stockton-on-Tees|North East|54.5705|-1.3190|TS17 TS18 TS19
E06000005|Darlington|North East|54.5236|-1.5595|DL1 DL2 DL3
E06000047|County Durham|North East|54.7761|-1.5733|DH1 DL14 DL15 SR8
E06000057|Northumberland|North East|55.2083|-2.0784|NE46 NE61 NE63 NE65
E08000016|Barnsley|Yorkshire and the Humber|53.5526|-1.4797|S70 S71 S72 S75
E08000017|Doncaster|Yorkshire and the Humber|53.5228|-1.1285|DN1 DN2 DN4 DN5
E08000018|Rotherham|Yorkshire and the Humber|53.4326|-1.3635|S60 S61 S65 S66
E08000019|Sheffield|Yorkshire and the Humber|53.3811|-1.4701|S1 S2 S3 S5 S6 S8 S11
E08000032|Bradford|Yorkshire and the Humber|53.7960|-1.7594|BD1 BD3 BD5 BD7 BD8
E08000033|Calderdale|Yorkshire and the Humber|53.7248|-1.8658|HX1 HX2 HX3 HX7
E08000034|Kirklees|Yorkshire and the Humber|53.6458|-1.7850|HD1 HD2 HD3 WF13
E08000035|Leeds|Yorkshire and the Humber|53.8008|-1.5491|LS2 LS6 LS7 LS8 LS9 LS11
E08000036|Wakefield|Yorkshire and the Humber|53.6830|-1.4977|WF1 WF2 WF3 WF10
E06000010|Kingston upon Hull, City of|Yorkshire and the Humber|53.7457|-0.3367|HU1 HU3 HU5 HU8 HU9
E06000012|North East Lincolnshire|Yorkshire and the Humber|53.5654|-0.0800|DN31 DN32 DN34
E06000014|York|Yorkshire and the Humber|53.9590|-1.0815|YO1 YO10 YO24 YO31
E06000015|Derby|East Midlands|52.9225|-1.4746|DE1 DE21 DE22 DE23 DE24
E06000016|Leicester|East Midlands|52.6369|-1.1398|LE1 LE2 LE3 LE4 LE5
E06000018|Nottingham|East Midlands|52.9548|-1.1581|NG1 NG3 NG5 NG7 NG8
E06000062|West Northamptonshire|East Midlands|52.2405|-0.9027|NN1 NN2 NN3 NN5
E07000138|Lincoln|East Midlands|53.2307|-0.5406|LN1 LN2 LN5 LN6
E08000025|Birmingham|West Midlands|52.4862|-1.8904|B5 B6 B8 B10 B11 B12 B13 B21 B29
E08000026|Coventry|West Midlands|52.4068|-1.5197|CV1 CV2 CV3 CV5 CV6
E08000027|Dudley|West Midlands|52.5087|-2.0877|DY1 DY2 DY3 DY5
E08000028|Sandwell|West Midlands|52.5362|-2.0108|B66 B67 B69 B70 B71
E08000029|Solihull|West Midlands|52.4118|-1.7776|B37 B90 B91 B92
E08000030|Walsall|West Midlands|52.5860|-1.9829|WS1 WS2 WS3 WS5
E08000031|Wolverhampton|West Midlands|52.5870|-2.1288|WV1 WV2 WV4 WV6 WV10
E06000019|Herefordshire, County of|West Midlands|52.0565|-2.7160|HR1 HR2 HR4
E06000020|Telford and Wrekin|West Midlands|52.6766|-2.4469|TF1 TF2 TF3 TF7
E06000021|Stoke-on-Trent|West Midlands|53.0027|-2.1794|ST1 ST3 ST4 ST6
E06000031|Peterborough|East of England|52.5695|-0.2405|PE1 PE2 PE3 PE4
E06000032|Luton|East of England|51.8787|-0.4200|LU1 LU2 LU3 LU4
E06000033|Southend-on-Sea|East of England|51.5459|0.7077|SS0 SS1 SS2 SS9
E06000034|Thurrock|East of England|51.4935|0.3529|RM16 RM17 RM18 RM20
E07000008|Cambridge|East of England|52.2053|0.1218|CB1 CB2 CB3 CB4
E07000148|Norwich|East of England|52.6309|1.2974|NR1 NR2 NR3 NR4
E07000202|Ipswich|East of England|52.0567|1.1482|IP1 IP2 IP3 IP4
E07000070|Chelmsford|East of England|51.7356|0.4685|CM1 CM2 CM3
E07000071|Colchester|East of England|51.8959|0.8919|CO1 CO2 CO3 CO4
E06000035|Medway|South East|51.3880|0.5068|ME1 ME2 ME4 ME5 ME7
E06000038|Reading|South East|51.4543|-0.9781|RG1 RG2 RG4 RG30
E06000039|Slough|South East|51.5105|-0.5950|SL1 SL2 SL3
E06000042|Milton Keynes|South East|52.0406|-0.7594|MK1 MK6 MK9 MK13
E06000043|Brighton and Hove|South East|50.8225|-0.1372|BN1 BN2 BN3 BN41
E06000044|Portsmouth|South East|50.8198|-1.0880|PO1 PO2 PO3 PO4 PO5
E06000045|Southampton|South East|50.9097|-1.4044|SO14 SO15 SO16 SO17 SO19
E06000046|Isle of Wight|South East|50.6938|-1.3047|PO30 PO31 PO33 PO36
E07000178|Oxford|South East|51.7520|-1.2577|OX1 OX2 OX3 OX4
E07000106|Canterbury|South East|51.2802|1.0789|CT1 CT2 CT5 CT6
E06000022|Bath and North East Somerset|South West|51.3811|-2.3590|BA1 BA2 BS39
E06000023|Bristol, City of|South West|51.4545|-2.5879|BS1 BS2 BS3 BS5 BS6 BS7 BS13
E06000025|South Gloucestershire|South West|51.5264|-2.4727|BS16 BS32 BS34 BS37
E06000026|Plymouth|South West|50.3755|-4.1427|PL1 PL2 PL4 PL5 PL6
E06000030|Swindon|South West|51.5558|-1.7797|SN1 SN2 SN3 SN5
E06000052|Cornwall|South West|50.2660|-5.0527|TR1 TR14 TR15 PL25 PL26
E06000058|Bournemouth, Christchurch and Poole|South West|50.7192|-1.8808|BH1 BH2 BH8 BH12 BH23
E07000041|Exeter|South West|50.7184|-3.5339|EX1 EX2 EX4
E07000078|Cheltenham|South West|51.8994|-2.0783|GL50 GL51 GL52
E07000081|Gloucester|South West|51.8642|-2.2382|GL1 GL2 GL4
S12000049|Glasgow City|Scotland|55.8642|-4.2518|G1 G3 G4 G11 G20 G31 G40 G42
S12000036|City of Edinburgh|Scotland|55.9533|-3.1883|EH1 EH3 EH6 EH7 EH8 EH11
S12000033|Aberdeen City|Scotland|57.1497|-2.0943|AB10 AB11 AB15 AB24 AB25
S12000042|Dundee City|Scotland|56.4620|-2.9707|DD1 DD2 DD3 DD4
S12000030|Stirling|Scotland|56.1165|-3.9369|FK7 FK8 FK9
S12000038|Renfrewshire|Scotland|55.8456|-4.4239|PA1 PA2 PA3 PA4
S12000029|South Lanarkshire|Scotland|55.6736|-3.7820|ML3 ML10 ML11 G72
S12000050|North Lanarkshire|Scotland|55.8660|-3.9613|ML1 ML2 ML5 ML6 G67
S12000017|Highland|Scotland|57.4778|-4.2247|IV1 IV2 IV3
S12000047|Fife|Scotland|56.2082|-3.1495|KY1 KY2 KY11 KY12
W06000015|Cardiff|Wales|51.4816|-3.1791|CF10 CF11 CF14 CF23 CF24
W06000011|Swansea|Wales|51.6214|-3.9436|SA1 SA2 SA5 SA6
W06000022|Newport|Wales|51.5842|-2.9977|NP10 NP19 NP20
W06000016|Rhondda Cynon Taf|Wales|51.6490|-3.4289|CF37 CF40 CF44
W06000018|Caerphilly|Wales|51.5784|-3.2181|CF82 CF83 NP12
W06000024|Merthyr Tydfil|Wales|51.7487|-3.3816|CF47 CF48
W06000002|Gwynedd|Wales|52.9277|-4.1334|LL53 LL55 LL57
W06000001|Isle of Anglesey|Wales|53.2874|-4.3680|LL65 LL74 LL77
W06000005|Flintshire|Wales|53.1669|-3.1419|CH5 CH6 CH7
N09000003|Belfast|Northern Ireland|54.5973|-5.9301|BT1 BT5 BT7 BT9 BT12 BT15
N09000005|Derry City and Strabane|Northern Ireland|54.9966|-7.3086|BT47 BT48 BT82
"""

# The regions of the alliance, with their ONS codes; each is a Group of kind "region".
REGIONS = {
    "London": "E12000007",
    "North West": "E12000002",
    "North East": "E12000001",
    "Yorkshire and the Humber": "E12000003",
    "East Midlands": "E12000004",
    "West Midlands": "E12000005",
    "East of England": "E12000006",
    "South East": "E12000008",
    "South West": "E12000009",
    "Scotland": "S92000003",
    "Wales": "W92000004",
    "Northern Ireland": "N92000002",
}
LOCAL_THEMES = [
    ("Action Group", "Campaigning on what matters most to people here."),
    ("Tenants' Union", "Repairs, rents and a seat at the table for council tenants."),
    ("Renters' Union", "Organising private renters against revenge evictions."),
    ("Mutual Aid", "Neighbours helping neighbours: shopping, lifts, company."),
    ("Food Co-op", "Good food at fair prices, owned by the people who eat it."),
    ("Community Kitchen", "A hot meal and a warm room every weekday."),
    ("Climate Action", "Insulated homes, clean air and green jobs."),
    ("NHS Defence", "Keeping our hospital and GP surgeries open and public."),
    ("Save Our Library", "Our library stays open, staffed and free."),
    ("Anti-Racism Network", "Standing together against racism in our streets."),
    ("Migrant Solidarity", "Advice, English classes and friendship for new neighbours."),
    ("Disability Justice", "Access, benefits and dignity for disabled people."),
    ("Pensioners' Forum", "Bus passes, winter fuel and social care."),
    ("Youth Assembly", "Young people deciding what happens to youth services."),
    ("Cost of Living Campaign", "Fair bills, fair wages, no one left behind."),
    ("Trades Council Link", "Working with local trade union branches."),
    ("Community Radio", "A station made by and for the neighbourhood."),
    ("Community Arts Collective", "Murals, music and theatre by local people."),
    ("Green New Deal", "A fair transition for workers and communities."),
    ("Social Care Campaign", "Decent care, decently paid carers."),
    ("Housing Campaign", "Council homes, not luxury flats."),
    ("Parents' Network", "Free school meals, safe routes to school, childcare."),
    ("Workers' Co-op", "Starting businesses owned by the people who work in them."),
    ("Food Bank Volunteers", "Until no one needs a food bank."),
    ("Warm Spaces Network", "Warm, welcoming places through the winter."),
    ("Schools Not Cuts", "Teachers, parents and pupils against cuts."),
    ("People's Assembly", "Open meetings where residents set the agenda."),
    ("Public Transport Campaign", "Buses that come, fares people can afford."),
    ("Council Watch", "Following the council budget line by line."),
    ("Allotment Collective", "Growing food together on shared plots."),
]
WORKING_TOPICS = [
    "Housing", "Health", "Policy", "Digital", "Legal Support", "Training", "Communications",
    "Finance", "Elections", "Trade Union Liaison", "Climate", "Welfare Rights",
]  # fmt: skip
FIRST_NAMES = """Amina Aisha Alice Amir Ana Ben Bilal Bob Callum Carol Chen Chloe Dan Daniel Deepa
Dylan Ebony Efua Eilidh Emma Erin Farid Fatima Finn Grace Hamza Hannah Harpreet Ifeoma Isla Jack
Jamal Jas Joe Kai Kasia Kemi Laila Leon Liam Lucy Mared Maria Mohammed Nia Niamh Noor Olu Oscar
Priya Rhys Rosa Ruth Sam Sean Siobhan Sofia Tom Tomasz Yasmin Zainab Zoe""".split()
LAST_NAMES = """Ahmed Ali Begum Brown Campbell Chowdhury Clarke Davies Doherty Evans Fraser Green
Hughes Hussain Islam Jones Kaur Kelly Khan Kowalski Lewis MacDonald Martin Mensah Morgan Murphy
Nguyen Nowak Obi Okafor O'Neill Owusu Patel Price Rahman Roberts Robertson Shah Singh Smith Taylor
Thomas Thompson Walker Walsh Watson White Williams Wilson Wright Yusuf""".split()
PRONOUNS = ["", "", "", "she/her", "he/him", "they/them"]
SKILLS = [
    "First aid", "Welsh", "Polish", "Urdu", "British Sign Language", "Graphic design",
    "Accounts and bookkeeping", "Carpentry", "Cooking for crowds", "Driving (minibus licence)",
    "Public speaking", "Translation", "Web development", "Photography", "Childcare",
    "Union rep", "Tenancy law", "Stewarding", "Social media", "Grant writing",
]  # fmt: skip
EMAIL_DOMAINS = ["example.org", "example.net", "example.com"]
JOIN_POLICIES = (
    [Group.JoinPolicy.OPEN] * 6 + [Group.JoinPolicy.APPROVAL] * 3 + [Group.JoinPolicy.INVITATION]
)
GROUPS_PER_MEMBER_WEIGHTS = [0.6, 0.28, 0.12]  # in 1, 2 or 3 groups
ORGANISERS_PER_GROUP_WEIGHTS = [0.35, 0.35, 0.2, 0.1]  # 1 to 4 organisers
JOINS_AUDITED_PER_GROUP = 20  # the latest joins of each group also appear in its audit log


@dataclass(frozen=True)
class Authority:
    ons_code: str
    name: str
    region: str
    latitude: float
    longitude: float
    districts: tuple[str, ...]


AUTHORITIES = [
    Authority(code, name, region, float(lat), float(lon), tuple(districts.split()))
    for code, name, region, lat, lon, districts in (
        line.split("|") for line in AUTHORITIES_TABLE.strip().splitlines()
    )
]


@dataclass
class GroupPlan:
    name: str
    slug: str
    kind: str
    join_policy: str
    description: str
    created_at: datetime
    weight: float
    region: str = ""
    authority: Authority | None = None
    districts: tuple[str, ...] = ()
    point: tuple[Decimal, Decimal] | None = None
    members: list[int] = field(default_factory=list)
    organisers: list[int] = field(default_factory=list)
    pk: int | None = None


@dataclass
class MemberPlan:
    email: str
    display_name: str
    joined: datetime
    groups: list[int] = field(default_factory=list)
    pk: int | None = None


class Progress:
    """A plain-text progress bar, redrawn in place on a terminal and printed once otherwise."""

    def __init__(self, stdout, label: str, total: int):
        self.stdout, self.label, self.total, self.done = stdout, label, max(total, 1), 0
        self.started = time.monotonic()
        self.live = stdout.isatty()
        self._drawn_percent = -1

    def advance(self, count: int) -> None:
        self.done += count
        percent = self.done * 100 // self.total
        if self.live and percent != self._drawn_percent:
            self._drawn_percent = percent
            self.stdout.write("\r" + self._line(), ending="")
            self.stdout.flush()

    def finish(self) -> None:
        self.stdout.write(("\r" if self.live else "") + self._line())

    def _line(self) -> str:
        filled = self.done * 30 // self.total
        return (
            f"  {self.label:<18} [{'#' * filled}{'.' * (30 - filled)}] "
            f"{self.done:>9,}/{self.total:,}  {time.monotonic() - self.started:6.1f} s"
        )


@contextmanager
def timestamps_as_given(*fields: models.DateTimeField) -> Iterator[None]:
    """Let bulk_create keep the historical times we set instead of stamping every row with now."""
    saved = [field.auto_now_add for field in fields]
    try:
        for each in fields:
            each.auto_now_add = False
        yield
    finally:
        for each, value in zip(fields, saved, strict=True):
            each.auto_now_add = value


def chunks(items: Iterable, size: int = CHUNK) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Command(BaseCommand):
    help = (
        "Generate a national-scale movement (members, groups across real UK local authorities, "
        "memberships, profiles, consents, join requests, audit log) for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=250_000)
        parser.add_argument("--groups", type=int, default=2_000)
        parser.add_argument("--seed", type=int, default=2026, help="The same seed, the same data.")
        parser.add_argument(
            "--password",
            default="groundwork-scale-2026",
            help="The password every generated member shares (hashed once).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=50_000,
            help="Events for the events app to add through the scale_generated hook.",
        )
        parser.add_argument(
            "--signatures",
            type=int,
            default=0,
            help="Petition signatures for the campaigns app to add through the same hook.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add to a database that already has members or groups (throwaway databases only).",
        )

    def handle(self, *args, **options):
        members, groups, seed = options["members"], options["groups"], options["seed"]
        if members < 4 or groups < 3:
            raise CommandError("Ask for at least 4 members and 3 groups.")
        self._refuse_real_data(options["force"])
        started = time.monotonic()
        self.random = random.Random(seed)
        self.now = timezone.now()
        self.bars: dict[str, Progress] = {}
        self.stdout.write(f"Planning {members:,} members and {groups:,} groups (seed {seed})…")
        self.taken_emails, self.taken_names, self.taken_slugs = self._taken()
        group_plans = self._plan_groups(groups)
        member_plans = self._plan_members(members)
        self._plan_memberships(group_plans, member_plans)
        password_hash = make_password(options["password"])
        self.stdout.write(f"  planned in {time.monotonic() - started:.1f} s")
        stamped = [
            Group._meta.get_field("created_at"),
            Profile._meta.get_field("created_at"),
            Membership._meta.get_field("joined_at"),
            JoinRequest._meta.get_field("created_at"),
            AuditEntry._meta.get_field("acted_at"),
            Coordinator._meta.get_field("appointed_at"),
        ]
        with transaction.atomic():
            with timestamps_as_given(*stamped):
                self._write_members(member_plans, password_hash)
                coordinators = self._write_coordinators(member_plans)
                self._write_groups(group_plans, actor=coordinators[0])
                self._write_memberships(group_plans, member_plans, actor=coordinators[0])
                self._write_join_requests(group_plans, member_plans)
            # Apps further right add their own rows (events, signatures, …) in the same
            # transaction, so a failure anywhere leaves nothing half-made.
            scale_generated.send(
                sender=self.__class__,
                group_ids=[plan.pk for plan in group_plans],
                user_ids=[plan.pk for plan in member_plans],
                options=options,
                progress=self._progress,
            )
            self.stdout.write("  committing (the database checks every foreign key now)…")
        self.stdout.write(f"  committed at {time.monotonic() - started:.0f} s; analysing…")
        self._analyze()
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {members:,} members and {groups:,} groups in "
                f"{time.monotonic() - started:.0f} s. Every member's password: "
                f"{options['password']}"
            )
        )

    def _progress(self, label: str, done: int, total: int) -> None:
        """The progress bar that apps further right draw through the scale_generated hook."""
        bar = self.bars.get(label) or self.bars.setdefault(
            label, Progress(self.stdout, label, total)
        )
        bar.advance(done - bar.done)
        if done >= total:
            bar.finish()

    def _refuse_real_data(self, force: bool) -> None:
        people, groups = User.objects.count(), Group.objects.count()
        if (people or groups) and not force:
            raise CommandError(
                f"This database already has {people:,} members and {groups:,} groups. "
                "generate_scale writes made-up people: mixed into a real movement's records they "
                "could not be told apart from real members, and their memberships would count in "
                "member counts and ballots. Use an empty database, or --force if this one is a "
                "throwaway benchmark database."
            )

    def _taken(self) -> tuple[set[str], set[str], set[str]]:
        """Emails, group names and slugs already in use, so --force never collides with them."""
        emails = {email.lower() for email in User.objects.values_list("email", flat=True)}
        emails |= {e.lower() for e in EmailAddress.objects.values_list("email", flat=True)}
        names = {name.lower() for name in Group.objects.values_list("name", flat=True)}
        return emails, names, set(Group.objects.values_list("slug", flat=True))

    def _unique_group_name(self, name: str) -> tuple[str, str]:
        candidate, number = name, 2
        while candidate.lower() in self.taken_names or slugify(candidate) in self.taken_slugs:
            candidate, number = f"{name} {number}", number + 1
        self.taken_names.add(candidate.lower())
        self.taken_slugs.add(slugify(candidate))
        return candidate, slugify(candidate)

    def _some_time_ago(self, most_days: int, least_days: int = 0) -> datetime:
        return self.now - DAY * self.random.uniform(least_days, most_days)

    def _plan_groups(self, count: int) -> list[GroupPlan]:
        """Regions, regional working groups and local groups in real authorities, sizes skewed."""
        pick = self.random
        region_count = min(len(REGIONS), max(1, count // 100))
        working_count = max(1, count // 20)
        local_count = count - region_count - working_count
        regions = list(REGIONS)[:region_count]
        plans = []
        for region in regions:
            name, slug = self._unique_group_name(f"{region} Region")
            plans.append(
                GroupPlan(
                    name, slug, Group.Kind.REGION, Group.JoinPolicy.INVITATION,
                    f"Delegates of the {region} groups coordinating across the region.",
                    self._some_time_ago(1500, 1300), weight=0.3, region=region,
                )
            )  # fmt: skip
        for index in range(working_count):
            region = regions[index % len(regions)]
            topic = WORKING_TOPICS[(index // len(regions)) % len(WORKING_TOPICS)]
            name, slug = self._unique_group_name(f"{region} {topic} Working Group")
            plans.append(
                GroupPlan(
                    name, slug, Group.Kind.WORKING, Group.JoinPolicy.APPROVAL,
                    f"{topic}: sharing what works between the groups of {region}.",
                    self._some_time_ago(1300, 400), weight=pick.lognormvariate(-0.5, 0.8),
                    region=region,
                )
            )  # fmt: skip
        plans += self._plan_local_groups(local_count, set(regions))
        return plans

    def _plan_local_groups(self, count: int, regions: set[str]) -> list[GroupPlan]:
        pick = self.random
        themes_of = {
            authority: pick.sample(LOCAL_THEMES, len(LOCAL_THEMES)) for authority in AUTHORITIES
        }
        authorities = pick.sample(AUTHORITIES, len(AUTHORITIES))
        plans = []
        for index in range(count):
            authority = authorities[index % len(authorities)]
            theme, description = themes_of[authority][
                (index // len(authorities)) % len(LOCAL_THEMES)
            ]
            place = authority.name.split(",")[0]  # "Bristol, City of" is Bristol to its people
            name, slug = self._unique_group_name(f"{place} {theme}")
            covered = min(pick.randint(1, 3), len(authority.districts))
            districts = tuple(sorted(pick.sample(authority.districts, covered)))
            point = (
                Decimal(f"{authority.latitude + pick.uniform(-0.03, 0.03):.5f}"),
                Decimal(f"{authority.longitude + pick.uniform(-0.03, 0.03):.5f}"),
            )
            plans.append(
                GroupPlan(
                    name, slug, Group.Kind.LOCAL, pick.choice(JOIN_POLICIES),
                    f"{description} Meets in {place}; everyone welcome to find out more.",
                    self._some_time_ago(1400, 30), weight=pick.lognormvariate(0, 1.2),
                    region=authority.region if authority.region in regions else "",
                    authority=authority, districts=districts, point=point,
                )
            )  # fmt: skip
        return plans

    def _plan_members(self, count: int) -> list[MemberPlan]:
        pick = self.random
        plans = []
        number = 0
        for _ in range(count):
            first, last = pick.choice(FIRST_NAMES), pick.choice(LAST_NAMES)
            while True:
                number += 1
                email = f"{first}.{last}.{number}@{pick.choice(EMAIL_DOMAINS)}".lower()
                email = email.replace("'", "")
                if email not in self.taken_emails:
                    break
            plans.append(MemberPlan(email, f"{first} {last}", self._some_time_ago(1460)))
        return plans

    def _plan_memberships(self, groups: list[GroupPlan], members: list[MemberPlan]) -> None:
        """A few organisers per group first, then each member into 1 to 3 groups, big ones likelier."""
        pick = self.random
        for index, group in enumerate(groups):
            wanted = min(pick.choices([1, 2, 3, 4], ORGANISERS_PER_GROUP_WEIGHTS)[0], len(members))
            for attempt in range(1000):
                if len(group.organisers) >= wanted:
                    break
                person = pick.randrange(len(members))
                # Nobody is in more than three groups, unless the run is too small to avoid it.
                room = len(members[person].groups) < 3 or attempt > 100
                if room and index not in members[person].groups:
                    members[person].groups.append(index)
                    group.organisers.append(person)
        weights = [group.weight for group in groups]
        draws = iter(pick.choices(range(len(groups)), weights=weights, k=len(members) * 4))
        for member in members:
            wanted = pick.choices([1, 2, 3], GROUPS_PER_MEMBER_WEIGHTS)[0]
            for _ in range(8):
                if len(member.groups) >= wanted:
                    break
                index = next(draws, None)
                if index is None:
                    index = pick.randrange(len(groups))
                if index not in member.groups:
                    member.groups.append(index)
        for person, member in enumerate(members):
            for index in member.groups:
                groups[index].members.append(person)

    def _bulk(self, label: str, model: type[models.Model], rows: Iterable, total: int) -> Iterator:
        """bulk_create `rows` in batches with a progress bar, yielding each saved batch."""
        progress = Progress(self.stdout, label, total)
        for batch in chunks(rows):
            yield model.objects.bulk_create(batch)
            progress.advance(len(batch))
        progress.finish()

    def _save(self, label: str, model: type[models.Model], rows: Iterable, total: int) -> None:
        for _ in self._bulk(label, model, rows, total):
            pass

    def _write_members(self, members: list[MemberPlan], password_hash: str) -> None:
        """Accounts with a verified primary email, a profile and the consents their settings imply."""
        users = (
            User(email=m.email, display_name=m.display_name, password=password_hash,
                 date_joined=m.joined)
            for m in members
        )  # fmt: skip
        done = 0
        for saved in self._bulk("members", User, users, len(members)):
            for offset, user in enumerate(saved):
                members[done + offset].pk = user.pk
            done += len(saved)
        addresses = (
            EmailAddress(user_id=m.pk, email=m.email, verified=True, primary=True) for m in members
        )
        self._save("email addresses", EmailAddress, addresses, len(members))
        settings_of = [self._profile_settings() for _ in members]
        profiles = (
            Profile(user_id=m.pk, created_at=m.joined, **values)
            for m, values in zip(members, settings_of, strict=True)
        )
        self._save("profiles", Profile, profiles, len(members))
        total = 2 * len(members) + sum(values["share_skills"] for values in settings_of)
        self._save("consent records", ConsentRecord, self._consents(members, settings_of), total)

    def _profile_settings(self) -> dict:
        pick = self.random
        has_skills = pick.random() < 0.4
        return {
            "pronouns": pick.choice(PRONOUNS),
            "postcode_district": pick.choice(pick.choice(AUTHORITIES).districts),
            "skills": "\n".join(pick.sample(SKILLS, pick.randint(1, 3))) if has_skills else "",
            "share_skills": has_skills and pick.random() < 0.6,
            "allow_organiser_contact": pick.random() < 0.85,
        }

    def _consents(self, members: list[MemberPlan], settings_of: list[dict]) -> Iterator:
        """Sign-up consents, as do_sign_up_member gives them, and the later changes of mind."""
        version = settings.GROUNDWORK_PRIVACY_POLICY_VERSION
        purposes = ConsentRecord.Purpose
        for member, values in zip(members, settings_of, strict=True):
            yield ConsentRecord(
                user_id=member.pk,
                purpose=purposes.PRIVACY_POLICY,
                policy_version=version,
                given_at=member.joined,
            )
            withdrawn = None if values["allow_organiser_contact"] else member.joined + DAY * 3
            yield ConsentRecord(
                user_id=member.pk,
                purpose=purposes.ORGANISER_CONTACT,
                policy_version=version,
                given_at=member.joined,
                withdrawn_at=withdrawn,
            )
            if values["share_skills"]:
                yield ConsentRecord(
                    user_id=member.pk,
                    purpose=purposes.SHARE_SKILLS,
                    policy_version=version,
                    given_at=member.joined + DAY,
                )

    def _write_coordinators(self, members: list[MemberPlan]) -> list[int]:
        """The first three members coordinate the alliance (and create its groups)."""
        chosen = [member.pk for member in members[:3]]
        Coordinator.objects.bulk_create(
            Coordinator(user_id=pk, appointed_at=self.now - DAY * 1500) for pk in chosen
        )
        User.objects.filter(pk__in=chosen).update(is_staff=True)
        AuditEntry.objects.bulk_create(
            AuditEntry(
                acted_at=self.now - DAY * 1500,
                verb="coordinator.appointed",
                target_type="groups.coordinator",
                target_id=str(pk),
                target_label=f"Coordinator {members[index].display_name}",
            )
            for index, pk in enumerate(chosen)
        )
        return chosen

    def _write_groups(self, groups: list[GroupPlan], *, actor: int) -> None:
        regions = [plan for plan in groups if plan.kind == Group.Kind.REGION]
        others = [plan for plan in groups if plan.kind != Group.Kind.REGION]
        region_pk: dict[str, int] = {}
        for batch in (regions, others):
            rows = (self._group(plan, region_pk) for plan in batch)
            done = 0
            label = "regions" if batch is regions else "groups"
            for saved in self._bulk(label, Group, rows, len(batch)):
                for plan, group in zip(batch[done:], saved, strict=False):
                    plan.pk = group.pk
                    if plan.kind == Group.Kind.REGION:
                        region_pk[plan.region] = group.pk
                done += len(saved)
        districts = [
            PostcodeDistrict(group_id=plan.pk, district=district)
            for plan in groups
            for district in plan.districts
        ]
        self._save("postcode districts", PostcodeDistrict, districts, len(districts))
        audit = (
            AuditEntry(
                acted_at=plan.created_at, actor_id=actor, verb="group.created",
                target_type="groups.group", target_id=str(plan.pk), target_label=plan.name,
                group_id=plan.pk, new={"name": plan.name, "districts": list(plan.districts)},
            )
            for plan in groups
        )  # fmt: skip
        self._save("audit: groups", AuditEntry, audit, len(groups))

    def _group(self, plan: GroupPlan, region_pk: dict[str, int]) -> Group:
        authority = plan.authority
        code = authority.ons_code if authority else REGIONS.get(plan.region, "")
        slug_email = f"{plan.slug[:40]}@example.org" if self.random.random() < 0.5 else ""
        return Group(
            name=plan.name,
            slug=plan.slug,
            kind=plan.kind,
            parent_id=region_pk.get(plan.region) if plan.kind != Group.Kind.REGION else None,
            description=plan.description,
            join_policy=plan.join_policy,
            area_name=authority.name if authority else plan.region,
            ons_code=code if plan.kind != Group.Kind.WORKING else "",
            latitude=plan.point[0] if plan.point else None,
            longitude=plan.point[1] if plan.point else None,
            contact_email=slug_email,
            member_count=len(plan.members),
            created_at=plan.created_at,
        )

    def _joined_at(self, group: GroupPlan, member: MemberPlan) -> datetime:
        since = max(group.created_at, member.joined)
        return since + (self.now - since) * self.random.random()

    def _write_memberships(
        self, groups: list[GroupPlan], members: list[MemberPlan], *, actor: int
    ) -> None:
        """Memberships with roles and join times; organisers and the latest joins are audited."""
        planned = []  # (group, member, role, joined at, audited?)
        for plan in groups:
            organisers = set(plan.organisers)
            joins = []
            for person in plan.members:
                role = Membership.Role.ORGANISER if person in organisers else Membership.Role.MEMBER
                joins.append((self._joined_at(plan, members[person]), person, role))
            joins.sort()
            first_audited = len(joins) - JOINS_AUDITED_PER_GROUP
            for position, (at, person, role) in enumerate(joins):
                audited = role == Membership.Role.ORGANISER or position >= first_audited
                planned.append((plan, members[person], role, at, audited))
        rows = (
            Membership(group_id=g.pk, user_id=m.pk, role=role, joined_at=at)
            for g, m, role, at, _ in planned
        )
        audit, done = [], 0
        for saved in self._bulk("memberships", Membership, rows, len(planned)):
            for (group, member, _role, at, audited), membership in zip(
                planned[done:], saved, strict=False
            ):
                if audited:
                    audit.append(self._membership_audit(group, member, membership, at, actor))
            done += len(saved)
        self._save("audit: memberships", AuditEntry, audit, len(audit))

    def _membership_audit(self, group, member, membership, at, actor) -> AuditEntry:
        appointed = membership.role == Membership.Role.ORGANISER
        return AuditEntry(
            acted_at=at,
            actor_id=actor if appointed else member.pk,
            verb="membership.appointed" if appointed else "membership.joined",
            target_type="groups.membership",
            target_id=str(membership.pk),
            target_label=f"{member.display_name} in {group.name} ({membership.role})"[:200],
            group_id=group.pk,
            new={"role": membership.role},
        )

    def _write_join_requests(self, groups: list[GroupPlan], members: list[MemberPlan]) -> None:
        """About one member in fifty waits for organisers of an approval group to answer."""
        pick = self.random
        approval = [index for index, plan in enumerate(groups) if plan.join_policy == "approval"]
        planned = []  # (group, member, asked at)
        for member in pick.sample(members, max(1, len(members) // 50) if approval else 0):
            index = pick.choice(approval)
            if index not in member.groups:
                planned.append((groups[index], member, self._joined_at(groups[index], member)))
        messages = ["", "", "I live nearby and want to help.", "Can I come along on Saturday?"]
        requests = [
            JoinRequest(
                group_id=group.pk, user_id=member.pk, message=pick.choice(messages), created_at=at
            )
            for group, member, at in planned
        ]
        self._save("join requests", JoinRequest, requests, len(requests))
        audit = (
            AuditEntry(
                acted_at=at, actor_id=member.pk, verb="join_request.made",
                target_type="groups.joinrequest", target_id=str(request.pk),
                target_label=f"{member.display_name} asks to join {group.name}"[:200],
                group_id=group.pk,
            )
            for (group, member, at), request in zip(planned, requests, strict=True)
        )  # fmt: skip
        self._save("audit: requests", AuditEntry, audit, len(requests))

    def _analyze(self) -> None:
        """Fresh planner statistics, so the first benchmark does not run on empty ones."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
