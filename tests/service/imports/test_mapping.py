import pytest

from service.imports.detection import detect_table
from service.imports.mapping import decode_columns, encode_columns, guess_mapping, guess_tag_field, mapping_from_form
from tests.service.imports.flow import FIXTURES


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("What can you help other attendees with?", "offers"),
        ("What could you teach?", "offers"),
        ("What are you looking for help with?", "seeks"),  # a need, though it says "help"
        ("What do you hope to get out of tonight?", "seeks"),
        ("What would you like to learn?", "seeks"),
        ("Which topics interest you most?", "interests"),
        ("Wobei kannst du anderen helfen?", "offers"),
        ("Was suchst du heute?", "seeks"),
        ("Deine Interessen", "interests"),
        ("Dietary requirements", None),
        ("T-shirt size", None),
    ],
)
def test_custom_questions_are_guessed_from_their_words(header: str, field: str | None) -> None:
    assert guess_tag_field(header, plain_spreadsheet=False) == field


def test_plain_spreadsheets_name_their_lists_directly_and_short_headers_are_not_guessed() -> None:
    assert [guess_tag_field(h, True) for h in ("offers", "Seeks", "Interests", "Sucht", "Notes")] == [
        "offers",
        "seeks",
        "interests",
        "seeks",
        None,
    ]


def test_name_alternatives_follow_the_platform() -> None:
    zoom = guess_mapping(detect_table((FIXTURES / "zoom.csv").read_text()))
    assert zoom.name == ((2, 3), (1,))  # First + Last Name, else the Zoom display name
    luma = guess_mapping(detect_table((FIXTURES / "luma.csv").read_text(encoding="utf-8-sig")))
    assert luma.name == ((1,), (2, 3)) and luma.attendee_id == 0


def test_column_choices_round_trip_and_malformed_ones_read_as_none() -> None:
    assert decode_columns(encode_columns(((2, 3), (1,))), width=4) == ((2, 3), (1,))
    assert decode_columns("9|x+1|-1|", width=4) == ((1,),)
    assert decode_columns("", width=4) == ()


def test_the_organisers_choices_replace_the_guess_but_keep_the_platform_id() -> None:
    table = detect_table((FIXTURES / "tito.csv").read_text())
    guess = guess_mapping(table)
    chosen = mapping_from_form(
        {"name": "5+6", "email": "", "column_29": "interests", "column_3": "bogus"}, table, guess
    )
    assert (chosen.name, chosen.email, chosen.interests, chosen.offers) == (((5, 6),), None, (29,), ())
    assert chosen.attendee_id == guess.attendee_id == 15


def test_the_role_is_guessed_only_when_the_event_has_roles_and_a_spreadsheets_role_then_is_not_a_job_title() -> None:
    sheet = detect_table("Name,Role,Firma\nAna,Founder,Solarwerk\n")
    assert (guess_mapping(sheet).role, guess_mapping(sheet).organisation) == ((), (1, 2))
    with_roles = guess_mapping(sheet, roles=("founder", "investor"))
    assert (with_roles.role, with_roles.organisation) == ((1,), (2,))
    job_titles = guess_mapping(detect_table("Name,Role,Firma\nAna,CTO,Solarwerk\n"), roles=("founder", "investor"))
    assert (job_titles.role, job_titles.organisation) == ((), (1, 2)), "a Role of job titles stays the job title"
    text = (FIXTURES / "pretix_de.csv").read_text().replace("Deine Interessen", "Deine Rolle")
    pretix = detect_table(text.replace("Nachhaltigkeit", "Gründerin").replace("Sprachen", "Mentorin"))
    rolle, roles = pretix.header.index("Deine Rolle"), ("gründerin", "mentorin")
    assert (guess_mapping(pretix, roles).role, guess_mapping(pretix, roles).interests) == ((rolle,), ())
