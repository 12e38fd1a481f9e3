import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.attendees.contact import CONTACT_HELP, contact_href, parse_contact


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ana@example.com", "ana@example.com"),
        ("https://example.com/ana", "https://example.com/ana"),
        ("linkedin.com/in/ana", "https://linkedin.com/in/ana"),
        ("HTTP://Example.org", "HTTP://Example.org"),
        ("", ""),
    ],
)
def test_emails_and_links_are_accepted(typed: str, stored: str) -> None:
    assert parse_contact(typed) == (stored, None)


@pytest.mark.parametrize(
    "typed",
    [
        "javascript:alert(1)",
        "ana@",
        "not a contact",
        "@ana",
        "https://user:pw@example.com",
        '"><img src=x onerror=alert(1)>',
        "[",
        "http://[::1",
        "example.com:99999999",
    ],
)
def test_anything_else_gets_a_clear_message(typed: str) -> None:
    assert parse_contact(typed)[1] == CONTACT_HELP


def test_an_overlong_contact_is_reported() -> None:
    assert parse_contact("a" * 300 + "@example.com")[1] == "Use at most 200 characters."


def test_only_emails_and_http_links_become_links() -> None:
    assert contact_href("ana@example.com") == "mailto:ana@example.com"
    assert contact_href("https://example.com") == "https://example.com"
    assert contact_href("javascript:alert(1)") is None


@given(st.text(max_size=250))
def test_any_text_is_either_a_safe_contact_or_explained(text: str) -> None:
    stored, message = parse_contact(text)
    if message is None:
        assert stored == "" or contact_href(stored) is not None
