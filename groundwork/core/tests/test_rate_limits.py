"""The client's address behind a proxy, and the deploy check that rate limits share their counts."""

from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory, override_settings

from groundwork.core.checks import rate_limits_need_a_shared_cache
from groundwork.core.rate_limits import client_address


def request_from(remote_addr: str, **headers: str) -> HttpRequest:
    environ: dict[str, Any] = {"REMOTE_ADDR": remote_addr, **headers}
    return RequestFactory().post("/", **environ)


@override_settings(GROUNDWORK_CLIENT_IP_HEADER="")
def test_without_a_proxy_header_the_address_is_the_connections():
    request = request_from("192.0.2.1", HTTP_X_REAL_IP="203.0.113.7")
    assert client_address(request) == "192.0.2.1"


@override_settings(GROUNDWORK_CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
def test_behind_the_proxy_the_address_is_the_first_in_its_header():
    request = request_from("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7, 10.0.0.1")
    assert client_address(request) == "203.0.113.7"
    assert client_address(request_from("10.0.0.2")) == "10.0.0.2"


def caches_with(backend: str) -> dict:
    return {"default": {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:6379/0"}}


def test_the_deploy_check_warns_when_rate_limits_count_in_one_process_memory():
    with override_settings(CACHES=caches_with("django.core.cache.backends.locmem.LocMemCache")):
        warnings = rate_limits_need_a_shared_cache(None)
    assert [warning.id for warning in warnings] == ["core.W001"]
    with override_settings(CACHES=caches_with("django.core.cache.backends.redis.RedisCache")):
        assert rate_limits_need_a_shared_cache(None) == []
