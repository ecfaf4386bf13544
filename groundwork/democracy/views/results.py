"""Results of a closed ballot: the count with its stages, a chart, the published votes, BLT,
and for a secret ballot the trackers of the sealed votes.

Nothing here exists before the close, for anyone (`democracy.view_results`): 404 alike. The BLT
text is written by the pure counting package (`counting.write_blt`), beside its reader.
"""

import base64
import re
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language, gettext_lazy

from groundwork.core.access import access
from groundwork.core.fragments import digest, row_of, template_source
from groundwork.core.pagination import KeyedPage, keyed_page
from groundwork.democracy import counting, queries
from groundwork.democracy.models import Ballot, CastVote

CHART_LABEL_WIDTH = 150
CHART_BAR_WIDTH = 210
CHART_ROW = 34
CHOICES = {"yes": gettext_lazy("Yes"), "no": gettext_lazy("No"), "abstain": gettext_lazy("Abstain")}


@dataclass
class Bar:
    label: str
    value: str
    y: int
    width: int

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= 18 else self.label[:17] + "…"

    @property
    def text_y(self) -> int:
        return self.y + 17

    @property
    def value_x(self) -> int:
        return CHART_LABEL_WIDTH + self.width + 8


def _chart(pairs: list[tuple[str, str]]) -> dict | None:
    """Bars (label, value) scaled to the largest, as numbers an inline SVG can draw."""
    if not pairs:
        return None
    values = [float(value) for _, value in pairs]
    largest = max(values) or 1.0
    bars = [
        Bar(label, value, 8 + index * CHART_ROW, round(CHART_BAR_WIDTH * number / largest))
        for index, ((label, value), number) in enumerate(zip(pairs, values, strict=True))
    ]
    return {
        "bars": bars,
        "height": 16 + len(bars) * CHART_ROW,
        "label_x": CHART_LABEL_WIDTH - 8,
        "bar_x": CHART_LABEL_WIDTH,
    }


def shown_votes(value: str) -> str:
    """A count as people read it: "12" for 12.00000, "12.5" for 12.50000 (a fractional transfer
    keeps only the decimals it needs); the stored result keeps its fixed places for recounts."""
    if "." not in value:
        return value
    whole, fraction = value.split(".", 1)
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _stage_table(count: dict) -> dict | None:
    """Rows of candidates, columns of stages, then non-transferable, elected and excluded."""
    stages = count.get("stages")
    if not stages:
        return None
    names = list(stages[0]["votes"])
    return {
        "actions": [stage["action"] for stage in stages],
        "rows": [
            (name, [shown_votes(stage["votes"].get(name, "")) for stage in stages])
            for name in names
        ],
        "non_transferable": [shown_votes(stage["non_transferable"]) for stage in stages],
        "elected": [", ".join(stage["elected"]) for stage in stages],
        "excluded": [", ".join(stage["excluded"]) for stage in stages],
    }


def _ties_shown(count: dict) -> dict:
    """The count with the votes in its ties as people read them (shown_votes); stored unchanged."""
    if not count.get("ties"):
        return count
    ties = [
        tie
        | {
            "equal_votes": shown_votes(str(tie.get("equal_votes") or "")) or None,
            "votes": {name: shown_votes(v) for name, v in (tie.get("votes") or {}).items()},
            "earlier_votes": {
                name: shown_votes(v) for name, v in (tie.get("earlier_votes") or {}).items()
            },
        }
        for tie in count["ties"]
    ]
    return count | {"ties": ties}


def _approval_winners(ballot: Ballot, count: dict) -> list[tuple[str, str]]:
    """(name, approvals) of each option an approval ballot chose, for its one-line outcome."""
    stages = count.get("stages")
    if ballot.method != Ballot.Method.APPROVAL or not stages:
        return []
    votes = stages[-1]["votes"]
    return [(name, shown_votes(votes.get(name, ""))) for name in count.get("elected", [])]


def _pairwise_table(count: dict) -> list | None:
    pairwise = count.get("pairwise")
    if not pairwise:
        return None
    names = list(pairwise)
    return [(a, [pairwise[a].get(b, "—") if a != b else "—" for b in names]) for a in names]


