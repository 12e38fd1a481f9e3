"""Words as the matcher sees them: the entries of a field, tokens, runs of words, and a
deliberately small stemmer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

TOKEN = re.compile(r"[^\W_]+(?:[+#]+|(?:'s)?)", re.UNICODE)
RUN_BREAK = re.compile(r"[,;:.!?/|()&\n]")  # punctuation that ends a run of words
ENTRY_BREAK = re.compile(r"[,;\n/|]+")  # punctuation between the things one field lists
# An entry that says what someone does not want or do ("no recruiters please", "not fundraising
# right now", "we're not hiring", "kein Marketing", "pas de recruteurs"): the negation opens the
# entry, optionally after who says it. Not when the word is part of a term ("no-code", "nothing-but").
NEGATED = re.compile(
    r"\s*(?:(?:i|i'm|im|i am|we|we're|we are|currently|right now|please)\s+)?"
    r"(?:no|not|none|nothing|never|don't|dont|do not|anything but|except"
    r"|kein\w*|nicht|nichts|nada|ningún|ninguna|ninguno|pas|aucun|aucune|rien|jamais)(?![-\w])",
    re.IGNORECASE,
)
TERMS_THAT_START_NEGATED = re.compile(r"\s*no\s+code\b", re.IGNORECASE)
# What people (and ticketing exports) put where they have no answer: as a whole entry it says
# nothing, but two people who both wrote "N/A" or "anything" would be matched as twins.
FILLER = re.compile(
    r"\W*(?:n\W?a|n\W?v|k\W?a|tbd|tba|tbc|idk|dunno|not sure(?: yet)?|no idea|unsure|etc"
    r"|any|anything(?: really)?|everything|whatever|all of the above|see above|same as above"
    r"|open to anything|various|misc|other|others|stuff|sonstiges|divers|otros|otras|autres?)\W*",
    re.IGNORECASE,
)
# A bare "none" or "no" as an answer (a sentence that opens with one is ``NEGATED``, and stays a tag).
BARE_NO = re.compile(r"\W*(?:no|none|nope|nothing|nada|ninguno|kein|keine|nichts|rien|aucun|aucune)\W*", re.IGNORECASE)
# n/a, n/v, k/a as a whole entry ("k/v store" stays)
SLASHED_FILLER = re.compile(r"(?:^|(?<=[,;\n|]))\s*[nk]\s?/\s?[av]\s*(?=$|[,;\n|])", re.IGNORECASE)
# "a CTO but no investors": the part from "but no" on says what is not wanted.
NEGATED_TAIL = re.compile(
    r"\s+(?:but|and|or|aber|und|pero|y|mais|et)\s+(?:no|not|kein\w*|nicht|pas|ni)(?![-\w]).*$",
    re.IGNORECASE | re.DOTALL,
)


def entries(field: Sequence[str]) -> list[str]:
    """The separate things one field says ("k8s, Docker" is two), as written; a list in brackets
    stays with what it explains ("funding (EXIST, EU)"), so that a talking point never quotes half
    a bracket ("EU)"). An entry that says what someone does not want ("no recruiters please") is
    left out, and so is the end of one from "but no" on: matching them would seat people with
    exactly that. So is a filler ("N/A", "TBD", "anything"), which says nothing."""
    said = (SLASHED_FILLER.sub("n.a.", text) for text in field)  # before "/" splits "n/a" in two
    parts = (NEGATED_TAIL.sub("", part).strip() for text in said for part in _split_outside_brackets(text))
    return [part for part in parts if not says_nothing(part) and not is_negated(part)]


def says_nothing(text: str) -> bool:
    """What people and ticketing exports put where they have no answer: a filler ("N/A", "TBD",
    "anything"), a bare "none" or "no", or punctuation alone."""
    return not any(char.isalnum() for char in text) or bool(FILLER.fullmatch(text) or BARE_NO.fullmatch(text))


def is_negated(entry: str) -> bool:
    entry = entry.replace("\u2019", "'")  # phones type the curly apostrophe
    return bool(NEGATED.match(entry)) and not TERMS_THAT_START_NEGATED.match(entry)


def _split_outside_brackets(text: str) -> list[str]:
    if "(" not in text and "[" not in text:
        return ENTRY_BREAK.split(text)
    parts, depth, start = [], 0, 0
    for at, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)  # "1) fundraising, 2) hiring" opens nothing
        elif depth == 0 and ENTRY_BREAK.match(char):
            parts.append(text[start:at])
            start = at + 1
    parts.append(text[start:])
    return parts


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
