"""The audit log reads as sentences, and every verb the code records has one."""

import ast
import re
from pathlib import Path

import pytest

from groundwork.core.audit import record
from groundwork.core.audit.sentences import CHANGES, KINDS, SENTENCES, describe, noun_of

SOURCE = Path(__file__).resolve().parents[2]  # the groundwork package
VERB_SHAPE = re.compile(r"^[a-z][a-z_]*\.[a-z][a-z_]*$")

# A verb built at run time (an f-string) cannot be read from the source: each one is listed here
# with every value it takes. A new f-string verb fails the test until it is listed.
BUILT_VERBS = {
    "f'project.{kind}_added'": {"project.need_added", "project.offer_added"},
    "f'project.{listing.kind}_closed'": {"project.need_closed", "project.offer_closed"},
    "f'join_request.{join_request.status}'": {"join_request.approved", "join_request.declined"},
    "f'{plank._meta.model_name}.edited'": {"aim.edited", "objective.edited"},
    "f'petition.{kind}_exported'": {
        "petition.signatures_exported",
        "petition.delivery_sheet_exported",
    },
}


def recorded_verbs() -> tuple[set[str], set[str]]:
    """Every verb the code (tests and migrations aside) records: string constants given as
    `verb=` to any call, assigned to a name `verb` or `*_VERB`, or passed in the place of a
    parameter named `verb`; both branches of a conditional count. Also the f-strings found there."""
    trees = [
        ast.parse(path.read_text(encoding="utf-8"))
        for path in SOURCE.rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]
    positions = {
        node.name: [arg.arg for arg in node.args.posonlyargs + node.args.args].index("verb")
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and "verb" in [arg.arg for arg in node.args.posonlyargs + node.args.args]
    }
    verbs: set[str] = set()
    built: set[str] = set()

    def take(node: ast.AST) -> None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            verbs.add(node.value)
        elif isinstance(node, ast.IfExp):
            take(node.body)
            take(node.orelse)
        elif isinstance(node, ast.JoinedStr):
            built.add(ast.unparse(node))

    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "verb":
                        take(keyword.value)
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name in positions and positions[name] < len(node.args):
                    take(node.args[positions[name]])
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and (
                        target.id == "verb" or target.id.endswith("_VERB")
                    ):
                        take(node.value)
    return verbs, built


def test_the_collector_finds_verbs_of_every_form_they_take():
    """Guards the collector itself: keyword, positional (_log), variable, constant, conditional."""
    verbs, built = recorded_verbs()
    assert {
        "group.updated",  # record(verb="...")
        "proposal.lapsed",  # _log(proposal, "...", None)
        "invitation.resent",  # verb = "..."
        "group.organisers_contacted",  # CONTACT_VERB = "..."
        "help_answer.unmarked",  # verb="..." if ... else "..."
        "admin.changed",  # core.admin
    } <= verbs
    assert "f'petition.{kind}_exported'" in built


def test_every_recorded_verb_has_a_sentence():
    verbs, built = recorded_verbs()
    unlisted = built - set(BUILT_VERBS)
    assert not unlisted, f"list the values of these verbs in BUILT_VERBS: {sorted(unlisted)}"
    for values in BUILT_VERBS.values():
        verbs |= values
    assert all(VERB_SHAPE.match(verb) for verb in verbs), sorted(verbs)
    missing = sorted(verbs - set(SENTENCES))
    assert not missing, f"add a sentence to core/audit/sentences.py SENTENCES for: {missing}"


def test_every_sentence_is_about_a_kind_of_action_and_names_its_target_or_actor():
    kinds = {noun for _label, nouns in KINDS.values() for noun in nouns}
    assert {noun_of(verb) for verb in SENTENCES} <= kinds
    for verb, sentence in SENTENCES.items():
        assert "%(actor)s" in str(sentence) or "%(target)s" in str(sentence), verb
    for verb, sentence in CHANGES.items():
        assert verb in SENTENCES and "%(fields)s" in str(sentence), verb


@pytest.mark.django_db
def test_a_change_reads_as_who_changed_what_of_which(alice, riverside):
    """(The groups' view tests show an action's own entry read the same way.)"""
    entry = record(
        actor=alice,
        verb="group.updated",
        target=riverside,
        old={"description": ""},
        new={"description": "We meet on Tuesdays."},
    )
    assert describe(entry) == "Alice changed the description of Riverside"


@pytest.mark.django_db
def test_several_changes_are_named_together(alice, riverside):
    entry = record(
        actor=alice,
        verb="group.updated",
        target=riverside,
        old={"name": "River", "area_name": "Old Kent"},
        new={"name": "Riverside", "area_name": "Southwark"},
    )
    assert describe(entry) == "Alice changed the name and the area name of Riverside"


@pytest.mark.django_db
def test_a_field_that_is_a_relation_or_gone_reads_by_its_name(alice, riverside):
    entry = record(
        actor=alice,
        verb="group.updated",
        target=riverside,
        old={"memberships": [], "colour": "red"},
        new={"memberships": [1], "colour": "green"},
    )
    assert describe(entry) == "Alice changed the memberships and the colour of Riverside"


@pytest.mark.django_db
def test_a_job_and_an_unknown_verb_still_read(riverside):
    lapsed = record(actor=None, verb="proposal.lapsed", target=riverside)
    assert describe(lapsed) == "The proposal Riverside lapsed"
    odd = record(actor=None, verb="group.renamed_by_magic", target=riverside)
    assert describe(odd) == "The system: group.renamed_by_magic, Riverside"
