from service.attendees.cookies import attendee_cookie, cookie_name
from service.db.models import Event
from tests.factories import make_settings


def test_the_cookie_is_private_to_this_site_and_named_for_the_event(tmp_path) -> None:  # type: ignore[no-untyped-def]
    event = Event(name="x", checkin_code="abcd2345")
    cookie = attendee_cookie(make_settings(tmp_path), event, "secret-token")
    assert cookie.key == cookie_name(event) == "mingle_me_abcd2345"
    assert (cookie.value, cookie.path, cookie.httponly, cookie.samesite) == ("secret-token", "/", True, "lax")
    assert cookie.secure is False
    secure = attendee_cookie(make_settings(tmp_path, base_url="https://mingle.example"), event, "t")
    assert secure.secure is True
