"""The roll-up bar chart: server-drawn SVG with presentation attributes (the CSP forbids inline
styles), its geometry computed here from plain numbers."""

from dataclasses import dataclass

from django import template

register = template.Library()

BAR_WIDTH = 300
ROW_HEIGHT = 58
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    done_width: int
    total_width: int
    done: int
    total: int
    groups: int
    text_x: int


def bars(rows: list[tuple[str, int, int, int]]) -> list[Bar]:
    """(label, groups, tasks done, tasks total) → bars scaled to the largest number of tasks."""
    largest = max((total for _, _, _, total in rows), default=0) or 1
    result = []
    for index, (label, groups, done, total) in enumerate(rows):
        total_width = round(BAR_WIDTH * total / largest)
        done_width = round(BAR_WIDTH * done / largest)
        result.append(
            Bar(
                label=label,
                y=TOP + index * ROW_HEIGHT,
                done_width=done_width,
                total_width=max(total_width, 2),
                done=done,
                total=total,
                groups=groups,
                text_x=max(total_width, 2) + 8,
            )
        )
    return result


@register.inclusion_tag("aims/_rollup_chart.svg")
def rollup_chart(progress) -> dict:
    """Tasks done of all tasks per objective, one bar each, with the number of groups."""
    rows = [
        (
            f"{item.objective.number}. {item.objective.title}",
            item.groups,
            item.tasks_done,
            item.tasks_total,
        )
        for item in progress
    ]
    drawn = bars(rows)
    return {
        "bars": drawn,
        "height": TOP + len(drawn) * ROW_HEIGHT + 8,
        "width": BAR_WIDTH + 150,
    }
