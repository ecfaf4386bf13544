"""The API app's models, one module per feature; each is re-exported here."""

from groundwork.api.models.tokens import AccessToken

__all__ = ["AccessToken"]
