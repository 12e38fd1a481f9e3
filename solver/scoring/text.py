"""Words as the matcher sees them: tokens, runs of words, and a deliberately small stemmer."""

from __future__ import annotations

import re
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+(?:[+#]+|(?:'s)?)", re.UNICODE)
RUN_BREAK = re.compile(r"[,;:.!?/|()&\n]")  # punctuation that ends a run of words


@lru_cache(maxsize=100_000)  # an event's profiles repeat the same few thousand words
def stem(word: str) -> str:
    """A deliberately small stemmer: enough for plurals and -ing/-ed forms ("raising" ~ "raise")."""
    word = word.lower().removesuffix("'s")
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("ing") and len(word) >= 6:
        word = word[:-3]
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
            word = word[:-1]
    elif word.endswith(("tion", "sion")) and len(word) >= 7:  # "translation" ~ "translating"
        word = word[:-3]
    elif word.endswith("ed") and len(word) >= 5:
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def words(text: str) -> list[re.Match[str]]:
    return list(TOKEN.finditer(text))


def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(m.group()) for m in words(text))
