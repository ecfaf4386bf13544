"""Every word of ours that a person reads and that Python code writes is marked for translation
(gettext), so that a Welsh catalogue can follow without touching the code again.

The scanner parses every module under groundwork/ (tests and migrations aside) and looks where
text reaches people: the message of `messages.*(request, …)`, of a domain error (`ActionError`,
`RateLimited`), of a `ValidationError`, of `add_error` and of a validator; a field's `label`,
`help_text`, `verbose_name`, `empty_label`, `error_messages` and literal `choices`; a model field's
positional verbose name; a model's or form's `Meta` (`verbose_name`, `labels`, `help_texts`);
and the label of every `TextChoices` and `IntegerChoices` member. A string literal or an f-string
there (also inside `%`, `+`, `.format()`, a conditional, a dict or a list) is unmarked. A call to
`_`, `gettext` and its kin, or any other name or expression, passes: what it holds is checked
where it is written. A helper that shows one of its parameters (`_done(…, success)`,
`count_attempt(…, refusal=…)`) is checked where it is called, and a module's text constant where
it is used.

Two more sweeps hold what the parser cannot see: every field of every form names its label,
marked (Django would otherwise make one in English from the field's name), and no function of a
module that imports gettext as `_` binds `_` itself. The tests of each sweep on snippets show that
it finds what it should, so it cannot pass for want of looking.

Not checked, and left in English on purpose: log messages, audit verbs, exception texts nobody
reads (Http404's), management commands' and system checks' output for operators, the pure
counting package (democracy/counting), the demo data, and models' `__str__` (the admin's and the
audit log's labels).
"""

import ast
import copy
import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.utils.functional import Promise, lazystr

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(
    path
    for path in (ROOT / "groundwork").rglob("*.py")
    if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
)

# gettext, ngettext, pgettext, npgettext and their _lazy forms; `_` as either; format_lazy.
MARKERS = {"_", "format_lazy"} | {
    f"{kind}gettext{lazy}" for kind in ("", "n", "p", "np") for lazy in ("", "_lazy")
}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}
# Errors whose message is shown to the person who caused them.
SHOWN_ERRORS = {"ActionError", "RateLimited", "ValidationError"}
# Validators whose second positional argument is the message.
VALIDATORS_WITH_MESSAGE_SECOND = {
    "RegexValidator",
    "MinValueValidator",
    "MaxValueValidator",
    "MinLengthValidator",
    "MaxLengthValidator",
}
TEXT_KEYWORDS = {"label", "help_text", "verbose_name", "verbose_name_plural", "empty_label"}
# Texts that reach people by notification or email, by function and keyword.
SENT_TEXTS = {
    "do_notify": ("text", "email_subject", "email_body"),
    "enqueue_email": ("subject", "body"),
}
# Keywords whose value is a dict or list of texts.
TEXT_COLLECTION_KEYWORDS = {"error_messages"}
# Texts of a class body: an app's or a model's name in any class, a form's texts in its Meta.
CLASS_TEXTS = {"verbose_name", "verbose_name_plural", "default_error_messages"}
META_TEXTS = CLASS_TEXTS | {"labels", "help_texts", "error_messages"}
# Model fields whose first positional argument is another model, not a verbose name.
RELATION_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}
CHOICES_BASES = {"TextChoices", "IntegerChoices", "Choices"}
LETTER = re.compile(r"[^\W\d_]")

# Strings the sweep finds that are not words of ours for people, with the reason: (module, text).
ALLOWED: dict[tuple[str, str], str] = {
    ("groundwork/demo/apps.py", "Demo and benchmark data"): (
        "the demo app has no models, so the admin never shows its name"
    ),
}


@dataclass(frozen=True)
class Unmarked:
    line: int
    where: str
    text: str


def name_of(function: ast.expr) -> str:
    """`ActionError` for `ActionError(…)` and `forms.ValidationError(…)` alike."""
    if isinstance(function, ast.Name):
        return function.id
    if isinstance(function, ast.Attribute):
        return function.attr
    return ""


