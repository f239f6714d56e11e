"""LIX readability index for Swedish (Björnsson): words per sentence plus the
share of long words (over six letters) in per cent. 40 or below is easy text."""
from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[A-Za-zÅÄÖåäöÉéÜü]+(?:-[A-Za-zÅÄÖåäöÉéÜü]+)*")
_SENTENCE_END = re.compile(r"[.!?:]+(?:\s|$)|\n\s*\n|^\s*[-*]\s", re.MULTILINE)


@lru_cache(maxsize=None)  # the preview asks again at every save; the texts rarely change
def lix(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    long_words = sum(1 for w in words if len(w.replace("-", "")) > 6)
    return round(len(words) / sentences + 100 * long_words / len(words), 1)