# A voter checks their tracker (the search below the count), so the full lists are for browsing
# and recounting; 50 rows keep the page light on a phone and on the server.
VOTES_PER_PAGE = 50


def _readable(vote: CastVote, labels: dict[int, str]) -> str:
    """What the vote says, in words, for the published list."""
    content = vote.content
    if "choice" in content:
        return str(CHOICES.get(content["choice"], content["choice"]))
    if "approved" in content:
        return ", ".join(labels.get(p, "?") for p in content["approved"])
    return "; ".join(f"{n}. {labels.get(p, '?')}" for n, p in enumerate(content["ranking"], 1))


def _chart_pairs(ballot: Ballot, count: dict) -> list[tuple[str, str]]:
    if ballot.method == Ballot.Method.MAJORITY:
        return [(str(CHOICES[key]), str(count.get(key, 0))) for key in ("yes", "no", "abstain")]
    stages = count.get("stages")
    if not stages:
        return []
    return [(name, shown_votes(votes)) for name, votes in stages[-1]["votes"].items()]


# A tracker as ballot_box.tracker writes it: base32 in groups of four, joined by hyphens.
TRACKER = re.compile(r"[A-Z2-7-]{1,39}")


def _vote_key(text: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(text or "")
    except ValueError:
        return None


def _tracker_key(text: str | None) -> str | None:
    text = (text or "").strip().upper()
    return text if TRACKER.fullmatch(text) else None


def _votes_page(request: HttpRequest, ballot: Ballot) -> KeyedPage:
    """The page of counted votes the address asks for, by the keys of its neighbours."""
    return keyed_page(
        queries.published_votes(request.user, ballot),
        key="id",
        per_page=VOTES_PER_PAGE,
        after=_vote_key(request.GET.get("after")),
        before=_vote_key(request.GET.get("before")),
        from_end="end" in request.GET,
    )


def _trackers_page(request: HttpRequest, ballot: Ballot) -> dict:
    """The page of trackers of a secret ballot's box the address asks for."""
    if not ballot.secret:
        return {}
    page = keyed_page(
        queries.published_trackers(request.user, ballot).only("tracker"),
        key="tracker",
        per_page=VOTES_PER_PAGE,
        after=_tracker_key(request.GET.get("trackers_after")),
        before=_tracker_key(request.GET.get("trackers_before")),
        from_end="trackers_end" in request.GET,
    )
    return {"trackers": [sealed.tracker for sealed in page.object_list], "trackers_page": page}


def _tracker_search(request: HttpRequest, ballot: Ballot) -> dict:
    """What the trackers section says to this reader: their own tracker, the one searched for."""
    if not ballot.secret:
        return {}
    sought = request.GET.get("tracker", "").strip().upper()
    mine = queries.my_tracker(request.user, ballot)
    found = []
    if sought:
        trackers = queries.published_trackers(request.user, ballot)
        found = list(trackers.filter(tracker=sought).values_list("tracker", flat=True))
    return {
        "sought": sought,
        "trackers": found,
        "my_tracker": mine,
        # Read from the same box as the list of trackers, so it is in the list.
        "my_tracker_counted": bool(mine),
        "tracker_total": (ballot.result or {}).get("votes_cast", 0),
    }


# The parts of the results page that every reader who may see them sees alike (nothing of the
# reader's own: their tracker and their search stay out).
PUBLIC_PARTS = {
    "count": "democracy/_results_count.html",
    "trackers": "democracy/_results_trackers.html",
    "votes": "democracy/_results_votes.html",
}
PUBLIC_TIMEOUT = 10 * 60  # seconds


def _public_parts(request: HttpRequest, ballot: Ballot) -> dict[str, SafeString]:
    """The count, the page of trackers and the page of votes the address asks for, rendered.

    Once a ballot has closed (the only time anyone sees them) they never change, so a secret
    ballot's are kept in the cache, under a key made of every column of the ballot (its stored
    result among them), the pages asked for, the language, the time zone and the templates: a
    recount or a changed template makes a new key. A roll-call ballot's votes carry their voters'
    names, which can change: they are rendered for each request.
    """
    pages = tuple(
        request.GET.get(name)
        for name in ("after", "before", "end", "trackers_after", "trackers_before", "trackers_end")
    )
    key = None
    if ballot.secret:
        sources = [template_source(name) for name in PUBLIC_PARTS.values()]
        where = (get_language(), get_current_timezone_name())
        key = f"ballot-results:{ballot.pk}:{digest(sources, where, row_of(ballot), pages)}"
        if (stored := cache.get(key)) is not None:
            return stored
    context = _count_context(ballot) | _trackers_page(request, ballot) | _votes(request, ballot)
    parts = {name: render_to_string(template, context) for name, template in PUBLIC_PARTS.items()}
    if key:
        cache.set(key, parts, PUBLIC_TIMEOUT)
    return parts


def _count_context(ballot: Ballot) -> dict:
    result = ballot.result or {}
    count = result.get("count") or {}
    return {
        "ballot": ballot,
        "result": result,
        "count": _ties_shown(count),
        "quota": shown_votes(count.get("quota") or ""),
        "approval_winners": _approval_winners(ballot, count),
        "chart": _chart(_chart_pairs(ballot, count)),
        "stage_table": _stage_table(count),
        "pairwise": _pairwise_table(count),
        "pairwise_names": list(count.get("pairwise") or []),
    }


def _votes(request: HttpRequest, ballot: Ballot) -> dict:
    """The page of counted votes, each in words (a yes / no vote's need no option labels)."""
    labels = {}
    if ballot.method != Ballot.Method.MAJORITY:
        labels = {option.position: option.label for option in ballot.options.order_by("position")}
    page = _votes_page(request, ballot)
    return {"page": page, "votes": [(vote, _readable(vote, labels)) for vote in page.object_list]}


@access("democracy.view_results", fetch=queries.get_ballot_without_options_for)
def results(request: HttpRequest, ballot: Ballot) -> HttpResponse:
    context = {"ballot": ballot, "public": _public_parts(request, ballot)}
    return render(
        request, "democracy/ballot_results.html", context | _tracker_search(request, ballot)
    )


@access("democracy.view_results", fetch=queries.get_ballot_for)
def ballot_trackers(request: HttpRequest, ballot: Ballot) -> StreamingHttpResponse:
    """Every sealed vote of a secret ballot: its tracker and its ciphertext (base64), one per
    line, so that anyone can check each tracker is the SHA-256 of its ciphertext."""
    if not ballot.secret:
        raise Http404("Only secret ballots have sealed votes.")
    sealed = queries.published_trackers(request.user, ballot).values_list("tracker", "ciphertext")
    lines = (
        f"{tracker} {base64.b64encode(bytes(ciphertext)).decode()}\n"
        for tracker, ciphertext in sealed.iterator(chunk_size=2000)
    )
    response = StreamingHttpResponse(lines, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballot-{ballot.pk}-trackers.txt"'
    return response


@access("democracy.view_results", fetch=queries.get_ballot_for)
def ballot_blt(request: HttpRequest, ballot: Ballot) -> HttpResponse:
    """The ballots of a ranked vote as a BLT file, for anyone to recount."""
    if not ballot.is_ranked:
        raise Http404("Only ranked ballots have a BLT file.")
    options = list(ballot.options.all())
    index = {option.position: number for number, option in enumerate(options)}
    votes = queries.published_votes(request.user, ballot).iterator(chunk_size=2000)
    election = counting.Election(
        candidates=tuple(option.label for option in options),
        ballots=tuple(
            counting.Ballot(tuple(index[p] for p in vote.content["ranking"]), vote.weight)
            for vote in votes
        ),
        seats=ballot.seats,
        title=ballot.title,
        # The lot the count drew from, so that the file alone recounts the same.
        lot_seed=((ballot.result or {}).get("count") or {}).get("lot", {}).get("seed"),
    )
    response = HttpResponse(counting.write_blt(election), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ballot-{ballot.pk}.blt"'
    return response
