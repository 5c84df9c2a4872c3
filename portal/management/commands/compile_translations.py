"""Compile every locale/*/LC_MESSAGES/*.po into .mo without GNU gettext.

`make demo` and `make test` run this, so a bare machine without msgfmt still
gets the English UI. Handles msgctxt, plurals, multi-line strings; skips fuzzy.
"""

import ast
import struct
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


def parse_po(text: str) -> dict[str, str]:
    """msgid (with context and plural joined as gettext stores them) -> msgstr."""
    messages: dict[str, str] = {}
    entry: dict[str, list[str]] = {}
    key: str | None = None
    fuzzy = False

    def has_translation() -> bool:
        return any(k.startswith("msgstr") for k in entry)

    def flush() -> None:
        nonlocal entry, fuzzy
        if "msgid" in entry:
            msgid = "".join(entry["msgid"])
            if "msgctxt" in entry:
                msgid = "".join(entry["msgctxt"]) + "\x04" + msgid
            if "msgid_plural" in entry:
                msgid += "\x00" + "".join(entry["msgid_plural"])
                forms = sorted(k for k in entry if k.startswith("msgstr["))
                value = "\x00".join("".join(entry[k]) for k in forms)
            else:
                value = "".join(entry.get("msgstr", []))
            # The header (msgid "") is kept even when fuzzy: it names the charset.
            if msgid == "" or (not fuzzy and value.replace("\x00", "")):
                messages[msgid] = value
        entry, fuzzy = {}, False

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#,") and "fuzzy" in line:
            if has_translation():
                flush()
            fuzzy = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            if key is not None:
                entry[key].append(ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and has_translation():
            flush()
        key = keyword
        entry[key] = [ast.literal_eval(rest)]
    flush()
    if "charset=" not in messages.get("", ""):
        messages[""] = (
            "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=2; plural=(n != 1);\n"
        )
    return messages


def write_mo(messages: dict[str, str], path: Path) -> None:
    keys = sorted(messages)
    ids = b""
    strs = b""
    offsets = []
    for key in keys:
        k, v = key.encode(), messages[key].encode()
        offsets.append((len(ids), len(k), len(strs), len(v)))
        ids += k + b"\x00"
        strs += v + b"\x00"
    count = len(keys)
    key_start = 7 * 4 + 16 * count
    value_start = key_start + len(ids)
    table = []
    for o_id, l_id, o_str, l_str in offsets:
        table.append((l_id, key_start + o_id, l_str, value_start + o_str))
    output = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    output += b"".join(struct.pack("ii", length, offset) for length, offset, _l, _o in table)
    output += b"".join(struct.pack("ii", length, offset) for _l, _o, length, offset in table)
    path.write_bytes(output + ids + strs)


class Command(BaseCommand):
    help = "Compile .po files to .mo (pure Python, no gettext needed)."

    def handle(self, *args, **options) -> None:
        base = Path(settings.BASE_DIR)
        count = 0
        for po in base.glob("**/locale/*/LC_MESSAGES/*.po"):
            if ".venv" in po.parts or "node_modules" in po.parts:
                continue
            write_mo(parse_po(po.read_text(encoding="utf-8")), po.with_suffix(".mo"))
            count += 1
        self.stdout.write(f"compiled {count} catalogue(s)")
