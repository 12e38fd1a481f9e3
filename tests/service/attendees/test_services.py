from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from litestar.exceptions import NotFoundException
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.attendees import services
from service.attendees.schemas import ProfileInput
from service.db.config import build_engine
from service.settings import Settings
from tests.factories import make_attendee, make_event, run_async

Scenario = Callable[[AsyncSession], Awaitable[None]]


def run_with_session(settings: Settings, scenario: Scenario) -> None:
    async def main() -> None:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                await scenario(session)
        finally:
            await engine.dispose()

    run_async(main())


def test_the_list_is_newest_arrival_first(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        early = await make_attendee(session, event, display_name="Early")
        late = await make_attendee(session, event, display_name="Late")
        assert early.checked_in_at is not None
        late.checked_in_at = early.checked_in_at + timedelta(minutes=5)
        assert [a.display_name for a in await services.list_attendees(session, event)] == ["Late", "Early"]
        await services.set_present(session, early, False)
        await services.set_present(session, early, True)
        assert early.checked_in_at < late.checked_in_at  # marking present again keeps the first arrival

    run_with_session(settings, scenario)


def test_people_from_a_list_are_expected_but_not_checked_in_until_marked_present(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        [listed] = await services.add_many(session, event, [ProfileInput(display_name="Listed")])
        assert listed.present and listed.checked_in_at is None
        await services.set_present(session, listed, True)
        assert listed.checked_in_at is not None

    run_with_session(settings, scenario)


def test_suggestions_are_this_events_tags_most_used_first_in_their_first_spelling(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        other = await make_event(session, name="Other")
        await make_attendee(session, event, interests=["Climate Tech", "chess"], offers=["SEO"])
        await make_attendee(session, event, interests=["climate tech"], seeks=["seo"])
        await make_attendee(session, other, interests=["secret other-event tag"])
        assert await services.tag_suggestions(session, event) == ["chess", "Climate Tech", "SEO"]

    run_with_session(settings, scenario)


def test_attendees_are_found_only_within_their_event(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        other = await make_event(session, name="Other")
        person = await make_attendee(session, event)
        assert await services.attendee_in_event(session, event, str(person.id)) is person
        assert await services.attendee_of_event_by_token(session, other, person.token) is None
        for bad in (str(person.id)[:-1], "x"):
            with pytest.raises(NotFoundException):
                await services.attendee_in_event(session, event, bad)
        with pytest.raises(NotFoundException):
            await services.attendee_in_event(session, other, str(person.id))
        assert await services.count_attendees(session, event) == 1

    run_with_session(settings, scenario)
