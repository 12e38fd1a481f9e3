import pytest

from service.imports.detection import detect_table
from service.imports.mapping import guess_mapping
from service.imports.people import parse_people
from service.imports.reading import MAX_IMPORT_ROWS, ImportRefused


def parsed(text: str):  # type: ignore[no-untyped-def]
    table = detect_table(text)
    return parse_people(table, guess_mapping(table))


def test_rows_without_a_name_and_repeats_are_skipped_with_their_reason() -> None:
    result = parsed("name,email\nAna,ana@example.com\n,nobody@example.com\nAna S.,ANA@example.com\n")
    assert [person.display_name for person in result.people] == ["Ana"]
    assert [(skip.line, skip.reason) for skip in result.skipped] == [(3, "no name"), (4, "same person as line 2")]


def test_first_and_last_name_are_joined_and_tags_split_on_commas_semicolons_and_new_lines() -> None:
    result = parsed('First name,Last name,offers\nJörg,Müller,"Python; SQL\nDjango, python"\n')
    [person] = result.people
    assert (person.display_name, person.offers) == ("Jörg Müller", ["Python", "SQL", "Django"])


def test_every_bad_row_is_reported_and_nobody_is_returned() -> None:
    with pytest.raises(ImportRefused) as refused:
        parsed("name,email\nAna,not-an-email\nBen,ben@example.com\n" + "C" * 81 + ",\n")
    assert [(problem.line, problem.message.split(":")[0]) for problem in refused.value.problems] == [
        (2, "email"),
        (4, "name"),
    ]


def test_long_answers_are_shortened_with_a_note_instead_of_refusing_the_file() -> None:
    answer = "I would really love to meet people who build open hardware for farms"
    many = ", ".join(f"topic {n}" for n in range(12))
    result = parsed(f'name,looking for,interests\nAna,{answer},"{many}"\n')
    [person] = result.people
    assert person.seeks == ["I would really love to meet people who…"]  # cut at a word, 40 characters
    assert len(person.interests) == 10
    assert [note.message for note in result.notes] == [
        "Looking for: long answers shortened to 40 characters.",
        "Interests: only the first 10 of 12 items kept.",
    ]


def test_a_file_with_too_many_people_is_refused() -> None:
    rows = "".join(f"Person {n}\n" for n in range(MAX_IMPORT_ROWS + 1))
    with pytest.raises(ImportRefused) as refused:
        parsed("name\n" + rows)
    assert "more than 2,000 people" in refused.value.problems[0].message


def test_questions_answered_with_n_a_or_left_as_none_give_no_tags() -> None:
    result = parsed('name,looking for,offers\nAna,N/A,none\nBen,TBD,"fundraising; n/a"\n')
    assert [(person.seeks, person.offers) for person in result.people] == [([], []), ([], ["fundraising"])]
