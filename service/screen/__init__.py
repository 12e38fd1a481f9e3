"""The public projector screen: round, countdown and who sits where, first names only."""
