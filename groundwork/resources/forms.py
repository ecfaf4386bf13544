"""Forms of the library and of help between groups. Attachments are checked by name and by content."""

import zipfile
from pathlib import PurePath
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from groundwork.groups.models import Group
from groundwork.resources.actions import ResourceInput
from groundwork.resources.models import Resource

# Extension → the content type the file must turn out to be when its first bytes are read.
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
ALLOWED_NAMES = _("PDF, ODT, DOCX, PNG, JPEG, plain text or CSV")


def upload_limit() -> int:
    """The largest attachment accepted, in bytes (GROUNDWORK_UPLOAD_MAX_BYTES; 10 MB by default)."""
    return settings.GROUNDWORK_UPLOAD_MAX_BYTES


def _zip_kind(upload: UploadedFile) -> str:
    """The office document a ZIP file is, by the parts inside it ("" if neither)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                return archive.read("mimetype").decode("ascii", "replace").strip()
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return ALLOWED_TYPES[".docx"]
    except (zipfile.BadZipFile, OSError, KeyError):
        return ""
    return ""


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sample is still text.
        return error.start >= len(head) - 3
    return True


def sniffed_type(upload: UploadedFile) -> str:
    """What the file's content says it is, whatever its name claims ("" if none we accept)."""
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(upload)
        upload.seek(0)
        return kind
    if head and _is_text(head):
        return "text/plain"
    return ""


def check_attachment(upload: UploadedFile) -> str:
    """The file's content type if it is small enough and is what its name says; else a message."""
    # An upload always has a name and a size; Django's type allows None for other files.
    size, name = upload.size or 0, PurePath(upload.name or "")
    if size > upload_limit():
        raise forms.ValidationError(
            _(
                "This file is %(size)s; the largest file the library takes is %(limit)s. "
                "Make it smaller, or share it as a link."
            ),
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(upload_limit())},
        )
    extension = name.suffix.lower()
    expected = ALLOWED_TYPES.get(extension)
    if expected is None:
        raise forms.ValidationError(
            _("The library takes %(allowed)s files; “%(name)s” is not one of them."),
            code="type",
            params={"allowed": ALLOWED_NAMES, "name": name.name},
        )
    found = sniffed_type(upload)
    text_like = expected in ("text/plain", "text/csv") and found == "text/plain"
    if found != expected and not text_like:
        raise forms.ValidationError(
            _(
                "“%(name)s” does not contain what its name says (a %(extension)s file). "
                "Save it again as %(allowed)s and upload that."
            ),
            code="content",
            params={
                "name": name.name,
                "extension": extension.lstrip(".").upper(),
                "allowed": ALLOWED_NAMES,
            },
        )
    return expected


def parse_tags(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


class ResourceForm(forms.ModelForm):
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(),
        required=False,
        label=_("Whose library"),
        empty_label=_("The alliance's own library"),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=400,
        help_text=_("Words to find it by, separated by commas, such as housing, council budget."),
    )
    attachment = forms.FileField(
        label=_("File (optional)"),
        required=False,
        widget=forms.FileInput,
        help_text=format_lazy(
            _("{types}; at most {size}."),
            types=ALLOWED_NAMES,
            size=filesizeformat(10 * 1024 * 1024),
        ),
    )
    remove_attachment = forms.BooleanField(label=_("Remove the current file"), required=False)

    class Meta:
        model = Resource
        fields = ["group", "title", "kind", "scope", "summary", "body", "link"]
        labels = {
            "title": _("Title"),
            "kind": _("Kind"),
            "scope": _("Scope"),
            "summary": _("Summary"),
            "body": _("Body"),
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "summary": forms.TextInput(),
        }

    def __init__(self, *args, groups=None, may_use_alliance: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachment"].help_text = _(
            "%(types)s; at most %(size)s. Choose the file again if the form comes back with a "
            "problem."
        ) % {"types": ALLOWED_NAMES, "size": filesizeformat(upload_limit())}
        if self.instance.pk:
            del self.fields["group"]
            self.initial.setdefault("tags", self.instance.tag_names)
            if not self.instance.attachment_name:
                del self.fields["remove_attachment"]
            else:
                self.fields["attachment"].label = _("Replace the file (optional)")
        else:
            del self.fields["remove_attachment"]
            group = cast(forms.ModelChoiceField, self.fields["group"])
            group.queryset = groups if groups is not None else Group.objects.none()
            group.required = not may_use_alliance
            if not may_use_alliance:
                group.empty_label = None

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if upload:
            self.attachment_type = check_attachment(upload)
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        group = cleaned.get("group") if "group" in self.fields else self.instance.group
        if cleaned.get("scope") == Resource.Scope.GROUP and group is None and not self.errors:
            self.add_error(
                "scope",
                _("The alliance's own resources are shared with the alliance or the public."),
            )
        return cleaned

    def resource_input(self) -> ResourceInput:
        data = self.cleaned_data
        return ResourceInput(
            title=data["title"],
            kind=data["kind"],
            scope=data["scope"],
            summary=data["summary"],
            body=data["body"],
            link=data["link"],
            tags=parse_tags(data["tags"]),
            attachment=data.get("attachment") or None,
            attachment_type=getattr(self, "attachment_type", ""),
            remove_attachment=data.get("remove_attachment", False),
        )


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search the library"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Every kind"))] + Resource.Kind.choices
    )
    tag = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    group = forms.SlugField(required=False, max_length=120, widget=forms.HiddenInput)


class ForkForm(forms.Form):
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(), label=_("Into the library of"), empty_label=None
    )

    def __init__(self, *args, groups=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        group = cast(forms.ModelChoiceField, self.fields["group"])
        group.queryset = groups if groups is not None else Group.objects.none()


class HelpRequestForm(forms.Form):
    group = forms.ModelChoiceField(
        queryset=Group.objects.none(), label=_("Asking for"), empty_label=None
    )
    title = forms.CharField(
        label=_("Your question"),
        max_length=200,
        help_text=_("Such as “Has anyone run a council housing campaign?”"),
    )
    body = forms.CharField(
        label=_("More detail"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. What you have tried, and what would help."),
    )

    def __init__(self, *args, groups=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        group = cast(forms.ModelChoiceField, self.fields["group"])
        group.queryset = groups if groups is not None else Group.objects.none()


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. What you did, what worked, who to talk to."),
    )


class SkillsSearchForm(forms.Form):
    q = forms.CharField(label=_("Search skills and interests"), required=False, max_length=100)
