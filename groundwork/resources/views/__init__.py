"""Library pages, help between groups and the skills directory."""

from groundwork.resources.views.help import (
    help_answer,
    help_create,
    help_detail,
    help_list,
    help_mark,
    help_save,
)
from groundwork.resources.views.library import (
    create,
    delete,
    detail,
    download,
    edit,
    fork,
    library,
)
from groundwork.resources.views.skills import skills

__all__ = [
    "create",
    "delete",
    "detail",
    "download",
    "edit",
    "fork",
    "help_answer",
    "help_create",
    "help_detail",
    "help_list",
    "help_mark",
    "help_save",
    "library",
    "skills",
]
