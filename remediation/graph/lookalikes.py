"""Ids that look alike: invisible characters, mixed scripts, near misses.

Ids are compared exactly (after the loader has normalized them to NFC), so
``deploy`` and ``dеploy`` (with a Cyrillic ``е``) are two ids, and a
reference to one never reaches the other. What this module offers is the
means to say so: :func:`invisible_characters` finds what an id may not hold,
:func:`scripts` the writing systems of its letters, and :func:`nearest_id`
the id a dangling reference was probably meant to name, with how the two
differ.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

__all__ = ["invisible_characters", "nearest_id", "scripts", "skeleton", "skeletons"]

# Joiners are part of emoji sequences (👩‍💻) and of some scripts' words: allowed between
# two characters outside ASCII, invisible anywhere else.
_JOINERS = frozenset("\u200c\u200d")
# Tag characters spell out subdivision flags (🏴 England).
_TAGS = range(0xE0020, 0xE0080)

# Letters of Cyrillic and Greek that look like Latin ones (lowercase; the ids are
# case-folded first). Not the whole Unicode confusables table: the letters that
# keyboards and copy-paste bring into ids.
_LOOKALIKE = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "һ": "h", "і": "i", "ї": "i", "ј": "j",
        "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y",
        "х": "x", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g",
        "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
        "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
        "0": "o", "1": "l",
    }
)  # fmt: skip


def invisible_characters(text: str) -> list[str]:
    """The characters of *text* that show as nothing: zero-width spaces, direction marks.

    Format characters (Unicode category ``Cf``) count, except a joiner between two
    characters outside ASCII (as in emoji sequences) and the tags of flag emoji.

    Examples:
        >>> invisible_characters("deploy\\u200b")
        ['\\u200b']
        >>> invisible_characters("👩\\u200d💻")
        []
    """
    found = []
    for index, char in enumerate(text):
        if unicodedata.category(char) != "Cf" or ord(char) in _TAGS:
            continue
        if char in _JOINERS and 0 < index < len(text) - 1:
            before, after = text[index - 1], text[index + 1]
            if not before.isascii() and not after.isascii():
                continue
        found.append(char)
    return found


def scripts(text: str) -> list[str]:
    """The writing systems of the letters of *text*, in order of appearance.

    Examples:
        >>> scripts("dеploy")  # the second letter is Cyrillic
        ['LATIN', 'CYRILLIC']
    """
    seen: dict[str, None] = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            seen[name.split(" ", 1)[0] if name else "UNKNOWN"] = None
    return list(seen)


def skeleton(text: str) -> str:
    """What *text* looks like: compatibility-normalized, case-folded, look-alikes
    mapped to Latin letters, invisible characters dropped.

    Examples:
        >>> skeleton("Dеploy") == skeleton("deploy")
        True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return visible.translate(_LOOKALIKE)


def _difference(wanted: str, found: str) -> str:
    if unicodedata.normalize("NFC", wanted) == unicodedata.normalize("NFC", found):
        return "they differ only in Unicode normalization"
    if wanted.casefold() == found.casefold():
        return "they differ only in case"
    if invisible_characters(wanted) or invisible_characters(found):
        return "they differ in invisible characters"
    return "they differ in look-alike characters"


def skeletons(ids: Iterable[str]) -> dict[str, str]:
    """Each skeleton of *ids* with the first id that has it, for :func:`nearest_id`."""
    shapes: dict[str, str] = {}
    for each in ids:
        shapes.setdefault(skeleton(each), each)
    return shapes


def nearest_id(wanted: str, shapes: Mapping[str, str]) -> tuple[str, str] | None:
    """The id that *wanted* looks like, and how the two differ; ``None`` if none does.

    *shapes* is what :func:`skeletons` gives for the ids there are.

    Examples:
        >>> nearest_id("Deploy", skeletons(["deploy", "rollback"]))
        ('deploy', 'they differ only in case')
    """
    candidate = shapes.get(skeleton(wanted))
    if candidate is None or candidate == wanted:
        return None
    return candidate, _difference(wanted, candidate)
