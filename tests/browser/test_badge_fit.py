"""Badge text measured in the real browser: nothing overflows, nothing is cut with "…" while
the badge still has room for all of it, long names use the room a large badge has, the printed
rounds are readable and the QR codes keep their size and decode."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page

from service.printing.badges import first_name_of
from service.printing.geometry import MIN_QR_MM
from service.printing.layouts import LAYOUTS, PaperLayout
from service.rounds.models import PUBLISHED
from service.settings import Settings
from tests.browser.screenshots import qr_texts
from tests.factories import SeededEvent, attendee_ids, seed_event, store_plan
from tests.live_server import LiveServer

MM_PX = 96 / 25.4
PT_PX = 96 / 72
ROUNDS = 20  # the most an event may have
LONG_NAME = "Maximiliane Alexandra von Hohenberg-Wittelsbach"
TWO_INTERESTS = ["climate tech", "b2b sales"]  # once printed as "climate tech, …" on an Avery 5392
PROFILES: list[dict[str, Any]] = [
    {"display_name": "Ana Lima", "interests": TWO_INTERESTS},
    {
        "display_name": LONG_NAME,
        "pronouns": "she/her",
        "affiliation": "Institute for Sustainable Urban Mobility",
        "interests": ["seed fundraising", "early stage fundraising for hardware startups"],
        "offers": ["grant writing"],
    },
    {
        "display_name": "Ben Okafor",
        "affiliation": "International Federation of Extremely Long Organisation Names and Associated Bodies",
        "interests": ["climate tech", "fundraising", "kubernetes", "design systems", "public speaking", "open source"],
        "offers": ["help with seed fundraising and pitch decks for early stage climate startups in Europe"],
        "seeks": ["a technical cofounder who loves 🌍 and 👩‍💻", "investors for a second round"],
    },
    {
        "display_name": "محمد عبد الله الفلاني",
        "affiliation": "جامعة القاهرة للعلوم والتكنولوجيا",
        "interests": ["الذكاء الاصطناعي", "التعليم", "ريادة الأعمال في الشرق الأوسط"],
    },
    {"display_name": "王小明", "affiliation": "北京大学计算机科学技术研究所", "interests": ["机器学习", "设计"]},
    {"display_name": "Zoë 🎉", "pronouns": "they/them", "interests": ["🎸 music", "🌱 plants"]},
    {"display_name": "Chen", "interests": [], "offers": [], "seeks": []},
    # A first name too long for a small label: set smaller, never cut.
    {"display_name": "Maximiliana-Konstantina Wolkenstein", "interests": ["open source"]},
]
POINT_LABELS = {"Ask me about": "interests", "I can help with": "offers", "I’m looking for": "seeks"}


@dataclass
class FitEvent:
    server: LiveServer
    seeded: SeededEvent

    def badges_url(self, layout: PaperLayout, *, rounds: bool) -> str:
        return f"{self.server.url}{self.seeded.badges_path}?layout={layout.key}&rounds={str(rounds).lower()}"


def publish_rounds(settings: Settings, seeded: SeededEvent) -> None:
    """Twenty rounds at two-digit tables, three people a table; one person sits each fifth round out."""
    ids = sorted(attendee_ids(settings, seeded.event_id).values())
    rounds = []
    for number in range(ROUNDS):
        turned = ids[number % len(ids) :] + ids[: number % len(ids)]
        seated = turned[1:] if number % 5 == 4 else turned
        rounds.append([{"table": str(10 + t + number), "members": seated[3 * t : 3 * t + 3]} for t in range(3)])
    store_plan(settings, seeded.event_id, rounds, PUBLISHED)


@pytest.fixture(scope="module")
def event(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FitEvent]:
    server = LiveServer(data_dir=tmp_path_factory.mktemp("badge-fit"))
    server.migrate()
    settings = Settings.from_env(server.env())
    seeded = seed_event(settings, PROFILES, name="Spring Founders Mixer")
    publish_rounds(settings, seeded)
    server.start()
    yield FitEvent(server, seeded)
    server.stop()


def has_emoji(text: str) -> bool:
    return any(unicodedata.category(c) == "So" or ord(c) >= 0x1F000 for c in text)


def full_texts() -> dict[str, dict[str, str | None]]:
    """What each badge would show with room for everything, by the badge's accessible name.
    None where the text has emoji: how wide they print depends on the emoji font of the
    organiser's computer (this one has none), so the server's estimate for them stays generous
    and the browser here may have room left where a computer with one would not."""
    texts: dict[str, dict[str, str | None]] = {}
    for profile in PROFILES:
        name = profile["display_name"]
        full_name = "" if name == first_name_of(name) else name
        fields = {
            "name": " · ".join(p for p in (full_name, profile.get("pronouns", "")) if p),
            "affiliation": profile.get("affiliation", ""),
            **{label: ", ".join(profile.get(key, [])) for label, key in POINT_LABELS.items()},
        }
        texts[f"Badge: {name}"] = {key: None if has_emoji(text) else text for key, text in fields.items()}
    return texts


# For each badge: anything outside the label or overflowing its box; every field cut with "…"
# whose full text, set in a copy of that field, would fit in its box plus the room left empty
# on the badge (below the talking points, and below the QR code for full-width lines).
MEASURE = """
([fullTexts]) => {
  const problems = [];
  const fields = {};
  const inside = (inner, outer, slack) => inner.left >= outer.left - slack && inner.top >= outer.top - slack
      && inner.right <= outer.right + slack && inner.bottom <= outer.bottom + slack;
  const fitsWith = (element, text, room) => {
    const probe = element.cloneNode(true);
    (probe.querySelector('bdi') || probe).textContent = text;
    Object.assign(probe.style, {height: 'auto', maxHeight: 'none', position: 'absolute', visibility: 'hidden',
                                width: element.clientWidth + 'px', left: '0', top: '0'});
    element.parentElement.appendChild(probe);
    const fits = probe.scrollWidth <= probe.clientWidth + 1 && probe.scrollHeight <= element.clientHeight + room + 1;
    probe.remove();
    return fits;
  };
  for (const badge of document.querySelectorAll('.badge')) {
    const name = badge.getAttribute('aria-label');
    const box = badge.getBoundingClientRect();
    const pad = parseFloat(getComputedStyle(badge).paddingLeft);
    const content = {left: box.left + pad, top: box.top + pad, right: box.right - pad, bottom: box.bottom - pad};
    for (const part of badge.querySelectorAll('p, .badge-body, figure, svg, table, .badge-points, strong, bdi, td, th')) {
      const rect = part.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (!inside(rect, content, 1)) problems.push(`${name}: ${part.className || part.tagName} outside the label`);
      if (part.scrollWidth > part.clientWidth + 1 || part.scrollHeight > part.clientHeight + 1) {
        problems.push(`${name}: ${part.className || part.tagName} overflows`);
      }
    }
    const body = badge.querySelector('.badge-body').getBoundingClientRect();
    const points = [...badge.querySelectorAll('.badge-point')];
    const pointsBottom = points.length ? points[points.length - 1].getBoundingClientRect().bottom : body.top;
    const pointsRoom = body.bottom - pointsBottom;
    const lineRoom = Math.min(pointsRoom, body.bottom - badge.querySelector('figure').getBoundingClientRect().bottom);
    const shown = {first: badge.querySelector('.badge-first').textContent};
    const check = (element, key, text, room) => {
      shown[key] = text;
      const full = fullTexts[name][key];
      if (full !== null && text !== full && text.includes('…') && fitsWith(element, full, room)) {
        problems.push(`${name}: ${key} cut to "${text}" though "${full}" fits`);
      }
    };
    for (const key of ['name', 'affiliation']) {
      const element = badge.querySelector(`.badge-${key}`);
      check(element, key, element.textContent, lineRoom);
      shown[key + 'Px'] = parseFloat(getComputedStyle(element).fontSize);
    }
    for (const point of points) check(point, point.querySelector('strong').textContent, point.querySelector('bdi').textContent, pointsRoom);
    const cells = [...badge.querySelectorAll('.badge-rounds td, .badge-rounds th')];
    shown.roundsPx = cells.length ? Math.min(...cells.map((c) => parseFloat(getComputedStyle(c).fontSize))) : null;
    shown.qrPx = badge.querySelector('svg').getBoundingClientRect().width;
    fields[name] = shown;
  }
  return {problems, fields};
}
"""


def measure(page: Page, url: str) -> dict[str, Any]:
    page.goto(url)
    result: dict[str, Any] = page.evaluate(MEASURE, [full_texts()])
    assert len(result["fields"]) == len(PROFILES)
    return result


@pytest.mark.parametrize("rounds", [False, True], ids=["without rounds", "with rounds"])
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_no_text_overflows_and_none_is_cut_while_the_badge_has_room(
    event: FitEvent, print_page: Page, layout: PaperLayout, rounds: bool
) -> None:
    result = measure(print_page, event.badges_url(layout, rounds=rounds))
    assert result["problems"] == []
    for profile in PROFILES:
        name = profile["display_name"]
        assert result["fields"][f"Badge: {name}"]["first"] == first_name_of(name)


def test_two_interests_print_in_full_on_an_avery_5392(event: FitEvent, print_page: Page) -> None:
    for rounds in (False, True):
        result = measure(print_page, event.badges_url(LAYOUTS["avery-5392"], rounds=rounds))
        assert result["fields"]["Badge: Ana Lima"]["Ask me about"] == ", ".join(TWO_INTERESTS)


def test_a_very_long_name_is_printed_in_full_and_largest_on_a6(event: FitEvent, print_page: Page) -> None:
    sizes = {}
    for layout in LAYOUTS.values():
        shown = measure(print_page, event.badges_url(layout, rounds=False))["fields"][f"Badge: {LONG_NAME}"]
        sizes[layout.key] = shown["namePx"]
        if layout.key == "a6":
            assert shown["name"] == f"{LONG_NAME} · she/her"
    assert sizes["a6"] > max(size for key, size in sizes.items() if key != "a6")


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_the_printed_rounds_are_at_least_8_pt_and_the_qr_codes_keep_their_size(
    event: FitEvent, print_page: Page, layout: PaperLayout
) -> None:
    result = measure(print_page, event.badges_url(layout, rounds=True))
    assert print_page.locator(".badge-rounds").count() >= len(PROFILES)
    for name, shown in result["fields"].items():
        assert shown["roundsPx"] >= 8 * PT_PX - 0.01, name
        assert shown["qrPx"] >= MIN_QR_MM * MM_PX - 0.5, name


@pytest.mark.parametrize(
    ("key", "rounds"), [("avery-5395", True), ("a4-8", False), ("avery-5392", False)], ids=lambda value: str(value)
)
def test_every_qr_code_decodes(event: FitEvent, print_page: Page, key: str, rounds: bool) -> None:
    """Avery 5395 with twenty rounds has the smallest codes; without rounds, the long name's
    badge gives up some of its code for the name's second line."""
    print_page.goto(event.badges_url(LAYOUTS[key], rounds=rounds))
    badges = print_page.locator(".badge")
    for index in range(badges.count()):
        badge = badges.nth(index)
        name = (badge.get_attribute("aria-label") or "").removeprefix("Badge: ")
        assert qr_texts(badge.locator("svg").screenshot()) == [
            f"{event.server.url}/p/{event.seeded.public_codes[name]}"
        ]
