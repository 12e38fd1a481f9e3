import pytest

from service.imports.preview import PREVIEW_LIFETIME_SECONDS, open_upload, seal_upload
from service.imports.reading import ImportRefused

SECRET = "test-secret"


def test_a_sealed_upload_opens_for_its_event_only_and_while_fresh() -> None:
    data = "name\nZoë\n".encode()
    fields = seal_upload(SECRET, "event-1", data, now=1000)
    assert open_upload(SECRET, "event-1", fields, now=1000 + PREVIEW_LIFETIME_SECONDS) == data
    refused = [
        ("event-2", fields, 1000),
        ("event-1", fields, 1001 + PREVIEW_LIFETIME_SECONDS),
        ("event-1", {**fields, "upload": "bmFtZQpFdmU="}, 1000),
        ("event-1", {**fields, "signature": "0" * 64}, 1000),
        ("event-1", {**fields, "upload": "%%%"}, 1000),
        ("event-1", {}, 1000),
    ]
    for event_key, sent, now in refused:
        with pytest.raises(ImportRefused):
            open_upload(SECRET, event_key, sent, now=now)
    with pytest.raises(ImportRefused):
        open_upload("another-secret", "event-1", fields, now=1000)
