"""Real UK local authorities and plausible names, for the national-scale benchmark dataset."""

from groundwork.groups.models import Group

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
