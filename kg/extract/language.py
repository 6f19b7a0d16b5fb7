"""Is a text English? A cheap, deterministic function-word test.

News prose in English has 35-55 % of its word tokens among the ~100 commonest English
function words; other languages written in Latin script score under 10 % (a few
short words such as "a", "in", "no" are shared), and non-Latin scripts score ~0.
That margin makes a statistical detector unnecessary for the one decision the
extractor needs (extract, or warn and skip), and keeps it fast and dependency-free.

>>> is_english("The minister met his counterpart in Paris on Monday and said that talks will continue.")
True
>>> is_english("Le ministre a rencontré son homologue à Paris lundi et a déclaré que les discussions continueront.")
False
"""

from __future__ import annotations

import re

from .lexicon import load_lexicon

__all__ = ["is_english", "english_share"]

_WORD = re.compile(r"[^\W\d_]+", re.U)
THRESHOLD = 0.15
MIN_WORDS = 8


def english_share(text: str, max_words: int = 3000) -> tuple[float, float, float, int]:
    """(English function-word share, foreign function-word share, ASCII share of letters, words seen)."""
    lex = load_lexicon().words
    english, foreign = lex["english_function_words"], lex["foreign_function_words"] - lex["english_function_words"]
    n = en = fo = letters = ascii_ = 0
    for m in _WORD.finditer(text):
        w = m.group()
        n += 1
        low = w.lower()
        en += low in english
        fo += low in foreign
        letters += len(w)
        ascii_ += sum(c.isascii() for c in w)
        if n >= max_words:
            break
    if not n:
        return 0.0, 0.0, 1.0, 0
    return en / n, fo / n, ascii_ / max(letters, 1), n


def is_english(text: str) -> bool:
    """True unless the text clearly is not English (too short to tell counts as English).

    Not English: mostly non-Latin letters, or more foreign than English function words
    (with at least 10 % foreign), or - for a text of 40 words or more - under 15 % English
    function words.
    """
    en, fo, ascii_share, n = english_share(text)
    if n == 0:
        return True
    if ascii_share < 0.5:
        return False
    if fo >= 0.10 and fo > en:
        return False
    return n < 40 or en >= THRESHOLD