def unmarked_text(node: ast.expr | None) -> str | None:
    """The text of `node` if it is a string literal or f-string with a letter in it, or is built
    from one (with `%`, `+` or `.format()`), not wrapped in a gettext call; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if LETTER.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
        return ast.unparse(node) if LETTER.search(literal) else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return unmarked_text(node.left) or unmarked_text(node.right)
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr == "format":
            return unmarked_text(node.func.value)
        if name_of(node.func) == "format_lazy" and node.args:
            return unmarked_text(node.args[0])
        # _(f"Welcome to {name}") looks up the text with the name in it: never in the catalogue.
        if name_of(node.func) in MARKERS and node.args and isinstance(node.args[0], ast.JoinedStr):
            return ast.unparse(node)
        return None
    if isinstance(node, ast.IfExp):
        return unmarked_text(node.body) or unmarked_text(node.orelse)
    if isinstance(node, ast.BoolOp):
        return next(filter(None, map(unmarked_text, node.values)), None)
    return None


def unmarked_texts(node: ast.expr | None) -> list[str]:
    """Like unmarked_text, also looking into the values of a dict and the items of a list."""
    if isinstance(node, ast.Dict):
        return [text for value in node.values for text in unmarked_texts(value)]
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [text for item in node.elts for text in unmarked_texts(item)]
    text = unmarked_text(node)
    return [text] if text else []


def choice_labels(node: ast.expr) -> list[str]:
    """Unmarked labels in a literal `choices=[("value", "Label"), …]`, also one added to
    others (`[("", "All kinds")] + list(Kind.choices)`)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return choice_labels(node.left) + choice_labels(node.right)
    if not isinstance(node, ast.List | ast.Tuple):
        return []
    return [
        text
        for pair in node.elts
        if isinstance(pair, ast.Tuple) and len(pair.elts) == 2
        for text in unmarked_texts(pair.elts[1])
    ]


def argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    for given in call.keywords:
        if given.arg == keyword:
            return given.value
    return call.args[position] if len(call.args) > position else None


def shown_arguments(
    call: ast.Call, passing_on: dict[str, tuple[int, str]]
) -> list[tuple[str, ast.expr | None, bool]]:
    """(where, argument, whether it may be a dict or list of texts) for every argument of `call`
    that people are shown."""
    function = name_of(call.func)
    shown: list[tuple[str, ast.expr | None, bool]] = []
    if (
        isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "messages"
    ):
        if function in MESSAGE_LEVELS:
            shown.append((f"messages.{function}", argument(call, 1, "message"), False))
        elif function == "add_message":
            shown.append(("messages.add_message", argument(call, 2, "message"), False))
    if function in SHOWN_ERRORS:
        shown.append((function, argument(call, 0, "message"), True))
    if function == "add_error":
        shown.append(("add_error", argument(call, 1, "error"), True))
    if function == "display":
        shown.append(("display description", argument(call, 99, "description"), False))
    if function.endswith("Validator"):
        position = 1 if function in VALIDATORS_WITH_MESSAGE_SECOND else 99
        shown.append((function, argument(call, position, "message"), False))
    if (
        isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Name)
        and call.func.value.id == "models"
        and function.endswith("Field")
        and function not in RELATION_FIELDS
        and call.args
    ):
        shown.append((f"{function} verbose name", call.args[0], False))
    for keyword in SENT_TEXTS.get(function, ()):
        shown.append((f"{function} {keyword}", argument(call, 99, keyword), False))
    if function in passing_on:
        position, parameter = passing_on[function]
        shown.append((f"{function} {parameter}", argument(call, position, parameter), True))
    for given in call.keywords:
        if given.arg in TEXT_KEYWORDS:
            shown.append((given.arg, given.value, False))
        elif given.arg in TEXT_COLLECTION_KEYWORDS:
            shown.append((given.arg, given.value, True))
    return shown


def call_texts(call: ast.Call, passing_on: dict[str, tuple[int, str]]) -> list[tuple[str, str]]:
    """(where, text) for every unmarked text that `call` shows to people."""
    found = [
        (where, text)
        for where, shown, collection in shown_arguments(call, passing_on)
        for text in (unmarked_texts(shown) if collection else [unmarked_text(shown) or ""])
    ]
    for given in call.keywords:
        if given.arg == "choices":
            found += [("choices", text) for text in choice_labels(given.value)]
    # A helper that passes a parameter on to a shown place may name it twice (do_notify).
    return list(dict.fromkeys((where, text) for where, text in found if text))


def passed_on_as_text(tree: ast.Module) -> dict[str, tuple[int, str]]:
    """{function: (position, parameter)} for each function of the module that shows one of its
    parameters as it stands (`def _done(request, call, success): messages.success(request,
    success)`), so that the texts its callers give it are checked."""
    found = {}
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        parameters = [given.arg for given in function.args.posonlyargs + function.args.args]
        parameters = [name for name in parameters if name not in ("self", "cls")]
        parameters += [given.arg for given in function.args.kwonlyargs]
        for call in ast.walk(function):
            if not isinstance(call, ast.Call):
                continue
            for _where, shown, _collection in shown_arguments(call, {}):
                if isinstance(shown, ast.Name) and shown.id in parameters:
                    position = parameters.index(shown.id)
                    if shown.id in [given.arg for given in function.args.kwonlyargs]:
                        position = 99
                    found[function.name] = (position, shown.id)
    return found


