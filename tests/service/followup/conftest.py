"""The follow-up tests' event: six people seated in a known plan (helpers in ``seeding``)."""

from __future__ import annotations

import pytest

from service.settings import Settings
from tests.service.followup.seeding import Event, seed


@pytest.fixture
def event(settings: Settings) -> Event:
    return seed(settings)
