"""Mingle's web service: events, check-in, rounds, live screens and printed material."""