def class_texts(node: ast.ClassDef) -> list[tuple[int, str, str]]:
    """(line, where, text) for unmarked texts in a Meta class or a choices enumeration."""
    found = []
    choices = any(name_of(base) in CHOICES_BASES for base in node.bases)
    for statement in node.body:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        if not isinstance(target, ast.Name):
            continue
        if target.id in (META_TEXTS if node.name == "Meta" else CLASS_TEXTS):
            found += [
                (statement.lineno, f"{node.name}.{target.id}", text)
                for text in unmarked_texts(statement.value)
            ]
        elif choices and target.id.isupper():
            value = statement.value
            if isinstance(value, ast.Tuple) and len(value.elts) >= 2:
                label = unmarked_text(value.elts[-1])
                if label:
                    found.append((statement.lineno, f"{node.name}.{target.id}", label))
            else:
                # Without a label Django makes one in English from the member's name.
                found.append((statement.lineno, f"{node.name}.{target.id}", "(no label)"))
    return found


class InlineConstants(ast.NodeTransformer):
    """Puts the value of a module's text constant (`NOT_A_DISTRICT = "Enter…"`) where the constant
    is used, so that a message named once and shown elsewhere is checked where it is shown."""

    def __init__(self, tree: ast.Module) -> None:
        self.values = {
            statement.targets[0].id: statement.value
            for statement in tree.body
            if isinstance(statement, ast.Assign)
            and len(statement.targets) == 1
            and isinstance(statement.targets[0], ast.Name)
            and statement.targets[0].id.isupper()
            and isinstance(statement.value, ast.Constant | ast.JoinedStr | ast.BinOp)
        }

    def visit_Name(self, node: ast.Name) -> ast.expr:
        if isinstance(node.ctx, ast.Load) and node.id in self.values:
            return ast.copy_location(copy.deepcopy(self.values[node.id]), node)
        return node


def unmarked_strings(
    source: str, passing_on: dict[str, tuple[int, str]] | None = None
) -> list[Unmarked]:
    """Every text in a module's source that people are shown and that is not marked.
    `passing_on` names the functions that show a parameter (passed_on_as_text); by default, those
    of the module itself."""
    found = []
    tree = ast.parse(source)
    passing_on = passed_on_as_text(tree) if passing_on is None else passing_on
    for node in ast.walk(InlineConstants(tree).visit(tree)):
        if isinstance(node, ast.Call):
            found += [
                Unmarked(node.lineno, where, text) for where, text in call_texts(node, passing_on)
            ]
        elif isinstance(node, ast.ClassDef):
            found += [Unmarked(*finding) for finding in class_texts(node)]
        elif isinstance(node, ast.Assign):
            # self.fields["attachment"].label = "Replace the file"
            found += [
                Unmarked(node.lineno, f"{target.attr} =", text)
                for target in node.targets
                if isinstance(target, ast.Attribute) and target.attr in TEXT_KEYWORDS
                for text in [unmarked_text(node.value)]
                if text
            ]
    return sorted(found, key=lambda unmarked: unmarked.line)


def test_the_scanner_finds_unmarked_messages_and_errors():
    source = """
from django.contrib import messages
messages.success(request, "Saved.")
messages.error(request, f"Could not save {thing}.")
messages.add_message(request, messages.INFO, "Hello %s" % name)
raise ActionError("You cannot vote twice.", field="ranking")
raise forms.ValidationError({"title": "Too long.", "body": _("Empty.")})
form.add_error("email", "Enter an email address.")
RegexValidator(r"^[A-Z]$", "One capital letter.")
ActionError("Too late." if closed else _("Too early."))
TOO_MANY = "You have sent " + str(LIMIT) + " letters."
raise ActionError(TOO_MANY)
messages.success(request, _(f"Welcome to {group}!"))
"""
    assert [(found.line, found.where, found.text) for found in unmarked_strings(source)] == [
        (3, "messages.success", "Saved."),
        (4, "messages.error", "f'Could not save {thing}.'"),
        (5, "messages.add_message", "Hello %s"),
        (6, "ActionError", "You cannot vote twice."),
        (7, "ValidationError", "Too long."),
        (8, "add_error", "Enter an email address."),
        (9, "RegexValidator", "One capital letter."),
        (10, "ActionError", "Too late."),
        (12, "ActionError", "You have sent "),
        (13, "messages.success", "_(f'Welcome to {group}!')"),
    ]


