import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.printing import make_glyph_widths
from service.printing.fit import (
    ELLIPSIS,
    PT_MM,
    SAFETY,
    FittedBlock,
    char_em,
    fit_block,
    fit_items,
    fit_line,
    join_words,
    lines_needed,
    text_em,
    words_of,
    wrapped_lines,
)


def test_wide_scripts_and_emoji_count_wider_than_latin_and_marks_count_nothing() -> None:
    assert char_em("王") > char_em("a") > char_em("i")
    assert char_em("🎉") > char_em("王")
    assert char_em("\u0301") == 0  # combining acute accent
    assert char_em("\u200d") == 0  # zero-width joiner
    assert text_em("Ana", bold=True) > text_em("Ana")


def test_words_split_at_spaces_and_between_chinese_characters() -> None:
    assert [w.text for w in words_of("climate  tech")] == ["climate", "tech"]
    assert [(w.text, w.spaced) for w in words_of("机器 学习")] == [
        ("机", False),
        ("器", False),
        ("学", True),
        ("习", False),
    ]
    assert join_words(words_of("  a  b ")) == "a b"


def test_lines_needed_wraps_at_spaces_and_breaks_words_longer_than_a_line() -> None:
    one_em_words = words_of("mm mm mm")  # each "mm" is about 2 em
    assert lines_needed(one_em_words, line_em=100) == 1
    assert lines_needed(one_em_words, line_em=3) == 3
    assert lines_needed(words_of("m" * 30), line_em=10) == 4


def test_a_bold_label_takes_room_on_the_first_line() -> None:
    text = words_of("climate tech")
    assert lines_needed(text, 12) == 1
    assert lines_needed(text, 12, bold_prefix=words_of("Ask me about")) > 1


def test_fit_line_keeps_the_largest_size_that_fits() -> None:
    short = fit_line("Ana", 100, max_pt=40, min_pt=20, bold=True)
    assert short.text == "Ana" and short.size_pt == 40
    longer = fit_line("Maximiliana", 70, max_pt=40, min_pt=20, bold=True)
    assert longer.text == "Maximiliana" and 20 <= longer.size_pt < 40


def test_fit_line_shortens_at_a_word_boundary_below_the_smallest_size() -> None:
    fitted = fit_line("International Federation of Extremely Long Organisation Names", 40, max_pt=11, min_pt=9)
    assert fitted.size_pt == 9
    assert fitted.text.endswith(ELLIPSIS)
    assert "International Federation of Extremely Long Organisation Names".startswith(fitted.text[:-1])
    assert fitted.text[:-1].split()[-1] in [
        "International",
        "Federation",
        "of",
        "Extremely",
        "Long",
        "Organisation",
        "Names",
    ]


def test_fit_line_sets_a_single_huge_word_smaller_rather_than_cutting_it() -> None:
    word = "W" * 60
    fitted = fit_line(word, 50, max_pt=40, min_pt=20, bold=True)
    assert fitted.text == word
    assert fitted.size_pt < 20
    assert text_em(word, bold=True) * fitted.size_pt * 25.4 / 72 <= 50


def test_fit_items_skips_an_item_too_long_for_the_room_but_keeps_later_ones() -> None:
    items = ["supercalifragilisticexpialidocious-hyperlongword", "climate tech", "design"]
    assert fit_items("Ask me about", items, line_em=30, max_lines=1) == "climate tech, design, …"


def test_fit_items_prefers_whole_items_and_says_when_some_are_left_out() -> None:
    items = ["climate tech", "fundraising", "kubernetes", "design systems"]
    assert (
        fit_items("Ask me about", items, line_em=200, max_lines=1)
        == "climate tech, fundraising, kubernetes, design systems"
    )
    shortened = fit_items("Ask me about", items, line_em=30, max_lines=1)
    assert shortened.endswith(", " + ELLIPSIS)
    assert shortened.removesuffix(", " + ELLIPSIS).split(", ") == items[: len(shortened.split(", ")) - 1]


def test_fit_items_shortens_a_too_long_first_item_word_by_word() -> None:
    item = "help with seed fundraising and pitch decks for early stage climate startups in Europe"
    text = fit_items("I can help with", [item], line_em=25, max_lines=2)
    assert text.endswith(ELLIPSIS)
    assert item.startswith(text[:-1]) and item[len(text) - 1] == " "


def test_fit_items_is_empty_without_items() -> None:
    assert fit_items("Ask me about", ["", "  "], line_em=30, max_lines=2) == ""


words = st.text(alphabet=st.sampled_from("abcXYZ 王学🎉مح-"), min_size=0, max_size=80)


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    remaining = iter(whole)
    return all(any(p == w for w in remaining) for p in part)


