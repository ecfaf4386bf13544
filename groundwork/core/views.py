"""Operational endpoints: health, and the benchmark's framework ceiling."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from groundwork.core.access import access
from groundwork.core.models import AuditEntry


@access(signed_in=False)
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@access(signed_in=False)
def ceiling(request: HttpRequest) -> HttpResponse:
    """The framework ceiling for benchmarks: a bare view rendering 50 rows, no app logic."""
    rows = AuditEntry.objects.only("id", "verb", "target_label", "acted_at")[:50]
    return render(request, "core/ceiling.html", {"rows": rows})
