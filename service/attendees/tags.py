"""Tags (interests, "I can help with", "I'm looking for"): one way to tidy them everywhere.

People type a comma-separated list; the same tidy-up applies to the check-in form, the
organiser's form and CSV imports, so "Climate Tech", " climate  tech" and "#climate tech"
end up as one tag, spelled the way it was first written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from service.forms import clean_line
from solver.scoring.text import says_nothing

MAX_TAG_LENGTH = 40
MAX_TAGS = 10
RAW_LIMIT = 4 * MAX_TAGS * (MAX_TAG_LENGTH + 2)  # room for spaces, '#' and separators
# Commas are what the form asks for; semicolons and new lines are what spreadsheets and
# phones produce when people paste a list.
_SEPARATORS = re.compile(r"[,;\n\r]+")


def split_tags(raw: str) -> list[str]:
    return _SEPARATORS.split(raw)


def normalise_tags(parts: Iterable[str]) -> list[str]:
    """Tidy each tag and drop empties, answers that say nothing ("N/A", "TBD", "none": what a
    ticketing export has for a question left blank) and case-insensitive duplicates, keeping the
    first spelling."""
    seen: set[str] = set()
    tags: list[str] = []
    for part in parts:
        tag = clean_line(part).lstrip("#").strip()
        key = tag.casefold()
        if tag and key not in seen and not says_nothing(tag):
            seen.add(key)
            tags.append(tag)
    return tags


def parse_tags(raw: str) -> tuple[list[str], str | None]:
    """The tidy tags of one comma-separated field, and a message when they break a limit."""
    if len(raw) > RAW_LIMIT:  # far over any list the limits allow: refused before tidying it
        return (
            [],
            f"List at most {MAX_TAGS} items of up to {MAX_TAG_LENGTH} characters (this has {len(raw):,} characters).",
        )
    tags = normalise_tags(split_tags(raw))
    too_long = [tag for tag in tags if len(tag) > MAX_TAG_LENGTH]
    if too_long:
        shown = too_long[0][:MAX_TAG_LENGTH] + "…"
        return tags, f"Keep each item under {MAX_TAG_LENGTH} characters (“{shown}” is longer)."
    if len(tags) > MAX_TAGS:
        return tags, f"List at most {MAX_TAGS} items (you entered {len(tags)})."
    return tags, None


def join_tags(tags: Iterable[str]) -> str:
    return ", ".join(tags)
