"""Period labels as the sources write them, turned into a label written one way and the period's
first and last days.

The label is what an observation is keyed by, so one period is written one way whatever the
file: "2021/22 (p)" and a later "2021/22" are the same period (the first provisional), so the
final release revises the provisional figure instead of sitting beside it. The shapes:

- "2021/22", "2021-22", "2021/2022": a financial year, 1 April to 31 March, written "2021/22".
  Academic years (GCSEs, apprenticeships) are written the same way by their sources and are
  dated as financial years here: the dates order and chart them; the label is what people read.
- "2018 - 20", "2017-2019", "2018-20": calendar years from the first to the last (the three-year
  ranges of healthy life expectancy), written "2018 - 20" as OHID Fingertips writes them.
- "2019": a calendar year. "2021 May", "May 2021": a month, written "May 2021".
- "04/2020-03/2021", "09/2020 - 08/2021", "Apr 2020 - Mar 2021": months from one to another,
  written "Apr 2020-Mar 2021".
- A mark of provisional figures, "(p)" or "Provisional", is taken off the label and reported as
  `provisional`; a mark of revised figures, "(r)" or "Revised", is taken off too.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# English whatever the machine's locale: the labels are keys, and the sources write English.
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
MONTHS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS |= {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTHS["sept"] = 9

PROVISIONAL_MARK = re.compile(r"\s*(\(p\)|\bprovisional\b)\s*", re.IGNORECASE)
REVISED_MARK = re.compile(r"\s*(\(r\)|\brevised\b)\s*", re.IGNORECASE)

FINANCIAL_YEAR = re.compile(r"(\d{4})\s*[/-]\s*(\d{2})|(\d{4})/(\d{4})")
YEAR_RANGE = re.compile(r"(\d{4})\s+-\s+(\d{2}|\d{4})|(\d{4})-(\d{4})|(\d{4})-(\d{2})")
YEAR = re.compile(r"(\d{4})")
MONTH_WORD = r"([A-Za-z]{3,9})\.?"
MONTH = re.compile(rf"{MONTH_WORD}\s+(\d{{4}})|(\d{{4}})\s+{MONTH_WORD}")
MONTH_NUMBER_RANGE = re.compile(r"(\d{1,2})/(\d{4})\s*(?:-|to)\s*(\d{1,2})/(\d{4})")
MONTH_WORD_RANGE = re.compile(
    rf"{MONTH_WORD}\s+(\d{{4}})\s*(?:-|to)\s*{MONTH_WORD}\s+(\d{{4}})", re.IGNORECASE
)


@dataclass(frozen=True)
class Period:
    """A period: its label written one way, its first and last days, and whether the source
    marked its figures provisional."""

    label: str
    start: date
    end: date
    provisional: bool = False


# A file repeats a handful of labels thousands of times.
@lru_cache(maxsize=1024)
def parse_period(text: str) -> Period:
    """The period a label names; ValueError, saying what was read, when it names none."""
    provisional = bool(PROVISIONAL_MARK.search(text))
    bare = REVISED_MARK.sub(" ", PROVISIONAL_MARK.sub(" ", text)).strip()
    for reader in (_financial_year, _year_range, _year, _month_range, _month):
        period = reader(bare)
        if period is not None:
            return Period(period.label, period.start, period.end, provisional)
    raise ValueError(f"“{text.strip()}” is not a period this importer knows how to read")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _full_year(first: int, last: str) -> int:
    """The four-digit year that "20" means after 2018: 2020."""
    if len(last) == 4:
        return int(last)
    century = first - first % 100
    year = century + int(last)
    return year if year >= first else year + 100


def _financial_year(text: str) -> Period | None:
    match = FINANCIAL_YEAR.fullmatch(text)
    if match is None or (" " in text):
        return None
    first = int(match[1] or match[3])
    last = _full_year(first, match[2] or match[4])
    if last != first + 1:
        return None
    return Period(f"{first}/{last % 100:02d}", date(first, 4, 1), date(last, 3, 31))


def _year_range(text: str) -> Period | None:
    match = YEAR_RANGE.fullmatch(text)
    if match is None:
        return None
    first = int(match[1] or match[3] or match[5])
    last = _full_year(first, match[2] or match[4] or match[6])
    if last <= first:
        return None
    return Period(f"{first} - {last % 100:02d}", date(first, 1, 1), date(last, 12, 31))


def _year(text: str) -> Period | None:
    if YEAR.fullmatch(text) is None:
        return None
    year = int(text)
    return Period(text, date(year, 1, 1), date(year, 12, 31))


def _month_number(word: str) -> int | None:
    return MONTHS.get(word.lower())


def _month(text: str) -> Period | None:
    match = MONTH.fullmatch(text)
    if match is None:
        return None
    month = _month_number(match[1] or match[4])
    if month is None:
        return None
    year = int(match[2] or match[3])
    return Period(_month_label(year, month), date(year, month, 1), _last_day(year, month))


def _month_range(text: str) -> Period | None:
    numbers = MONTH_NUMBER_RANGE.fullmatch(text)
    words = MONTH_WORD_RANGE.fullmatch(text)
    if numbers is not None:
        first_month, first_year = int(numbers[1]), int(numbers[2])
        last_month, last_year = int(numbers[3]), int(numbers[4])
    elif words is not None:
        found_first, found_last = _month_number(words[1]), _month_number(words[3])
        if found_first is None or found_last is None:
            return None
        first_month, first_year = found_first, int(words[2])
        last_month, last_year = found_last, int(words[4])
    else:
        return None
    if not (1 <= first_month <= 12 and 1 <= last_month <= 12):
        return None
    start, end = date(first_year, first_month, 1), _last_day(last_year, last_month)
    if end < start:
        return None
    label = f"{_month_label(first_year, first_month)}-{_month_label(last_year, last_month)}"
    return Period(label, start, end)


def _month_label(year: int, month: int) -> str:
    return f"{MONTH_NAMES[month - 1][:3]} {year}"
