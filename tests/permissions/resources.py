"""Rows of the permission matrix: resources (the library by scope, help across the alliance, skills)."""

from tests.permissions.cells import IN_THE_ALLIANCE, LOGIN, PUBLIC, Row, everyone

ROWS: dict[str, Row] = {
    # The guide is Riverside's own (group scope), by bob; it has no file, so nobody downloads it
    # (who may download is tested in resources/tests/test_library.py).
    "resources:library": Row(PUBLIC),
    "resources:create": Row((LOGIN, 404, 200, 200, 200, 200)),
    "resources:detail": Row(
        (404, 404, 200, 404, 200, 404), kwargs=lambda w: {"pk": w.library["guide"].pk}
    ),
    "resources:edit": Row(
        (LOGIN, 404, 200, 404, 200, 404), kwargs=lambda w: {"pk": w.library["guide"].pk}
    ),
    "resources:delete": Row(
        (LOGIN, 404, "→/library/", 404, "→/library/", 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["guide"].pk},
    ),
    "resources:download": Row(everyone(404), kwargs=lambda w: {"pk": w.library["guide"].pk}),
    # Only an organiser of another group forks (with no group chosen: the form again, 400).
    "resources:fork": Row(
        (LOGIN, 404, 404, 404, 400, 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["hillside_guide"].pk},
    ),
    "resources:help_list": Row(IN_THE_ALLIANCE),
    "resources:help_create": Row((LOGIN, 404, 200, 200, 200, 404)),
    "resources:help_detail": Row(
        IN_THE_ALLIANCE, kwargs=lambda w: {"pk": w.library["question"].pk}
    ),
    "resources:help_answer": Row(
        (LOGIN, 404, 400, 400, 400, 400),
        method="post",
        kwargs=lambda w: {"pk": w.library["question"].pk},
    ),
    "resources:help_mark": Row(
        (LOGIN, 404, 404, 404, lambda w: f"→/help/{w.library['question'].pk}/", 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["question"].pk, "answer_pk": w.library["answer"].pk},
    ),
    "resources:help_save": Row(
        (LOGIN, 404, 404, 404, lambda w: f"→/library/{w.library['saved'].pk}/", 404),
        method="post",
        kwargs=lambda w: {"pk": w.library["question"].pk, "answer_pk": w.library["answer"].pk},
    ),
    "resources:skills": Row((LOGIN, 404, 404, 404, 200, 200)),
}
