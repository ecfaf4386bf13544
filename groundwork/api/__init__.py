"""The REST API (/api/v1/, django-ninja), personal access tokens and webhooks."""
