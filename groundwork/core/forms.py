"""A form's field written out in Python, in the markup Django's form templates give it.

Django draws a field through a template for the field group, one for its label, one for its
errors, one for its widget and one more for each option of a choice: on the biggest forms (an
event's, a member's notification preferences) that was most of the page's time. `field_html`
writes out templates/components/field.html for Django's own widgets, character for character what
the templates write (core/tests/test_field_html.py compares them, bound and unbound, with errors).
A widget of another kind, or a form with its own templates or renderer, is drawn by Django as
before. The values come from the same places Django's templates read them (the widget's
`get_context`, the bound field's attributes), so what a person typed stays in a re-shown form and
each error stays next to its field.
"""

import functools
from typing import Any

from django.forms import BoundField, Widget
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.forms.utils import ErrorList
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]
from django.utils.translation import get_language, gettext

WIDGETS = "django/forms/widgets/"
# Widgets whose template is input.html, directly or by one include.
INPUT_TEMPLATES = {
    f"{WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "number",
        "email",
        "url",
        "color",
        "search",
        "tel",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
}
TEXTAREA = f"{WIDGETS}textarea.html"
CHOICE_TEMPLATES = {
    f"{WIDGETS}select.html": f"{WIDGETS}select_option.html",
    f"{WIDGETS}radio.html": f"{WIDGETS}radio_option.html",
    f"{WIDGETS}checkbox_select.html": f"{WIDGETS}checkbox_option.html",
}


def _text(value: Any) -> str:
    """`{{ value }}` in an autoescaped template."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def _as_string(value: Any) -> str:
    """`{{ value|stringformat:'s' }}` in an autoescaped template."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return conditional_escape(mark_safe(text) if isinstance(value, SafeData) else text)


def _attrs(attrs: dict[str, Any]) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_as_string(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input.html, without its last newline."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_as_string(value)}"'
    attributes = _attrs(widget["attrs"])
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}{attributes}>'
    )


def _textarea(widget: dict[str, Any]) -> str:
    text = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            value, attributes = _as_string(option["value"]), _attrs(option["attrs"])
            parts.append(
                f'\n  <option value="{value}"{attributes}>{_text(option["label"])}</option>\n'
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def _choices(widget: dict[str, Any]) -> str:
    """multiple_input.html: radio buttons or checkboxes, each in its label."""
    identifier, css_class = widget["attrs"].get("id"), widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{_text(identifier)}"' if identifier else "",
        f' class="{_text(css_class)}"' if css_class else "",
        ">",
    ]
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f"\n  <div><label>{_text(group_name)}</label>")
        for option in options:
            option_id = option["attrs"].get("id")
            label_for = f' for="{_text(option_id)}"' if option_id else ""
            parts.append(
                f"<div>\n    <label{label_for}>{_input(option)}\n"
                f" {_text(option['label'])}</label>\n\n</div>"
            )
        if group_name:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def _drawn_here(widget: Widget, renderer: Any) -> bool:
    """Whether the widget draws itself as Django's own widget templates do."""
    kind = type(widget)
    if type(renderer) is not DjangoTemplates:
        return False
    if kind.render is not Widget.render or kind._render is not Widget._render:  # type: ignore[attr-defined]
        return False
    if widget.template_name in INPUT_TEMPLATES or widget.template_name == TEXTAREA:
        return True
    option_template = CHOICE_TEMPLATES.get(widget.template_name or "")
    return (
        option_template is not None
        and getattr(widget, "option_template_name", None) == option_template
    )


def widget_html(
    widget: Widget, name: str, value: Any, attrs: dict[str, Any], renderer: Any = None
) -> str:
    """`widget.render(name, value, attrs)`, without templates for Django's own widgets."""
    renderer = renderer or get_default_renderer()
    if not _drawn_here(widget, renderer):
        return widget.render(name, value, attrs, renderer)
    context = widget.get_context(name, value, attrs)["widget"]
    template = widget.template_name
    if template in INPUT_TEMPLATES:
        return _input(context)
    if template == TEXTAREA:
        return _textarea(context)
    if template == f"{WIDGETS}select.html":
        return _select(context)
    return _choices(context)


def _widget(field: BoundField) -> str:
    """`{{ field }}`: BoundField.as_widget, and the hidden initial value where the field asks."""
    if field.field.show_hidden_initial:
        return str(field)
    widget = field.field.widget
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return widget_html(widget, field.html_name, field.value(), attrs, field.form.renderer)


def _errors(errors: ErrorList) -> str:
    """`{{ field.errors }}`: django/forms/errors/list/ul.html."""
    if type(errors) is not ErrorList or type(errors.renderer) is not DjangoTemplates:
        return str(errors)
    if not errors:
        return ""
    field_id = getattr(errors, "field_id", None)
    identifier = f' id="{_text(field_id)}_error"' if field_id else ""
    items = "".join(f"<li>{_text(error)}</li>" for error in errors)
    return f'<ul class="{_text(errors.error_class)}"{identifier}>{items}</ul>'