@given(item_list=st.lists(words, max_size=6), line_em=st.floats(min_value=4, max_value=60), lines=st.integers(1, 4))
def test_fitted_items_fit_and_never_cut_a_word(item_list: list[str], line_em: float, lines: int) -> None:
    text = fit_items("Ask me about", item_list, line_em, lines)
    if not text:
        return
    assert lines_needed(words_of(text), line_em, bold_prefix=words_of("Ask me about")) <= lines
    clean = [" ".join(i.split()) for i in item_list if i.strip()]
    if text.endswith(", " + ELLIPSIS) or ELLIPSIS not in text:
        # Whole items, in their order.
        assert is_subsequence(text.removesuffix(", " + ELLIPSIS).split(", "), clean)
    else:
        # The first item, cut where a line could break: after a whole word (or a Chinese
        # character); only punctuation trailing that word may go.
        kept = text.removesuffix(ELLIPSIS)
        pieces = words_of(clean[0])
        breaks = {join_words(pieces[:k]).rstrip(",;:·-–—") for k in range(1, len(pieces))}
        assert kept in breaks


@given(text=words, width=st.floats(min_value=10, max_value=120))
def test_a_fitted_line_fits_its_width(text: str, width: float) -> None:
    fitted = fit_line(text, width, max_pt=30, min_pt=12, bold=True)
    assert text_em(fitted.text, bold=True) * fitted.size_pt * 25.4 / 72 <= width + 1e-6


def test_widths_are_dejavu_sans_own_with_a_small_margin() -> None:
    assert char_em("m") == pytest.approx(0.974 * SAFETY)
    assert char_em("i") == pytest.approx(0.278 * SAFETY)
    assert char_em("a", True) == pytest.approx(0.675 * SAFETY)
    assert text_em("climate tech") == pytest.approx(6.209 * SAFETY, abs=0.01)  # as Chromium sets it


def test_the_width_table_is_the_installed_fonts() -> None:
    """The table was written from the fonts the browser tests print with (fonts-dejavu-core)."""
    stored = json.loads(Path(make_glyph_widths.OUTPUT).read_text(encoding="utf-8"))
    assert stored == {weight: make_glyph_widths.widths_of(path) for weight, path in make_glyph_widths.FONTS.items()}


def test_an_emoji_sequence_counts_as_one_emoji() -> None:
    assert text_em("👩\u200d💻") == text_em("👩")


def test_a_line_may_break_after_a_hyphen_between_letters() -> None:
    assert [w.text for w in words_of("Hohenberg-Wittelsbach e-5 -abc")] == ["Hohenberg-", "Wittelsbach", "e-5", "-abc"]
    assert join_words(words_of("Hohenberg-Wittelsbach")) == "Hohenberg-Wittelsbach"


def test_a_list_that_fits_whole_needs_no_room_for_an_ellipsis() -> None:
    label, items = "Ask me about", ["climate tech", "b2b sales"]
    exact = text_em(label, bold=True) + char_em(" ") + text_em("climate tech, b2b sales") + 1e-6
    assert fit_items(label, items, line_em=exact, max_lines=1) == "climate tech, b2b sales"
    assert fit_items(label, items, line_em=exact - 0.01, max_lines=1) == "climate tech, …"


def test_a_block_keeps_one_line_when_it_can_and_wraps_at_full_size_before_cutting() -> None:
    name = "Maximiliane Alexandra von Hohenberg-Wittelsbach"
    assert fit_block("Ana", 50, max_pt=11, min_pt=9, max_lines=3) == FittedBlock("Ana", 11, 1)
    wrapped = fit_block(name, 75, max_pt=11, min_pt=8.8, max_lines=3, bold=True)
    assert (wrapped.text, wrapped.size_pt, wrapped.lines) == (name, 11, 2)
    cut = fit_block(name, 30, max_pt=11, min_pt=8.8, max_lines=2, bold=True)
    assert cut.size_pt == 8.8 and cut.lines == 2 and cut.text.endswith(ELLIPSIS)
    assert name.startswith(cut.text[:-1]) and name[len(cut.text) - 1] in " -"
    assert fit_block(name, 60, max_pt=11, min_pt=8.8, max_lines=1, bold=True).lines == 1


@given(text=words, width=st.floats(min_value=10, max_value=120), max_lines=st.integers(1, 3))
def test_a_fitted_block_fits_its_lines(text: str, width: float, max_lines: int) -> None:
    block = fit_block(text, width, max_pt=14, min_pt=11, max_lines=max_lines, bold=True)
    assert 1 <= block.lines <= max_lines
    if block.lines > 1:
        assert wrapped_lines(words_of(block.text), width / (block.size_pt * PT_MM), bold=True) <= block.lines
    else:
        assert text_em(block.text, bold=True) * block.size_pt * PT_MM <= width + 1e-6


def test_a_whole_line_is_set_smaller_rather_than_cut() -> None:
    name = "Maximiliana-Konstantina"
    assert fit_line(name, 60, max_pt=32, min_pt=18, bold=True).text == "Maximiliana…"
    whole = fit_line(name, 60, max_pt=32, min_pt=18, bold=True, whole=True)
    assert whole.text == name and whole.size_pt < 18
    assert text_em(name, bold=True) * whole.size_pt * PT_MM <= 60
