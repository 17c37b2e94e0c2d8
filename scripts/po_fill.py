"""Fills Welsh translations into the catalogue and clears their fuzzy flags.

The input is a JSON list of {"msgid", "msgstr"} items, or {"msgid", "msgid_plural",
"msgstr_plural": {"0": ..., "1": ..., "2": ..., "3": ...}} for plural messages:
`uv run python scripts/po_fill.py translations.json`.
"""

import json
import sys
from typing import Any

import polib

CATALOGUE = "locale/cy/LC_MESSAGES/django.po"


def main(paths: list[str]) -> None:
    translations: dict[tuple[str, str], dict[str, Any]] = {}
    for path in paths:
        with open(path, encoding="utf-8") as source:
            for item in json.load(source):
                translations[(item.get("msgctxt", ""), item["msgid"])] = item
    po = polib.pofile(CATALOGUE)
    for entry in po:
        item = translations.get((entry.msgctxt or "", entry.msgid))
        if item is None:
            continue
        if entry.msgid_plural:
            plural = item.get("msgstr_plural") or {}
            if not all(plural.get(str(i)) for i in range(4)):
                continue
            entry.msgstr_plural = {i: plural[str(i)] for i in range(4)}
        else:
            if not item.get("msgstr"):
                continue
            entry.msgstr = str(item["msgstr"])
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        entry.previous_msgctxt = None
    po.save(CATALOGUE)


if __name__ == "__main__":
    main(sys.argv[1:])
