from service.forms import FieldErrors, checked_int, checked_line, clean_line, form_checked, form_text


def test_clean_line_trims_and_collapses_whitespace() -> None:
    assert clean_line("  Ana \t  Silva \n") == "Ana Silva"


def test_clean_line_removes_control_and_bidi_override_characters() -> None:
    assert clean_line("Ana\x00\x07Silva") == "Ana Silva"
    assert clean_line("\u202eevil\u202c name") == "evil name"


def test_clean_line_keeps_emoji_and_right_to_left_text() -> None:
    assert clean_line("👩‍💻 سارة") == "👩‍💻 سارة"  # the joiner inside the emoji survives


def test_clean_line_normalises_to_composed_form() -> None:
    assert clean_line("Chloe\u0301") == "Chloé"


def test_checked_line_reports_missing_required_text() -> None:
    errors: FieldErrors = {}
    assert checked_line(errors, "name", "   ", limit=10, required_message="Name please.") == ""
    assert errors == {"name": "Name please."}


def test_checked_line_reports_text_over_the_limit_with_its_length() -> None:
    errors: FieldErrors = {}
    checked_line(errors, "name", "x" * 10_240, limit=80)
    assert errors["name"] == "Use at most 80 characters (this has 10,240)."


def test_checked_int_accepts_the_range_and_explains_anything_else() -> None:
    errors: FieldErrors = {}
    assert checked_int(errors, "n", " 7 ", low=1, high=20, label="the number") == 7
    assert errors == {}
    checked_int(errors, "n", "seven", low=1, high=20, label="the number")
    assert errors["n"] == "Enter the number as a whole number from 1 to 20."
    errors.clear()
    checked_int(errors, "n", "21", low=1, high=20, label="the number")
    assert errors["n"] == "The number must be from 1 to 20."


def test_form_values_that_are_not_text_read_as_empty() -> None:
    form = {"name": "Ana", "file": object(), "box": "yes"}
    assert form_text(form, "name") == "Ana"
    assert form_text(form, "file") == ""
    assert form_text(form, "missing") == ""
    assert form_checked(form, "box") and not form_checked(form, "missing")
