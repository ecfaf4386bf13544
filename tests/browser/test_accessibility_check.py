"""The accessibility check the browser tests rely on can fail: a page with violations is caught."""

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_assert_accessible_fails_listing_each_violation(page: Page):
    page.set_content("<html><body><p>No title, no language</p><input type=text></body></html>")
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page)
    report = str(failure.value)
    for rule in ("document-title", "html-has-lang", "label"):
        assert f"- {rule} (" in report
    assert "input" in report  # the offending node's target is named
