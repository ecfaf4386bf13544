"""Operational endpoints: health, and the benchmark's framework ceiling."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static

from groundwork.core.access import access
from groundwork.core.models import AuditEntry


@access(signed_in=False)
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@access(signed_in=False)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page links: send them to the
    SVG icon, so the request is answered instead of filling the log with 404s. Not permanent: in
    production the icon's address carries its content hash, which changes when the icon does."""
    return redirect(static("img/favicon.svg"))


@access(signed_in=False)
def ceiling(request: HttpRequest) -> HttpResponse:
    """The framework ceiling for benchmarks: a bare view rendering 50 rows, no app logic."""
    rows = AuditEntry.objects.only("id", "verb", "target_label", "acted_at")[:50]
    return render(request, "core/ceiling.html", {"rows": rows})
