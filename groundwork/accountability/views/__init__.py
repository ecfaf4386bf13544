"""The accountability app's views, one module per subject, re-exported here for urls.py."""

from groundwork.accountability.views.postcodes import find
from groundwork.accountability.views.register import body, representative, representatives

__all__ = ["body", "find", "representative", "representatives"]
