"""The indices of deprivation by local authority, each nation's kept apart."""

from decimal import Decimal

import pytest

from groundwork.outcomes.parsing import imd
from groundwork.outcomes.tests.parsing_data import one, parse_file

FOLDER = "imd_humaniverse"


def test_england_gives_score_proportion_and_extent_digit_for_digit() -> None:
    parsed = parse_file(f"{FOLDER}/English IMD - Local Authorities.csv")
    assert len(parsed.observations) == 317 * 3
    assert parsed.skipped == []
    assert [spec.slug for spec in parsed.indicators] == [
        "imd-2019-proportion",
        "imd-2019-extent",
        "imd-2019-score",
    ]
    score = one(parsed, area_code="E06000001", indicator="imd-2019-score")
    assert (score.line, score.published, score.period) == (2, "35.036692631192025", "2019")
    assert score.value == Decimal("35.036692631192025")
    westminster = one(parsed, area_code="E09000033", indicator="imd-2019-proportion")
    assert (westminster.line, westminster.published) == (318, "0.0234375")


def test_a_figure_written_with_an_exponent_is_a_figure() -> None:
    parsed = parse_file(f"{FOLDER}/English IMD - Local Authorities.csv")
    extent = one(parsed, area_code="E06000040", indicator="imd-2019-extent")
    assert extent.published == "4.973799038286444e-4"
    assert extent.value == Decimal("0.0004973799038286444")
    zero = one(parsed, area_code="E06000040", indicator="imd-2019-proportion")
    assert (zero.published, zero.value, zero.status) == ("0", Decimal(0), "published")


@pytest.mark.parametrize(
    ("file", "prefix", "authorities", "code", "proportion"),
    [
        ("Welsh", "wimd-2019", 22, "W06000001", "0.022727272727272728"),
        ("Scottish", "simd-2020", 32, "S12000005", "0.09722222222222222"),
        ("NI", "nimdm-2017", 11, "N09000001", "0.022727272727272728"),
    ],
)
def test_other_nations_keep_proportion_and_extent_under_their_own_index_and_no_zero_score(
    file: str, prefix: str, authorities: int, code: str, proportion: str
) -> None:
    parsed = parse_file(f"{FOLDER}/{file} IMD - Local Authorities.csv")
    assert [spec.slug for spec in parsed.indicators] == [f"{prefix}-proportion", f"{prefix}-extent"]
    assert all(spec.comparable_within_nation_only for spec in parsed.indicators)
    assert len(parsed.observations) == authorities * 2
    assert not any(o.indicator.endswith("score") for o in parsed.observations)
    first = one(parsed, area_code=code, indicator=f"{prefix}-proportion")
    assert first.published == proportion
    [note] = parsed.skipped
    assert note.line == 1
    assert "Score" in note.reason and "not comparable" in note.reason


def test_every_index_is_ranked_within_its_own_nation_only() -> None:
    specs = [imd.spec_for(index, "proportion") for index in imd.INDICES.values()]
    assert len({spec.slug for spec in specs}) == 4
    assert all(spec.comparable_within_nation_only and spec.better == "lower" for spec in specs)


def test_a_file_mixing_nations_gives_each_row_to_its_nations_index() -> None:
    text = (
        "LAD19CD,Proportion,Extent,Score\nE06000001,0.1,0.2,30.5\nW06000001,0.3,0.4,0\nX1,1,1,1\n"
    )
    parsed = imd.parse(text)
    assert [(o.indicator, o.published) for o in parsed.observations] == [
        ("imd-2019-proportion", "0.1"),
        ("imd-2019-extent", "0.2"),
        ("imd-2019-score", "30.5"),
        ("wimd-2019-proportion", "0.3"),
        ("wimd-2019-extent", "0.4"),
    ]
    assert [row.line for row in parsed.skipped] == [1, 4]


def test_a_file_without_the_index_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="no extent, score column"):
        imd.parse("LAD19CD,Proportion\nE06000001,0.1\n")
