"""The attacker reads vote content from PostgreSQL's on-disk bytes, checked here on bytes that
pageinspect's heap_page_item_attrs returned (PostgreSQL 15), so that it holds on SQLite runs too;
on PostgreSQL the attack tests also check every live row against SQL."""

from decimal import Decimal

import pytest

from tests.secrecy.disk import decode_attribute
from tests.secrecy.evidence import content_of

RANKING = bytes.fromhex(
    "01000020070000802900005072616e6b696e67000300004008000090060000100a0000102000000000800200"
    "18000000008000002000000000800100"
)
CHOICE_AND_APPROVED = bytes.fromhex(
    "020000200600008008000000030000001d00005063686f696365617070726f76656479657300000003000040"
    "000000b0000000400a00001028000000808001008813"
)


def test_a_ranked_vote_is_read_from_its_jsonb_bytes_as_vote_content():
    assert decode_attribute("jsonb", RANKING) == {"ranking": [2, 0, 1]}
    assert content_of(decode_attribute("jsonb", RANKING)) == '{"ranking":[2,0,1]}'


def test_strings_booleans_nulls_and_fractions_in_jsonb_are_read_as_json():
    assert decode_attribute("jsonb", CHOICE_AND_APPROVED) == {
        "choice": "yes",
        "approved": [True, None, 1.5],
    }


@pytest.mark.parametrize(
    ("raw", "value"), [("00a17b009411", Decimal("-123.45")), ("fe830a00", Decimal("1E-7"))]
)
def test_numerics_are_read_from_their_base_10000_digits(raw, value):
    assert decode_attribute("numeric", bytes.fromhex(raw)) == value