def test_the_scanner_finds_unmarked_fields_meta_and_choices():
    source = """
class Event(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", _("Closed")
        LOST = "lost"

    code = models.CharField("ONS code", max_length=9, help_text="Such as E09.")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, verbose_name="group")

    class Meta:
        verbose_name_plural = "events"


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="Kind", choices=[("a", "Meeting")] + [("b", _("Rally"))])
    size = forms.IntegerField(error_messages={"required": "Say how many."})

    class Meta:
        labels = {"title": "Name of the event"}

    def __init__(self):
        self.fields["size"].help_text = "How many come."


class WhenField(forms.Field):
    default_error_messages = {"invalid": "Enter a date."}
"""
    assert [(found.line, found.where, found.text) for found in unmarked_strings(source)] == [
        (4, "Status.OPEN", "Open"),
        (6, "Status.LOST", "(no label)"),
        (8, "CharField verbose name", "ONS code"),
        (8, "help_text", "Such as E09."),
        (9, "verbose_name", "group"),
        (12, "Meta.verbose_name_plural", "events"),
        (16, "label", "Kind"),
        (16, "choices", "Meeting"),
        (17, "error_messages", "Say how many."),
        (20, "Meta.labels", "Name of the event"),
        (23, "help_text =", "How many come."),
        (27, "WhenField.default_error_messages", "Enter a date."),
    ]


def test_the_scanner_passes_marked_text_and_what_is_not_text():
    source = """
from django.utils.translation import gettext as _, gettext_lazy, ngettext
messages.success(request, _("Saved."))
messages.info(request, ngettext("%(n)d vote", "%(n)d votes", n) % {"n": n})
messages.warning(request, _("Welcome to %(group)s!") % {"group": group.name})
messages.error(request, str(error))
messages.error(request, error.message)
raise ActionError(message)
raise ValidationError(_("Too long."), code="too_long")
logger.warning("Ballot %s closed", ballot.pk)
title = models.CharField(gettext_lazy("title"), max_length=80, verbose_name=None)
group = models.ForeignKey("groups.Group", on_delete=models.CASCADE)
kind = forms.ChoiceField(label="", choices=Kind.choices)
size = models.IntegerField(default=0, help_text=format_lazy("{} {}", _("a"), _("b")))

class Kind(models.TextChoices):
    A = "a", _("A kind")
    _ignore_ = ["helper"]

class Meta:
    ordering = ["name"]
    verbose_name = gettext_lazy("event")
"""
    assert unmarked_strings(source) == []


def test_the_scanner_follows_a_text_into_a_helper_and_into_notifications():
    source = """
def _done(request, call, success):
    call()
    messages.success(request, success)

def count_attempt(scope, *, rate, refusal):
    raise RateLimited(refusal, retry_after=1)

_done(request, lambda: None, "You support this proposal.")
_done(request, lambda: None, success=_("You withdrew the proposal."))
count_attempt("letters", rate="5/d", refusal="Try again tomorrow.")
do_notify([1], key="k", text=f"Voting is open: {title}", email_subject=subject, url="/")
enqueue_email(to=[a], subject="Reminder", body=_("Come tomorrow."))
"""
    assert [(found.line, found.where, found.text) for found in unmarked_strings(source)] == [
        (9, "_done success", "You support this proposal."),
        (11, "count_attempt refusal", "Try again tomorrow."),
        (12, "do_notify text", "f'Voting is open: {title}'"),
        (13, "enqueue_email subject", "Reminder"),
    ]


def test_every_module_is_found():
    names = {str(path.relative_to(ROOT)) for path in MODULES}
    assert "groundwork/groups/models/__init__.py" in names
    assert "groundwork/democracy/actions/voting.py" in names
    assert not any("/tests/" in name or "/migrations/" in name for name in names)
    assert len(names) > 150


# Helpers anywhere under groundwork/ that show a parameter as it stands (core.rate_limits'
# count_attempt and its refusal, say): what any module passes them is checked.
PASSING_ON = {
    name: spec
    for path in MODULES
    for name, spec in passed_on_as_text(ast.parse(path.read_text())).items()
}


def unmarked_in_module(path: Path) -> list[Unmarked]:
    source = path.read_text()
    return unmarked_strings(source, PASSING_ON | passed_on_as_text(ast.parse(source)))


