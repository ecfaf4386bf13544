"""A re-import that changes nothing asks a fixed number of queries, whatever the file's size: the
register's people, ids, memberships, contacts and areas are read at once (register_held.py),
not one seat at a time (about 3,300 queries for the 672 Commons seats before)."""

import json
from datetime import date

import pytest

from groundwork.accountability import actions
from groundwork.accountability.importing import popolo
from tests.testdata import need, root

pytestmark = pytest.mark.django_db

POPOLO = "popolo_everypolitician_uk_commons/ep-popolo-v1.0.term-55.json"
AS_OF = date(2015, 3, 30)


def register_of(seats: int):
    text = need(root() / "representatives" / POPOLO).read_text(encoding="utf-8")
    data = json.loads(text)
    data["memberships"] = data["memberships"][:seats]
    return popolo.parse(json.dumps(data))


@pytest.mark.parametrize("seats", [1, 10, 672])
def test_importing_the_same_file_again_asks_a_fixed_number_of_queries(
    seats, django_assert_max_num_queries
):
    register = register_of(seats)
    actions.do_import_representatives(register, as_of=AS_OF, acting_user=None)
    with django_assert_max_num_queries(16):
        report = actions.do_import_representatives(register, as_of=AS_OF, acting_user=None)
    assert (report.unchanged, report.added, report.updated) == (seats, 0, 0)
