"""The demo event that ``make run`` creates on an empty database, and the links it prints."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.attendees.schemas import ProfileInput
from service.attendees.services import check_in
from service.db.config import build_engine
from service.db.models import Event
from service.events import links
from service.events.schemas import EventInput
from service.events.services import create_event
from service.settings import Settings

DEMO_EVENT = EventInput(
    name="Mingle demo: Founders & Makers Evening",
    starts_at=datetime.now(UTC).replace(hour=18, minute=30, second=0, microsecond=0),
    venue="The Boiler House, 12 Canal Street",
    format="pairs",
    rounds_count=5,
    round_minutes=8,
)

# name, pronouns, affiliation, interests, "I can help with", "I'm looking for"
DEMO_PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    (
        "Ana Silva",
        "she/her",
        "Founder, SunCrate",
        "climate tech, solar, hardware",
        "supply chains, manufacturing in Asia",
        "seed fundraising, angel investors",
    ),
    (
        "Ben Okafor",
        "he/him",
        "Platform engineer, Finlo",
        "kubernetes, open source, cycling",
        "Kubernetes, cloud costs, DevOps",
        "a cofounder, product management",
    ),
    (
        "Chloé Martin",
        "she/her",
        "Angel investor",
        "fintech, climate tech, wine",
        "seed fundraising, pitch decks, term sheets",
        "climate startups, hardware founders",
    ),
    (
        "Dmitri Volkov",
        "he/him",
        "PhD student, Imperial College",
        "machine learning, robotics",
        "machine learning, PyTorch, statistics",
        "internships, career coaching, industry contacts",
    ),
    (
        "Emma Lindqvist",
        "she/her",
        "Head of People, Kindred",
        "hiring, remote work, running",
        "recruiting, interview design, employer branding",
        "data science, people analytics, HR software",
    ),
    (
        "Farah Haddad",
        "she/her",
        "UX researcher, freelance",
        "user research, accessibility, design",
        "user research, usability testing, accessibility",
        "freelance clients, brand design",
    ),
    (
        "Gabriel Costa",
        "he/him",
        "CTO, Parcelwise",
        "logistics, Go, rust",
        "system architecture, scaling databases, hiring engineers",
        "machine learning, route optimisation",
    ),
    (
        "Hana Sato",
        "she/her",
        "iOS developer, Moodly",
        "iOS, mobile apps, mental health",
        "iOS, Swift, App Store launches",
        "user research, a design partner",
    ),
    (
        "Ibrahim Diallo",
        "he/him",
        "Founder, FarmLink",
        "agritech, Africa, logistics",
        "emerging markets, agritech",
        "seed fundraising, logistics partners, mobile apps",
    ),
    (
        "Julia Nowak",
        "she/her",
        "Marketing lead, Brightside",
        "growth marketing, SEO, podcasts",
        "content marketing, SEO, press relations",
        "fintech clients, storytelling, a mentor",
    ),
    (
        "Kwame Mensah",
        "he/him",
        "Product manager, Tallyup",
        "fintech, product management, chess",
        "product management, roadmaps, pricing",
        "payments experts, machine learning",
    ),
    (
        "Lucía Fernández",
        "she/her",
        "Data scientist, HealthPath",
        "health tech, data science, climbing",
        "data science, SQL, dashboards",
        "health tech founders, a new job, interview preparation",
    ),
    (
        "Marco Rossi",
        "he/him",
        "Solicitor, startup law",
        "startups, contracts, football",
        "term sheets, contracts, company formation",
        "founders, fintech",
    ),
    (
        "Nadia Rahman",
        "she/her",
        "Founder, Loopwear",
        "circular fashion, sustainability, design",
        "sustainability, brand design",
        "manufacturing, seed fundraising, press relations",
    ),
    (
        "Oliver Grant",
        "he/him",
        "Student, design school",
        "design, typography, music",
        "illustration, brand design",
        "internships, a mentor, UX design",
    ),
    (
        "Priya Patel",
        "she/her",
        "Engineering manager, Stackline",
        "leadership, kubernetes, yoga",
        "engineering management, hiring engineers, career coaching",
        "climate tech, product management, a cofounder",
    ),
    (
        "Quentin Dubois",
        "he/him",
        "Hardware engineer, Voltaic",
        "hardware, batteries, climate tech",
        "electronics, prototyping, manufacturing",
        "seed fundraising, solar",
    ),
    (
        "Rosa Jiménez",
        "she/her",
        "Community manager, Makerspace",
        "community building, events, 3D printing",
        "community building, event planning, 3D printing",
        "sponsors, volunteers",
    ),
    (
        "Samuel Adeyemi",
        "he/him",
        "Payments engineer, Coinbridge",
        "payments, fintech, security",
        "payments, fraud prevention, security",
        "product management, open source",
    ),
    (
        "Tara Walsh",
        "she/her",
        "Journalist, TechDaily",
        "startups, media, climate tech",
        "press relations, storytelling",
        "founders with stories, climate tech",
    ),
    (
        "Uma Krishnan",
        "she/her",
        "Founder, LearnLoop",
        "edtech, teaching, machine learning",
        "teaching, curriculum design",
        "machine learning, seed fundraising, user research",
    ),
    (
        "Victor Lang",
        "he/him",
        "VC associate, Northstar Ventures",
        "venture capital, B2B SaaS, tennis",
        "fundraising, pitch decks, market sizing",
        "B2B SaaS founders, fintech",
    ),
    (
        "Wen Li",
        "she/her",
        "Full-stack developer",
        "web development, open source, games",
        "React, web development, open source",
        "a new job, career coaching",
    ),
    (
        "Xavier Moreau",
        "he/him",
        "Operations lead, Parcelwise",
        "logistics, operations, cooking",
        "operations, logistics, process design",
        "hiring, data science",
    ),
    (
        "Yara Nasser",
        "she/her",
        "Designer, Studio Nord",
        "product design, accessibility, art",
        "product design, design systems, UX design",
        "freelance clients, iOS",
    ),
    (
        "Zoe Clarke",
        "they/them",
        "Founder, Pocketvet",
        "pet health, mobile apps, startups",
        "customer interviews, B2C marketing",
        "iOS, a cofounder, angel investors",
    ),
    (
        "Amir Tehrani",
        "he/him",
        "Security consultant",
        "security, privacy, cryptography",
        "security, penetration testing, GDPR",
        "speaking opportunities, press relations",
    ),
    (
        "Beatriz Alves",
        "she/her",
        "Grants advisor, Innovate Fund",
        "public funding, climate tech, science",
        "grant applications, public funding",
        "climate startups, deep tech founders",
    ),
    (
        "Chen Wei",
        "he/him",
        "Robotics engineer, Armstrong",
        "robotics, machine learning, hardware",
        "robotics, computer vision, prototyping",
        "a cofounder, seed fundraising",
    ),
    (
        "Dalia Cohen",
        "she/her",
        "Career coach",
        "careers, leadership, writing",
        "career coaching, CVs, interview preparation",
        "community building, workshops",
    ),
]


def demo_profiles() -> list[ProfileInput]:
    def tags(text: str) -> list[str]:
        return [part.strip() for part in text.split(",") if part.strip()]

    return [
        ProfileInput(
            display_name=name,
            pronouns=pronouns,
            affiliation=affiliation,
            interests=tags(interests),
            offers=tags(offers),
            seeks=tags(seeks),
            contact=f"{name.split()[0].lower()}@example.com",
            share_contact=index % 3 != 0,
        )
        for index, (name, pronouns, affiliation, interests, offers, seeks) in enumerate(DEMO_PEOPLE)
    ]


async def ensure_demo_event(session: AsyncSession) -> tuple[Event, bool]:
    """The first event in the database; a new demo event with its attendees when there is none."""
    first = await session.scalar(select(Event).order_by(Event.created_at).limit(1))
    if first is not None:
        return first, False
    event = await create_event(session, DEMO_EVENT)
    for profile in demo_profiles():
        await check_in(session, event, profile)
    await session.commit()
    return event, True


async def _demo_links(settings: Settings) -> list[str]:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            event, created = await ensure_demo_event(session)
            return [
                f"{'Created the demo event' if created else 'Event'}: {event.name}",
                f"  Organiser dashboard (keep it secret): {links.organiser_url(settings, event)}",
                f"  Check-in page (for attendees):        {links.checkin_url(settings, event)}",
                f"  Projector screen:                     {links.screen_url(settings, event)}",
            ]
    finally:
        await engine.dispose()


def print_demo_links(settings: Settings) -> None:
    # A thread of its own, as for migrations: the caller may already be inside an event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        lines = pool.submit(asyncio.run, _demo_links(settings)).result()
    for line in lines:
        print(line, flush=True)
