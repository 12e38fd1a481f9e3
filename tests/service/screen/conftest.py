"""The screen's tests use the rounds tests' seeded event."""

from tests.service.rounds.conftest import seeded  # noqa: F401  (a fixture)
