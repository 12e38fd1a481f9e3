from service.attendees.forms import parse_profile, profile_form_values


def test_a_complete_profile_is_tidied() -> None:
    profile, errors = parse_profile(
        {
            "display_name": "  Ana   Silva ",
            "pronouns": "she/her",
            "affiliation": "SunCrate",
            "interests": "solar, Solar",
            "offers": "supply chains",
            "seeks": "seed fundraising",
            "contact": "ana@example.com",
            "share_contact": "yes",
        }
    )
    assert errors == {}
    assert profile is not None
    assert profile.display_name == "Ana Silva"
    assert profile.interests == ["solar"]
    assert profile.share_contact is True


def test_only_a_name_is_required() -> None:
    profile, errors = parse_profile({"display_name": "Ben"})
    assert errors == {} and profile is not None
    assert profile.interests == [] and profile.contact == "" and profile.share_contact is False


def test_every_problem_is_reported_next_to_its_field() -> None:
    profile, errors = parse_profile(
        {
            "display_name": " \t ",
            "pronouns": "p" * 41,
            "affiliation": "a" * 10_240,
            "interests": "x" * 41,
            "contact": "nope",
        }
    )
    assert profile is None
    assert set(errors) == {"display_name", "pronouns", "affiliation", "interests", "contact"}
    assert "name" in errors["display_name"]
    assert "10,240" in errors["affiliation"]


def test_html_is_kept_as_text_for_escaping_later() -> None:
    profile, _ = parse_profile({"display_name": '"><img src=x onerror=alert(1)>'})
    assert profile is not None and profile.display_name == '"><img src=x onerror=alert(1)>'


def test_form_values_keep_exactly_what_was_typed() -> None:
    values = profile_form_values({"display_name": "  Ana ", "share_contact": "yes", "file": object()})
    assert values["display_name"] == "  Ana "
    assert values["share_contact"] == "yes"
    assert values["interests"] == ""
