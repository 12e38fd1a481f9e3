"""Matching and storing against a real SQLite file, including two imports at the same time."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.db.config import build_engine
from service.db.models import Attendee
from service.imports.mapping import guess_mapping
from service.imports.reading import ImportRefused
from service.imports.services import CHANGED_MEANWHILE, apply_import, check_people, plan_import, read_table
from service.settings import Settings
from tests.factories import make_attendee, make_event, run_async
from tests.service.imports.flow import FIXTURES


def parsed_fixture(name: str):  # type: ignore[no-untyped-def]
    table = read_table((FIXTURES / name).read_bytes())
    return check_people(table, guess_mapping(table))


def test_a_ticket_is_matched_by_its_id_even_when_the_email_changed(settings: Settings) -> None:
    async def scenario() -> tuple[int, int, str]:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine, expire_on_commit=False)() as session:
                event = await make_event(session)
                await make_attendee(session, event, display_name="Mei", contact="old@example.com")
                await apply_import(session, event, await plan_import(session, event, parsed_fixture("tito.csv")))
                mei = await session.scalar(select(Attendee).where(Attendee.external_id == "tito:ZP3K-1"))
                assert mei is not None
                mei.contact = "mei.new@example.com"  # she changed it on her phone
                plan = await plan_import(session, event, parsed_fixture("tito.csv"))
                count = await session.scalar(select(func.count()).select_from(Attendee))
                return len(plan.new), int(count or 0), plan.updates[1][0].contact
        finally:
            await engine.dispose()

    new, count, contact = run_async(scenario())
    assert (new, count) == (0, 3)  # the old "Mei" by hand, plus François and Mei from Tito
    assert contact == "mei.new@example.com"


def test_two_imports_of_the_same_tickets_at_once_store_them_once(settings: Settings) -> None:
    async def scenario() -> int:
        engine = build_engine(settings)
        sessions = async_sessionmaker(engine, expire_on_commit=False)
        try:
            async with sessions() as setup:
                event = await make_event(setup)
                await setup.commit()
            async with sessions() as first, sessions() as second:
                first_event, second_event = await first.merge(event), await second.merge(event)
                first_plan = await plan_import(first, first_event, parsed_fixture("tito.csv"))
                second_plan = await plan_import(second, second_event, parsed_fixture("tito.csv"))
                await apply_import(first, first_event, first_plan)
                await first.commit()
                with pytest.raises(ImportRefused) as refused:
                    await apply_import(second, second_event, second_plan)
                assert refused.value.problems[0].message == CHANGED_MEANWHILE
                await second.rollback()
            async with sessions() as check:
                return int(await check.scalar(select(func.count()).select_from(Attendee)) or 0)
        finally:
            await engine.dispose()

    assert run_async(scenario()) == 2
