"""The accountability app's views, one module per subject, re-exported here for urls.py."""

from groundwork.accountability.views.imports import (
    register_import,
    register_import_apply,
    register_imports,
)
from groundwork.accountability.views.postcodes import find
from groundwork.accountability.views.register import body, representative, representatives

__all__ = [
    "body",
    "find",
    "register_import",
    "register_import_apply",
    "register_imports",
    "representative",
    "representatives",
]
