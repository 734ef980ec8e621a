"""Update the translations in one command: ``uv run python packaging/translations.py``.

1. ``pyside6-lupdate`` collects every ``self.tr()``, ``translate()`` and
   ``QT_TRANSLATE_NOOP()`` string of the window and the core (see ``SOURCES``) into
   resources/translations/desktop_app_en.ts (new strings are added as unfinished,
   translations already made are kept, strings gone from the code dropped);
2. ``--fill FILE.json`` (optional) fills translations from a ``{"中文": "English"}`` file;
3. ``pyside6-lrelease`` compiles the .ts into the .qm the app loads;
4. the strings still without an English translation are listed; the exit status is 1 while
   any remain (the test suite fails on them too). Translate them in Qt Linguist
   (``pyside6-linguist resources/translations/desktop_app_en.ts``) or with ``--fill``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "desktop_app_en.ts"
QM = TS.with_suffix(".qm")
# Where translatable strings live: the window, and the core's messages and terms
# (desktop_app.domain.text). The reports and the command line stay Chinese.
SOURCES = [
    ROOT / "desktop_app" / name for name in ("ui", "app.py", "domain", "store", "publish.py")
]


def _tool(name: str) -> str:
    """The PySide6 tool beside this interpreter (uv's venv), else on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def lupdate() -> None:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            *(str(p) for p in SOURCES),
            "-ts",
            str(TS),
        ],
        check=True,
        cwd=ROOT,
    )


def lrelease() -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True, cwd=ROOT)


def unfinished(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    missing = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not (translation.text or "").strip()
            ):
                missing.append((name, message.findtext("source") or ""))
    return missing


def fill(ts: Path, translations: dict[str, str]) -> int:
    """Fill unfinished messages whose source is in ``translations``; how many were filled."""
    tree = ET.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None or source not in translations:
            continue
        if translation.get("type") == "unfinished" or not (translation.text or "").strip():
            translation.text = translations[source]
            translation.attrib.pop("type", None)
            filled += 1
    ET.indent(tree, space="    ")
    with ts.open("wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fill", type=Path, metavar="FILE.json", help="{中文: English} to fill")
    parser.add_argument(
        "--no-update", action="store_true", help="skip lupdate (only compile and report)"
    )
    args = parser.parse_args(argv)
    TS.parent.mkdir(parents=True, exist_ok=True)
    if not args.no_update:
        lupdate()
    if args.fill:
        count = fill(TS, json.loads(args.fill.read_text("utf-8")))
        print(f"filled {count} translations from {args.fill}")
        lupdate()  # normalises the file's layout after the fill
    lrelease()
    missing = unfinished()
    for context, source in missing:
        print(f"untranslated: [{context}] {source}")
    print(f"{len(missing)} untranslated strings in {TS.relative_to(ROOT)}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
