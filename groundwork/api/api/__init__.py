"""The REST API at /api/v1/ (django-ninja): one module of endpoints per kind of resource."""
