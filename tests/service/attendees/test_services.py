from datetime import timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.attendees import services
from service.attendees.schemas import ProfileInput
from service.domain_errors import NotFound
from service.settings import Settings
from tests.factories import in_session, make_attendee, make_event


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

    in_session(settings, scenario)


def test_people_from_a_list_are_expected_but_not_checked_in_until_marked_present(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        [listed] = await services.add_many(session, event, [ProfileInput(display_name="Listed")])
        assert listed.present and listed.checked_in_at is None
        await services.set_present(session, listed, True)
        assert listed.checked_in_at is not None

    in_session(settings, scenario)


def test_suggestions_are_this_events_tags_most_used_first_in_their_first_spelling(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        other = await make_event(session, name="Other")
        await make_attendee(session, event, interests=["Climate Tech", "chess"], offers=["SEO"])
        await make_attendee(session, event, interests=["climate tech"], seeks=["seo"])
        await make_attendee(session, other, interests=["secret other-event tag"])
        assert await services.tag_suggestions(session, event) == ["chess", "Climate Tech", "SEO"]

    in_session(settings, scenario)


def test_attendees_are_found_only_within_their_event(settings: Settings) -> None:
    async def scenario(session: AsyncSession) -> None:
        event = await make_event(session)
        other = await make_event(session, name="Other")
        person = await make_attendee(session, event)
        assert await services.attendee_in_event(session, event, str(person.id)) is person
        assert await services.attendee_of_event_by_token(session, other, person.token) is None
        for bad in (str(person.id)[:-1], "x"):
            with pytest.raises(NotFound):
                await services.attendee_in_event(session, event, bad)
        with pytest.raises(NotFound):
            await services.attendee_in_event(session, other, str(person.id))
        assert await services.count_attendees(session, event) == 1

    in_session(settings, scenario)
