"""Telling a file's format from its first lines, and the dispatcher."""

import pytest

from groundwork.outcomes.parsing import FORMATS, decode, detect_format, head, parse
from groundwork.outcomes.tests.parsing_data import uk_indicators

EXPECTED = {
    "child_poverty": "statxplore",
    "imd_humaniverse": "imd",
    "ons_subnational_indicators_2022": "ons-subnational",
    "trafford_datalab_tidy": "fingertips",
}


def test_every_real_file_is_detected_as_its_format() -> None:
    files = sorted(uk_indicators().glob("*/*.csv"))
    assert len(files) == 37
    for path in files:
        text = decode(path.read_bytes())
        assert detect_format(head(text), path.name) == EXPECTED[path.parent.name], path.name


def test_the_formats_are_the_imports_formats() -> None:
    assert set(FORMATS) == {"statxplore", "ons-subnational", "imd", "fingertips"}


@pytest.mark.parametrize(
    "text",
    ["", "name,age\nAda,36\n", "just some words\n", '"unclosed,\n'],
)
def test_a_file_of_no_known_format_is_not_guessed(text: str) -> None:
    assert detect_format(text, "upload.csv") is None


def test_a_stat_xplore_download_with_its_title_lines_is_detected() -> None:
    text = (
        '"Dataset:","Children in Low Income Families: Relative Low Income"\n\n'
        '"Year","2021/22 (p)","2021/22 - Annotations"\n'
    )
    assert detect_format(text, "download.csv") == "statxplore"


def test_an_unknown_format_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="“xlsx” is not a format"):
        parse("a,b\n", "xlsx", "file.xlsx")


def test_head_keeps_the_first_lines_only() -> None:
    assert head("1\n2\n3\n4", 2) == "1\n2"


def test_a_fingertips_download_with_its_own_column_names_is_detected() -> None:
    header = "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Time period,Value\n"
    assert detect_format(header, "indicators-DistrictUA.data.csv") == "fingertips"
