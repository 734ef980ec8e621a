"""The core's messages for people go through domain.text.translate, and every one of them
has an English translation in the Qt Linguist file (context "Core")."""

from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from string import Formatter

import pytest

from desktop_app.domain.ballot_csv import read_ballots_csv
from desktop_app.domain.errors import DataError
from desktop_app.domain.meeting import meeting_from_dict
from desktop_app.domain.text import CORE, set_translator, translate

ROOT = Path(__file__).parents[2]
PACKAGE = ROOT / "desktop_app"
TS = ROOT / "resources" / "translations" / "desktop_app_en.ts"

MEETING = {
    "title": "小会",
    "levels": [{"label": "好", "score": 100}, {"label": "差", "score": 40}],
    "categories": [{"name": "甲", "targets": ["甲市", "乙县"]}],
    "ballot_types": [{"code": "A"}, {"code": "B"}],
}
BAD_TYPE_CSV = "serial,type,甲市,乙县,void_reason\r\n1,A,好,差,\r\n2,Z,好,,\r\n"


def english() -> dict[str, str]:
    """The finished English translations of the "Core" context, by source text."""
    table = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") != CORE:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                table[message.findtext("source") or ""] = translation.text
    return table


@pytest.fixture
def in_english() -> Iterator[None]:
    """The core speaks English (as the window makes it with Qt's translator)."""
    table = english()

    def lookup(context: str, text: str) -> str:
        return table.get(text, text) if context == CORE else text

    set_translator(lookup)
    try:
        yield
    finally:
        set_translator(None)


def _ballots_error() -> DataError:
    with pytest.raises(DataError) as caught:
        read_ballots_csv(BAD_TYPE_CSV, meeting_from_dict(MEETING), source="ballots.csv")
    return caught.value


def _meeting_error() -> DataError:
    data = json.loads(json.dumps(MEETING))
    data["levels"][1]["score"] = "forty"
    with pytest.raises(DataError) as caught:
        meeting_from_dict(data, source="meeting.json")
    return caught.value


# --- the same errors in English and in Chinese ----------------------------------------------


@pytest.mark.usefixtures("in_english")
def test_a_bad_ballots_row_is_reported_in_english_with_its_values() -> None:
    error = _ballots_error()
    assert error.message == 'Unknown ballot type "Z" (this meeting has A, B)'
    assert str(error) == (
        'ballots.csv, row 3, column "type": Unknown ballot type "Z" (this meeting has A, B)'
    )


@pytest.mark.usefixtures("in_english")
def test_a_bad_meeting_field_is_reported_in_english_with_its_value() -> None:
    error = _meeting_error()
    assert error.field == "levels[1].score"
    assert error.message == "Expected a number, found 'forty'"


def test_by_default_the_same_errors_are_chinese() -> None:
    assert _ballots_error().message == "未知票种 “Z”(本会议:A、B) / unknown type"
    assert _meeting_error().message == "应为数字,实为 'forty' / expected a number"


def test_the_translator_is_restored_after_an_english_test(in_english: None) -> None:
    assert translate("Core", "票号为空 / empty serial") == "The ballot serial is empty"
    set_translator(None)
    assert translate("Core", "票号为空 / empty serial") == "票号为空 / empty serial"


# --- every template in the code has a translation -------------------------------------------


def _fields(template: str) -> set[str]:
    """The names of a template's ``str.format`` placeholders (a translation may drop a
    conversion such as ``!r``, never a name)."""
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


class _Template:
    def __init__(self, where: str, text: str, keywords: set[str] | None) -> None:
        self.where = where
        self.text = text
        self.keywords = keywords  # the .format(...) keyword names; None: not formatted


def _templates() -> list[_Template]:
    """Every ``translate(...)`` call of the package, with the keywords it is formatted with.

    A call whose arguments are not two string literals is reported as a template of its own
    (``pyside6-lupdate`` could not extract it)."""
    found: list[_Template] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "translate"
            ):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            literals = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if (
                len(node.args) != 2
                or node.keywords
                or len(literals) != 2
                or literals[0] != "Core"
                or not isinstance(literals[1], str)
            ):
                found.append(_Template(where, f"<not two literals: {ast.unparse(node)}>", None))
                continue
            text = literals[1]
            keywords: set[str] | None = None
            attribute = parents.get(node)
            call = parents.get(attribute) if attribute is not None else None
            if (
                isinstance(attribute, ast.Attribute)
                and attribute.attr == "format"
                and isinstance(call, ast.Call)
            ):
                keywords = {k.arg for k in call.keywords if k.arg is not None}
                assert not call.args, f"{where}: format with positional arguments"
            found.append(_Template(where, text, keywords))
    return found


def test_the_scan_finds_the_core_templates() -> None:
    texts = {t.text for t in _templates()}
    assert "票号为空 / empty serial" in texts
    assert len(texts) >= 40


def test_every_translate_call_is_a_literal_template_formatted_with_its_placeholders() -> None:
    wrong = []
    for t in _templates():
        if t.text.startswith("<not two literals"):
            wrong.append(f"{t.where}: {t.text}")
        elif t.keywords is not None and t.keywords != _fields(t.text):
            wrong.append(f"{t.where}: {t.text!r} formatted with {sorted(t.keywords)}")
    assert wrong == []


def test_every_template_has_an_english_translation_with_the_same_placeholders() -> None:
    table = english()
    missing, mismatched = [], []
    for t in _templates():
        if t.text not in table:
            missing.append(f"{t.where}: {t.text}")
            continue
        translation = table[t.text]
        if not translation.strip() or translation == t.text:
            mismatched.append(f"{t.where}: {t.text!r} is not translated")
        elif t.keywords is None:
            # Shown as is: a placeholder in the translation would show its braces.
            if _fields(translation) - _fields(t.text):
                mismatched.append(f"{t.where}: {translation!r} has placeholders")
        elif _fields(translation) != _fields(t.text):
            mismatched.append(f"{t.where}: {t.text!r} -> {translation!r}")
    assert missing == []
    assert mismatched == []


def test_the_translations_file_has_no_entry_the_code_does_not_use() -> None:
    used = {t.text for t in _templates()}
    assert sorted(set(english()) - used) == []
