"""Fixtures shared by the solver's tests."""

from __future__ import annotations

import socket

import pytest


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise OSError("networking is disabled in this test")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No socket can connect, for the rest of the test: models and data must load from disk."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
