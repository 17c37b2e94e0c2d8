"""Fills Welsh translations from a JSON file of {msgid: msgstr} and clears fuzzy flags.

Used when adding strings: `uv run python scripts/po_fill.py translations.json`.
"""

import json
import sys

import polib

CATALOGUE = "locale/cy/LC_MESSAGES/django.po"


def main(path: str) -> None:
    with open(path, encoding="utf-8") as source:
        translations = json.load(source)
    po = polib.pofile(CATALOGUE)
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = None
    po.save(CATALOGUE)


if __name__ == "__main__":
    main(sys.argv[1])
