"""How a person is called where space is short (projector, badges, the name index)."""

from __future__ import annotations


def name_words(display_name: str) -> list[str]:
    """The words of a name from the first one with a letter in it: a name that starts with an
    emoji or a symbol ("🎉 Zoë Park") is called by its first real word ("Zoë")."""
    words = display_name.split()
    for index, word in enumerate(words):
        if any(char.isalpha() for char in word):
            return words[index:]
    return words


def first_name(display_name: str) -> str:
    words = name_words(display_name)
    return words[0] if words else ""