def _django_field_templates(field: BoundField) -> bool:
    """Whether the field's group and label are Django's own templates, the ones written out here."""
    form = field.form
    return (
        type(form.renderer) is DjangoTemplates
        and field.template_name == "django/forms/field.html"
        and form.template_name_label == "django/forms/label.html"
    )


@functools.cache
def _final_punctuation(language: str | None) -> str:
    """The characters after which a label takes no suffix (translatable, as in BoundField)."""
    return gettext(":?.!")


def _resolved(text: Any) -> Any:
    """A translatable text translated once: each use of a lazy one translates it again."""
    return str(text) if isinstance(text, Promise) else text


def _label(field: BoundField, tag: str, contents: Any) -> str:
    """`field.label_tag` or `field.legend_tag`: django/forms/label.html."""
    if not _django_field_templates(field):
        return field.label_tag(tag=tag)
    suffix = field.field.label_suffix
    suffix = field.form.label_suffix if suffix is None else suffix
    if suffix and contents and contents[-1] not in _final_punctuation(get_language()):
        contents = f"{_text(contents)}{_text(suffix)}"
    else:
        contents = _text(contents)
    widget = field.field.widget
    identifier = widget.attrs.get("id") or field.auto_id
    if not identifier:
        return contents
    attrs: dict[str, Any] = {}
    for_id = widget.id_for_label(identifier)
    if for_id and tag != "legend":
        attrs["for"] = for_id
    if field.field.required and hasattr(field.form, "required_css_class"):
        attrs["class"] = field.form.required_css_class
    return f"<{tag}{_attrs(attrs)}>{contents}</{tag}>"


def _help(field: BoundField, help_text: Any, *, always_with_id: bool = False) -> str:
    if not help_text:
        return ""
    identifier = f' id="{_text(field.auto_id)}_helptext"' if field.auto_id or always_with_id else ""
    return f'<div class="helptext"{identifier}>{str(help_text)}</div>'


def field_group_html(field: BoundField) -> str:
    """`field.as_field_group()`: django/forms/field.html, with its label, help, errors, widget."""
    if not _django_field_templates(field):
        return field.as_field_group()
    label, help_text = _resolved(field.label), _resolved(field.help_text)
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_text(described)}"' if described else ""
        opening = (
            f"\n  <fieldset{described}>\n  {_label(field, 'legend', label) if label else ''}\n"
        )
    else:
        opening = f"\n  {_label(field, 'label', label) if label else ''}\n"
    closing = "</fieldset>" if field.use_fieldset else ""
    errors, widget = _errors(field.errors), _widget(field)
    return f"{opening}\n{_help(field, help_text)}\n{errors}\n{widget}{closing}\n".strip()


# Fields drawn once per process (see `field_html`), by form, field, language and value shown.
_DRAWN_ALIKE: dict[tuple, SafeString] = {}


def field_html(field: BoundField) -> SafeString:
    """templates/components/field.html: the field group in its `div`, a checkbox after its box.

    A field its form names in `fields_drawn_alike` is drawn once per process and language while
    the form is unbound and the field shows nothing or its declared initial value: its markup
    then depends on nothing else, as the form promises by naming it (no choices read from the
    database, nothing its `__init__` changes from one form to the next). A bound form, with what
    a person typed and its errors, is always drawn afresh."""
    form = field.form
    if form.is_bound or field.name not in getattr(form, "fields_drawn_alike", ()):
        return _field_html(field)
    shown, declared = field.initial, field.field.initial
    if not (shown is None or shown == "" or (isinstance(shown, str | int) and shown == declared)):
        return _field_html(field)
    language = get_language()
    key = (type(form), type(form.renderer), form.prefix, form.auto_id, field.name, language, shown)
    drawn = _DRAWN_ALIKE.get(key)
    if drawn is None:
        drawn = _DRAWN_ALIKE[key] = _field_html(field)
    return drawn


def _field_html(field: BoundField) -> SafeString:
    errors = field.errors
    checkbox = field.widget_type == "checkbox"
    classes = "field" + (" field-error" if errors else "") + (" field-checkbox" if checkbox else "")
    if checkbox:
        label = f'<label for="{_text(field.id_for_label)}">{_text(field.label)}</label>'
        help_text = _help(field, _resolved(field.help_text), always_with_id=True)
        inner = f"{_errors(errors)}{_widget(field)} {label}\n  {help_text}"
    else:
        inner = field_group_html(field)
    return mark_safe(f'<div class="{classes}">\n\n  {inner}\n\n</div>')
