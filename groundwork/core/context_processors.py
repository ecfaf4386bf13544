from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    """The site's name (SITE_NAME), as every page's title and the sign-in pages show it."""
    return {"site_name": settings.SITE_NAME}
