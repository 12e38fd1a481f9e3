from hypothesis import given
from hypothesis import strategies as st

from service.attendees.tags import MAX_TAG_LENGTH, MAX_TAGS, join_tags, normalise_tags, parse_tags, split_tags


def test_tags_are_trimmed_collapsed_and_deduplicated_case_insensitively() -> None:
    tags, error = parse_tags(" Climate  Tech, climate tech,#climate tech , Kubernetes,,  ")
    assert error is None
    assert tags == ["Climate Tech", "Kubernetes"]


def test_semicolons_and_new_lines_also_separate_tags() -> None:
    assert split_tags("a;b\nc,d") == ["a", "b", "c", "d"]


def test_a_tag_over_the_length_limit_is_reported_not_cut() -> None:
    tags, error = parse_tags("ok, " + "x" * (MAX_TAG_LENGTH + 1))
    assert error is not None and f"under {MAX_TAG_LENGTH} characters" in error
    assert tags[1] == "x" * (MAX_TAG_LENGTH + 1)


def test_too_many_tags_are_reported_with_the_count() -> None:
    _, error = parse_tags(", ".join(f"tag {i}" for i in range(MAX_TAGS + 2)))
    assert error == f"List at most {MAX_TAGS} items (you entered {MAX_TAGS + 2})."


def test_exactly_the_maximum_is_fine() -> None:
    tags, error = parse_tags(", ".join(f"tag {i}" for i in range(MAX_TAGS)))
    assert error is None and len(tags) == MAX_TAGS


def test_emoji_and_right_to_left_tags_survive() -> None:
    assert parse_tags("🌱 climate, تصميم") == (["🌱 climate", "تصميم"], None)


@given(st.lists(st.text(max_size=30), max_size=15))
def test_normalised_tags_are_tidy_and_unique(parts: list[str]) -> None:
    tags = normalise_tags(parts)
    assert all(tag and tag == tag.strip() and "  " not in tag for tag in tags)
    assert len({tag.casefold() for tag in tags}) == len(tags)
    assert normalise_tags(tags) == tags  # tidying twice changes nothing


@given(st.lists(st.text(alphabet=st.characters(blacklist_characters=",;\n\r"), max_size=20), max_size=8))
def test_joined_tags_split_back_to_the_same_tags(parts: list[str]) -> None:
    tags = normalise_tags(parts)
    assert normalise_tags(split_tags(join_tags(tags))) == tags


def test_answers_that_say_nothing_are_not_tags() -> None:
    # What a ticketing export has for a question left blank, and what people type to skip one.
    assert parse_tags("N/A") == ([], None)
    assert parse_tags("n/a; TBD; none; -; ?; climate tech; nothing; No") == (["climate tech"], None)
    assert parse_tags("no recruiters please, nonprofit boards") == (["no recruiters please", "nonprofit boards"], None)
