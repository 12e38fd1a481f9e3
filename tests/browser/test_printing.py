"""Printed material in the real browser: page counts of the PDFs Chromium prints, every badge
inside its label cell with no text overflowing (measured in the DOM under print media), and
every badge's QR code decoding to its wearer's page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from service.printing.layouts import LAYOUTS, PaperLayout
from service.rounds.models import PUBLISHED
from service.settings import Settings
from tests.browser.screenshots import qr_texts
from tests.factories import SeededEvent, attendee_ids, numbered_people, seed_event, store_plan
from tests.live_server import LiveServer

MM_PX = 96 / 25.4
PT_PER_MM = 72 / 25.4
# As long as an event name may be: the poster must still fit one page.
LONG_EVENT_NAME = (
    "The Very Long Named Spring Founders and Investors Mixer — Berlin 2026 Edition, "
    "with Workshops, Talks and Drinks on the Roof"
)[:120]
LONG_TOPIC = "help with seed fundraising and pitch decks for early stage climate startups in Europe and beyond"
HARD_PROFILES: list[dict[str, Any]] = [
    {
        "display_name": "Maximiliana-Konstantina Wolkenstein-Hohenberg von Trapp-Lichtenstein",
        "pronouns": "she/her/hers",
        "affiliation": "International Federation of Extremely Long Organisation Names and Associated Bodies",
        "interests": [
            "supercalifragilisticexpialidocious-hyperlongwordwithoutanybreaks",
            "climate tech",
            "fundraising",
            "kubernetes",
            "design systems",
            "public speaking",
            "open source",
        ],
        "offers": [LONG_TOPIC, "kubernetes"],
        "seeks": ["a cofounder 🚀🎉 who loves 🌍 and 👩‍💻", LONG_TOPIC],
    },
    {"display_name": "W" * 60, "interests": ["W" * 70]},
    {
        "display_name": "محمد عبد الله الفلاني",
        "pronouns": "هو",
        "affiliation": "جامعة القاهرة للعلوم والتكنولوجيا",
        "interests": ["الذكاء الاصطناعي", "التعليم", "ريادة الأعمال في الشرق الأوسط"],
        "offers": ["البرمجة بلغة بايثون"],
        "seeks": ["شركاء للاستثمار"],
    },
    {
        "display_name": "王小明",
        "affiliation": "北京大学计算机科学技术研究所",
        "interests": ["机器学习", "设计", "人工智能在医疗健康领域的应用与伦理问题研究"],
        "offers": ["产品管理和用户研究"],
        "seeks": ["投资人"],
    },
    {"display_name": "Zoë 🎉", "pronouns": "they/them", "interests": ["🎸 music", "🌱 plants"]},
    {"display_name": "Ana", "interests": [], "offers": [], "seeks": []},
    {
        "display_name": "Ben Okafor",
        "affiliation": "Climate Co",
        "interests": ["climate tech"],
        "offers": ["hiring"],
        "seeks": ["kubernetes"],
    },
]


@dataclass
class PrintEvents:
    server: LiveServer
    by_size: dict[int, SeededEvent]  # 1, 7 (the hard profiles, with 20 published rounds) and 50 people

    def badges_url(self, people: int, **params: str) -> str:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"{self.server.url}{self.by_size[people].badges_path}?{query}"


def publish_twenty_rounds(settings: Settings, seeded: SeededEvent) -> None:
    ids = sorted(attendee_ids(settings, seeded.event_id).values())
    rounds = []
    for number in range(20):
        turned = ids[number % len(ids) :] + ids[: number % len(ids)]
        groups = [{"table": str(10 + t + number), "members": turned[2 * t : 2 * t + 2]} for t in range(len(ids) // 2)]
        groups[-1]["members"] += turned[len(ids) // 2 * 2 :]
        if number % 5 == 4:
            groups = groups[1:]  # someone sits a round out: their badge shows a dash
        rounds.append(groups)
    store_plan(settings, seeded.event_id, rounds, PUBLISHED)


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrintEvents]:
    server = LiveServer(data_dir=tmp_path_factory.mktemp("printing"))
    server.migrate()
    settings = Settings.from_env(server.env())
    by_size = {
        1: seed_event(settings, numbered_people(1)),
        7: seed_event(settings, HARD_PROFILES, name=LONG_EVENT_NAME),
        50: seed_event(settings, numbered_people(50)),
    }
    publish_twenty_rounds(settings, by_size[7])
    server.start()
    yield PrintEvents(server, by_size)
    server.stop()


def pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's size in points, from the PDF's page objects."""
    boxes = re.findall(rb"/Type\s*/Page\b(?!s)[^>]*?/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    boxes = boxes or re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert len(boxes) == len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    return [(float(w), float(h)) for w, h in boxes]


def assert_page_size(pages: list[tuple[float, float]], width_mm: float, height_mm: float) -> None:
    for width, height in pages:
        assert width == pytest.approx(width_mm * PT_PER_MM, abs=1.5)
        assert height == pytest.approx(height_mm * PT_PER_MM, abs=1.5)


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_each_layout_prints_one_page_per_sheet(events: PrintEvents, print_page: Page, layout: PaperLayout) -> None:
    for people in (1, 7, 50):
        print_page.goto(events.badges_url(people, layout=layout.key))
        pages = pdf_pages(print_page.pdf(prefer_css_page_size=True, print_background=True))
        assert len(pages) == -(-people // layout.per_sheet), f"{people} people on {layout.title}"
        assert_page_size(pages, layout.page_width_mm, layout.page_height_mm)


MEASURE_BADGES = """
(mmPx) => {
  const problems = [];
  const inside = (inner, outer, slack) => inner.left >= outer.left - slack && inner.top >= outer.top - slack
      && inner.right <= outer.right + slack && inner.bottom <= outer.bottom + slack;
  const badges = [...document.querySelectorAll('.badge')];
  for (const badge of badges) {
    const name = badge.getAttribute('aria-label');
    const sheet = badge.closest('.sheet').getBoundingClientRect();
    const box = badge.getBoundingClientRect();
    const style = getComputedStyle(badge);
    const expected = {left: sheet.left + parseFloat(badge.style.left) * mmPx, top: sheet.top + parseFloat(badge.style.top) * mmPx};
    if (Math.abs(box.left - expected.left) > 1 || Math.abs(box.top - expected.top) > 1) problems.push(`${name}: not at its label's place`);
    if (!inside(box, sheet, 0.5)) problems.push(`${name}: off the sheet`);
    const pad = parseFloat(style.paddingLeft);
    const content = {left: box.left + pad, top: box.top + pad, right: box.right - pad, bottom: box.bottom - pad};
    for (const part of badge.querySelectorAll('p, .badge-body, figure, svg, table, .badge-points')) {
      const rect = part.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (!inside(rect, content, 1)) problems.push(`${name}: ${part.className || part.tagName} outside the label`);
      if (part.scrollWidth > part.clientWidth + 1 || part.scrollHeight > part.clientHeight + 1) {
        problems.push(`${name}: ${part.className || part.tagName} overflows (${part.scrollWidth}x${part.scrollHeight} in ${part.clientWidth}x${part.clientHeight})`);
      }
    }
    for (const text of badge.querySelectorAll('strong, bdi, td, th')) {
      if (!inside(text.getBoundingClientRect(), content, 1)) problems.push(`${name}: "${text.textContent}" outside the label`);
    }
  }
  return {count: badges.length, problems};
}
"""


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_badges_sit_in_their_cells_and_no_text_overflows(
    events: PrintEvents, print_page: Page, layout: PaperLayout
) -> None:
    for rounds in ("false", "true"):
        print_page.goto(events.badges_url(7, layout=layout.key, rounds=rounds))
        if rounds == "true":
            assert print_page.locator(".badge-rounds").count() >= 7
        result = print_page.evaluate(MEASURE_BADGES, MM_PX)
        assert result["count"] == 7
        assert result["problems"] == []


def test_every_badge_qr_code_opens_its_wearers_public_card(events: PrintEvents, print_page: Page) -> None:
    seeded = events.by_size[7]
    # The smallest badges carry the smallest codes.
    print_page.goto(events.badges_url(7, layout="avery-5395", rounds="true"))
    badges = print_page.locator(".badge")
    assert badges.count() == 7
    for index in range(7):
        badge = badges.nth(index)
        name = badge.get_attribute("aria-label").removeprefix("Badge: ")  # type: ignore[union-attr]
        assert qr_texts(badge.locator("svg").screenshot()) == [f"{events.server.url}/p/{seeded.public_codes[name]}"]


@pytest.mark.parametrize(("paper", "size_mm"), [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_the_check_in_poster_prints_on_exactly_one_page(
    events: PrintEvents, print_page: Page, paper: str, size_mm: tuple[float, float]
) -> None:
    print_page.goto(f"{events.server.url}/o/{events.by_size[7].organiser_token}/poster?paper={paper}")
    pages = pdf_pages(print_page.pdf(prefer_css_page_size=True, print_background=True))
    assert len(pages) == 1
    assert_page_size(pages, *size_mm)


@pytest.mark.parametrize(("paper", "size_mm"), [("a4", (210, 297)), ("letter", (215.9, 279.4))])
def test_table_cards_print_one_page_per_table_with_the_label_inside(
    events: PrintEvents, print_page: Page, paper: str, size_mm: tuple[float, float]
) -> None:
    print_page.goto(f"{events.server.url}/o/{events.by_size[7].organiser_token}/table-cards?paper={paper}&tables=12")
    pages = pdf_pages(print_page.pdf(prefer_css_page_size=True, print_background=True))
    assert len(pages) == 12
    assert_page_size(pages, *size_mm)
    overflowing = print_page.evaluate(
        """() => [...document.querySelectorAll('.table-card-half p')]
              .filter((p) => p.scrollWidth > p.clientWidth + 1 || p.scrollHeight > p.clientHeight + 1)
              .map((p) => p.textContent)"""
    )
    assert overflowing == []


def test_badge_page_options_work_for_a_person(events: PrintEvents, browser: Browser) -> None:
    """On screen: choose one person and a layout, see their badge, mark it printed (on an event of
    its own: the other tests print everyone of theirs, which marking would change)."""
    seeded = seed_event(Settings.from_env(events.server.env()), HARD_PROFILES, name=LONG_EVENT_NAME)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{events.server.url}{seeded.badges_path}")
    page.get_by_label("A6 — one 105 × 148 mm badge per A6 sheet (badge holders)").check()
    page.get_by_label("One person (for walk-ups)").check()
    page.get_by_label("Person (for “One person”)").select_option(label="Ben Okafor")
    page.get_by_role("button", name="Show these badges").click()
    assert page.locator(".badge").count() == 1
    assert page.locator(".badge").get_attribute("aria-label") == "Badge: Ben Okafor"
    page.get_by_role("button", name="Mark these 1 as printed").click()
    page.get_by_text("Marked 1 badge as printed.").wait_for()
    assert "Ben Okafor" not in page.locator(".sheets").inner_text()
    assert page.locator(".badge").count() == 6
    context.close()