@pytest.mark.parametrize("path", MODULES, ids=[str(path.relative_to(ROOT)) for path in MODULES])
def test_every_user_facing_string_in_python_is_marked_for_translation(path):
    name = str(path.relative_to(ROOT))
    unmarked = [found for found in unmarked_in_module(path) if (name, found.text) not in ALLOWED]
    assert not unmarked, "\n".join(f"{name}:{u.line} ({u.where}): {u.text}" for u in unmarked)


# Every form of ours is a Form or a ModelForm, the classes that carry base_fields.
FormClass = type[forms.Form] | type[forms.ModelForm[Any]]


def form_classes() -> list[FormClass]:
    """Every form class defined under groundwork/ (the demo data and tests aside)."""
    found = []
    for path in MODULES:
        module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        # Only modules that may define a form are imported: a __main__ would run.
        if module_name.startswith("groundwork.demo.") or "Form" not in path.read_text():
            continue
        module = importlib.import_module(module_name)
        found += [
            value
            for value in vars(module).values()
            if isinstance(value, type)
            and issubclass(value, forms.Form | forms.ModelForm)
            and value.__module__ == module_name
        ]
    return found


def unmarked_labels(form: FormClass) -> list[str]:
    """The fields of `form` that people see whose label is not marked: a field without a label
    is shown one Django makes in English from its name ("Join policy" from join_policy, or from
    the model field's name), which no catalogue can translate."""
    return [
        f"{form.__module__}.{form.__qualname__}.{name}: {field.label!r}"
        for name, field in form.base_fields.items()
        if not field.widget.is_hidden and not isinstance(field.label, Promise)
    ]


def test_the_label_sweep_finds_labels_made_from_a_name_or_not_marked():
    class Snippet(forms.Form):
        join_policy = forms.CharField()
        plain = forms.CharField(label="Plain")
        # A lazy text, as gettext_lazy gives (lazystr, so that makemessages does not take it).
        named = forms.CharField(label=lazystr("Named"))
        hidden = forms.CharField(widget=forms.HiddenInput)

    assert [line.rsplit(".", 1)[1] for line in unmarked_labels(Snippet)] == [
        "join_policy: None",
        "plain: 'Plain'",
    ]


def test_every_form_field_has_a_label_marked_for_translation():
    """Every field people see names its label, marked: `label=` on the field, or the ModelForm's
    `Meta.labels`."""
    classes = form_classes()
    assert len(classes) > 30
    unmarked = [line for form in classes for line in unmarked_labels(form)]
    assert not unmarked, "\n".join(unmarked)


def hidden_gettext(source: str) -> list[str]:
    """Functions of a module that imports gettext as `_` and that also bind `_` themselves
    (`deleted, _ = ….delete()`): there `_` is a local name, so `_("…")` fails when the function
    runs, or calls the wrong thing."""
    tree = ast.parse(source)
    if not any(
        isinstance(statement, ast.ImportFrom)
        and any((alias.asname or alias.name) == "_" for alias in statement.names)
        for statement in tree.body
    ):
        return []
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        # A comprehension's names are its own; walk the function without them.
        scoped = {
            id(name)
            for node in ast.walk(function)
            if isinstance(node, ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp)
            for generator in node.generators
            for name in ast.walk(generator.target)
        }
        binds = [
            node
            for node in ast.walk(function)
            if isinstance(node, ast.Name)
            and node.id == "_"
            and isinstance(node.ctx, ast.Store)
            and id(node) not in scoped
        ]
        if binds:
            found.append(f"{function.name} (line {binds[0].lineno})")
    return found


def test_the_check_finds_gettext_hidden_by_a_local_underscore():
    source = """
from django.utils.translation import gettext as _

def prune():
    deleted, _ = Signature.objects.delete()
    return _("Pruned.") if deleted else ""

def totals(rows):
    return sum(count for _, count in rows), _("Total")
"""
    assert hidden_gettext(source) == ["prune (line 5)"]


@pytest.mark.parametrize("path", MODULES, ids=[str(path.relative_to(ROOT)) for path in MODULES])
def test_no_function_hides_gettext_behind_a_local_underscore(path):
    assert not hidden_gettext(path.read_text())


def test_every_allowed_string_is_still_there():
    """An allow-list entry whose string has gone must go too, so the list cannot hide new ones."""
    for (name, text), reason in ALLOWED.items():
        assert reason
        found = {found.text for found in unmarked_in_module(ROOT / name)}
        assert text in found, f"{name}: {text!r} is allowed but no longer there"
