from groundwork.core.markdown import render_markdown


def test_markdown_renders_emphasis_lists_and_links():
    html = render_markdown("**Save** the library\n\n- one\n- two\n\n[council](https://example.org)")
    assert "<strong>Save</strong>" in html
    assert "<li>one</li>" in html
    assert '<a href="https://example.org" rel="nofollow noopener noreferrer">council</a>' in html


def test_markdown_cannot_inject_script_or_event_handlers():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3))'
    )
    # What was typed as HTML shows as text; nothing becomes an element or a live link.
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<img" not in html
    assert 'href="javascript' not in html
