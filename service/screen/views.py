"""What the projector shows: the tables of the round under way (or coming next) and an index of
first names. Public, so first names and table labels only. Plain data for the templates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from service.attendees.names import name_words
from service.db.models import Attendee, Event
from service.rounds.clock import FINISHED, PAUSED, ClockState
from service.rounds.live_state import Countdown, countdown, display_round
from service.rounds.seating import Seating, table_sort_key


def first_names(attendees: Iterable[Attendee]) -> dict[str, str]:
    """What the projector shows for each attendee: the first name, plus the next name's initial
    when two people share a first name (never anything more)."""
    split = {str(a.id): (name_words(a.display_name) or ["?"]) for a in attendees}
    counts = Counter(words[0].casefold() for words in split.values())
    names: dict[str, str] = {}
    for person_id, words in split.items():
        first = words[0]
        if counts[first.casefold()] > 1 and len(words) > 1:
            first = f"{first} {words[1][0]}."
        names[person_id] = first
    return names


@dataclass(frozen=True)
class ScreenTable:
    label: str
    names: list[str]


@dataclass
class ScreenView:
    event_name: str
    published: bool
    total_rounds: int = 0
    clock: Countdown | None = None
    round_number: int | None = None
    under_way: bool = False
    paused: bool = False
    finished: bool = False
    tables: list[ScreenTable] = field(default_factory=list)
    index: list[tuple[str, str]] = field(default_factory=list)  # (first name, table label)


def screen_view(
    event: Event,
    seating: Seating | None,
    state: ClockState,
    short_names: Mapping[str, str],
    now: datetime,
) -> ScreenView:
    view = ScreenView(event_name=event.name, published=seating is not None)
    if seating is None:
        return view
    view.total_rounds = len(seating)
    view.clock = countdown(state, now)
    view.finished = state.phase == FINISHED
    view.under_way = state.is_under_way()
    view.paused = state.phase == PAUSED
    view.round_number = display_round(state, view.total_rounds)
    if view.round_number is None:
        return view
    tables = sorted(seating[view.round_number - 1], key=lambda t: table_sort_key(t.label))
    for table in tables:
        names = sorted((short_names.get(m, "") for m in table.members), key=str.casefold)
        view.tables.append(ScreenTable(label=table.label, names=[n for n in names if n]))
        view.index.extend((name, table.label) for name in names if name)
    view.index.sort(key=lambda item: (item[0].casefold(), table_sort_key(item[1])))
    return view
