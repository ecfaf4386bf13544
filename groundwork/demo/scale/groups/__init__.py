"""The national-scale benchmark dataset's members and groups, which `generate_scale` plans and writes.

The tables it draws from (real UK local authorities, plausible names), the plans it makes in
memory from one seeded random source, and the writer that bulk-creates them with the audit entries
the actions would have made. Split by step; the names are re-exported here.
"""

from groundwork.demo.scale.groups.plans import (
    AUTHORITIES,
    DAY,
    GROUPS_PER_MEMBER_WEIGHTS,
    ORGANISERS_PER_GROUP_WEIGHTS,
    Authority,
    GroupPlan,
    MemberPlan,
    Planner,
)
from groundwork.demo.scale.groups.tables import (
    AUTHORITIES_TABLE,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    JOIN_POLICIES,
    LAST_NAMES,
    LOCAL_THEMES,
    PRONOUNS,
    REGIONS,
    SKILLS,
    WORKING_TOPICS,
)
from groundwork.demo.scale.groups.writes import (
    CHUNK,
    JOINS_AUDITED_PER_GROUP,
    Writer,
    chunks,
    stamped_fields,
    timestamps_as_given,
    vacuum_and_analyse,
)

__all__ = [
    "AUTHORITIES",
    "AUTHORITIES_TABLE",
    "CHUNK",
    "DAY",
    "EMAIL_DOMAINS",
    "FIRST_NAMES",
    "GROUPS_PER_MEMBER_WEIGHTS",
    "JOINS_AUDITED_PER_GROUP",
    "JOIN_POLICIES",
    "LAST_NAMES",
    "LOCAL_THEMES",
    "ORGANISERS_PER_GROUP_WEIGHTS",
    "PRONOUNS",
    "REGIONS",
    "SKILLS",
    "WORKING_TOPICS",
    "Authority",
    "GroupPlan",
    "MemberPlan",
    "Planner",
    "Writer",
    "chunks",
    "stamped_fields",
    "timestamps_as_given",
    "vacuum_and_analyse",
]
