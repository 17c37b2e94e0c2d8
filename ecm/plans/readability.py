"""A reading-age estimate for "My plan", shown while the case manager writes.

The Flesch-Kincaid grade level (0.39 × words per sentence + 11.8 × syllables per
word − 15.59) turned into a reading age by adding 5 (grade 4 ≈ age 9). Syllables
are counted as groups of vowels, with a silent final "e" dropped in English.

Limits: the formula was made for American English school texts; it counts nothing
about the words' familiarity, and short texts swing it widely. For Welsh there is no
validated formula: the same count is used with "w" and "y" as vowels, which gives
a rough guide only, said so on the page. The aim is a reading age of 9 to 11.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AIM_LOW, AIM_HIGH = 9, 11
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?]+|\n\s*\n|\n\s*[-•*]")
_VOWELS = {"en": "aeiouy", "cy": "aeiouwyâêîôûŵŷáéíóúàèìòùäëïöüẃỳẁ"}


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    grade: float
    reading_age: int
    language: str

    @property
    def within_aim(self) -> bool:
        return AIM_LOW <= self.reading_age <= AIM_HIGH

    @property
    def too_hard(self) -> bool:
        return self.reading_age > AIM_HIGH

    @property
    def rough(self) -> bool:
        """Welsh: the measure is a rough guide only."""
        return self.language == "cy"


def syllables(word: str, language: str = "en") -> int:
    vowels = _VOWELS.get(language, _VOWELS["en"])
    lowered = word.lower()
    count, previous = 0, False
    for letter in lowered:
        is_vowel = letter in vowels
        if is_vowel and not previous:
            count += 1
        previous = is_vowel
    if language == "en" and lowered.endswith("e") and not lowered.endswith("le") and count > 1:
        count -= 1
    return max(count, 1)


def measure(text: str, language: str = "en") -> Readability | None:
    """The estimate for `text`, or None when there are no words to measure."""
    words = _WORD.findall(text)
    if not words:
        return None
    pieces = [p for p in _SENTENCE_END.split(text) if _WORD.search(p)]
    sentences = max(len(pieces), 1)
    total = sum(syllables(w, language) for w in words)
    grade = 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59
    return Readability(
        words=len(words),
        sentences=sentences,
        grade=round(grade, 1),
        reading_age=max(5, round(grade + 5)),
        language=language,
    )
