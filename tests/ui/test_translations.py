"""The English translation: complete (every string of the code, every message of the .ts),
compiled into the .qm that ships, and what the window shows when it is loaded."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.app import create_application, install_translation
from desktop_app.store.database import Database
from desktop_app.ui.main_window import MainWindow

ROOT = Path(__file__).parents[2]
TS = ROOT / "resources" / "translations" / "desktop_app_en.ts"
QM = TS.with_suffix(".qm")
TOOLS = Path(sys.executable).parent
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PLACEHOLDER = r"\{([A-Za-z_][A-Za-z0-9_]*)"  # a str.format field name (Chinese braces are text)
TRANSLATING_CALLS = {"tr", "translate", "QT_TRANSLATE_NOOP"}


def _packaging_script() -> object:
    spec = importlib.util.spec_from_file_location(
        "translations", ROOT / "packaging" / "translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SOURCES: list[Path] = _packaging_script().SOURCES  # type: ignore[attr-defined]


def messages(ts: Path) -> list[tuple[str, str, str | None]]:
    """(source, translation, type) of every message."""
    found = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        found.append(
            (message.findtext("source") or "", translation.text or "", translation.get("type"))
        )
    return found


def test_every_message_of_the_ts_is_translated() -> None:
    untranslated = [s for s, text, kind in messages(TS) if kind is not None or not text.strip()]
    assert untranslated == [], "run: uv run python packaging/translations.py"


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    """lupdate over today's code finds nothing new: a string added without a translation
    fails here (fix: ``uv run python packaging/translations.py`` and translate)."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [
            str(TOOLS / "pyside6-lupdate"),
            "-silent",
            "-extensions",
            "py",
            "-no-obsolete",
            "-locations",
            "none",
            *(str(source) for source in SOURCES),
            "-ts",
            str(copy),
        ],
        check=True,
        capture_output=True,
    )
    new = [s for s, text, kind in messages(copy) if kind is not None or not text.strip()]
    assert new == [], "untranslated; run: uv run python packaging/translations.py"
    assert len(messages(copy)) == len(messages(TS))


def _called(node: ast.AST) -> str:
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def untranslated_literals(path: Path) -> list[str]:
    """Chinese text in ``path`` that lupdate will not collect: string literals outside a
    ``tr()`` / ``translate()`` / ``QT_TRANSLATE_NOOP()`` call, and translating calls that
    lupdate skips (inside an f-string, or on something other than a literal). Docstrings
    and lines marked ``# data`` (names that go into documents, file names) are allowed."""
    text = path.read_text("utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Call) and _called(node) == "tr":
            if not (node.args and isinstance(node.args[0], ast.Constant)):
                found.append(f"{where}: tr() of something lupdate cannot read")
            up = parents.get(node)
            while up is not None and not isinstance(up, ast.stmt):
                if isinstance(up, ast.JoinedStr):
                    found.append(f"{where}: tr() inside an f-string (lupdate skips it)")
                up = parents.get(up)
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if not CJK.search(node.value) or "# data" in lines[node.lineno - 1]:
            continue
        parent = parents.get(node)
        if isinstance(parent, ast.Expr):  # a docstring
            continue
        while isinstance(parent, ast.JoinedStr | ast.FormattedValue | ast.BinOp):
            parent = parents.get(parent)
        if isinstance(parent, ast.Call) and _called(parent) in TRANSLATING_CALLS:
            continue
        found.append(f"{where}: {node.value!r}")
    return sorted(found, key=lambda hit: int(hit.split(":")[1]))


def test_no_chinese_text_of_the_window_escapes_translation() -> None:
    files = [ROOT / "desktop_app" / "app.py", *sorted((ROOT / "desktop_app" / "ui").rglob("*.py"))]
    found = [hit for path in files for hit in untranslated_literals(path)]
    assert found == []


def test_the_escape_check_catches_what_it_should() -> None:
    probe = ROOT / "desktop_app" / "ui" / "_probe_for_test.py"
    probe.write_text(
        "from x import y\n"
        "def f(self, name):\n"
        '    """文档字符串"""\n'
        '    a = self.tr("好")\n'
        '    b = "坏"\n'
        '    c = f"{name}坏"\n'
        "    d = self.tr(name)\n"
        "    e = f\"{self.tr('好')}\"\n"
        '    g = "好"  # data: a file name\n',
        encoding="utf-8",
    )
    try:
        found = untranslated_literals(probe)
    finally:
        probe.unlink()
    assert [hit.split(":", 2)[1:] for hit in found] == [
        ["5", " '坏'"],
        ["6", " '坏'"],
        ["7", " tr() of something lupdate cannot read"],
        ["8", " tr() inside an f-string (lupdate skips it)"],
    ]


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(TOOLS / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == QM.read_bytes(), "run: uv run python packaging/translations.py"


def test_translations_keep_placeholders_and_mnemonics() -> None:
    for source, text, _kind in messages(TS):
        # The same names; a name may repeat, and a translation may drop a conversion (!r).
        assert set(re.findall(PLACEHOLDER, source)) == set(re.findall(PLACEHOLDER, text)), source
        assert ("&" in source.replace("&amp;", "")) == ("&" in text.replace("&amp;", "")), source


@pytest.fixture
def english(qapp: QApplication) -> Iterator[QApplication]:
    app = create_application(["desktop-app"], language="en")
    yield app
    install_translation(app, "zh_CN")


def test_with_english_loaded_the_window_speaks_english(
    english: QApplication, qtbot: QtBot, db: Database
) -> None:
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert [a.text() for a in file_menu.actions() if a.text()] == [
        "&New meeting…",
        "&Import meeting definition (JSON)…",
        "Load &demo meeting",
        "Data&base and station…",
        "&Settings…",
        "&Quit",
    ]
    tabs = window.meeting_page.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Meeting setup",
        "Agenda",
        "Speakers",
        "Run meeting",
        "Ballot entry",
        "Results",
        "Documents and printing",
    ]
    assert "demo meeting" in window.list_page.empty_hint.text()
    assert "LGPLv3" in window.about_text() and "This program" in window.about_text()
    window.close()


def test_chinese_is_the_source_language(app: QApplication, qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    assert [a.text() for a in window.menuBar().actions()] == ["文件(&F)", "查看(&V)", "帮助(&H)"]
    window.close()


def test_every_menu_entry_has_a_mnemonic(app: QApplication, qtbot: QtBot, db: Database) -> None:
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    for top in window.menuBar().actions():
        assert "&" in top.text(), top.text()
        for action in top.menu().actions():
            if action.isSeparator():
                continue
            assert "&" in action.text() or not action.shortcut().isEmpty(), action.text()
    window.close()


def _headers(model: object) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel, Qt

    assert isinstance(model, QAbstractItemModel)
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]


def test_an_open_meeting_reads_in_english(
    english: QApplication, qtbot: QtBot, db: Database
) -> None:
    """Tables, the core's vocabulary and the ballot descriptions come out in English; the
    meeting's own names (units, levels 好/较好) stay as the meeting has them."""
    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.meeting_opened, timeout=20_000):
        window.demo_action.trigger()
    page = window.meeting_page
    assert _headers(page.agenda_model) == ["No.", "Agenda", "Kind", "Time limit / notes"]
    kinds = {page.agenda_model.row_at(r)[2] for r in range(page.agenda_model.rowCount())}
    assert kinds == {"Reports", "Chair's comments", "Representatives' comments", "Speech", "Ballot"}
    assert page.agenda_model.row_at(0)[3] == "5:00 each"
    reports = {page.speaker_model.row_at(r)[4] for r in range(page.speaker_model.rowCount())}
    assert reports == {"Oral, 5:00", "Written report"}
    result_headers = _headers(page.results.result_model)
    assert result_headers[:6] == [
        "Category",
        "Evaluated unit",
        "Rank",
        "Combined score",
        "Good rate",
        "Approval rate (good + fairly good)",
    ]
    assert {"A·好", "A·abstain", "A·score", "B·较好"} <= set(result_headers)

    ballots = page.ballots.ballot_list
    ballots.reload()
    assert _headers(ballots.model) == [
        "Serial",
        "Ballot type",
        "Status",
        "Details",
        "Station",
        "Time",
    ]
    statuses = {row.shown for row in ballots.rows}
    assert statuses <= {"Valid", "Void", "Blank"} and "Void" in statuses
    void_details = [row.detail for row in ballots.rows if row.shown == "Void"]
    assert all(d.startswith(("over the cap: ", "several boxes ticked: ")) for d in void_details)
    assert all(not CJK.search(d.split(": ", 1)[0]) for d in void_details)

    run = page.run_screen
    window.resize(1100, 720)
    window.show()
    page.tabs.setCurrentWidget(run)
    run.set_meeting(page.meeting_id)
    # The agenda pane widens so the titles are not squeezed by the longer English headers.
    assert run.agenda.columnWidth(1) >= run.agenda.sizeHintForColumn(1)
    assert run.toggle_action.text() == "Start / pause / resume"
    assert run.skip_action.text() == "Skip the current speaker"
    speeches_headers = _headers(run.speeches.model)
    assert speeches_headers == ["Order", "Name", "Post", "Unit", "Limit", "Time used", "Status"]
    assert _headers(page.setup.tables["述职人"].model)[:3] == ["Name", "Post", "Unit reported on"]
    kinds = page.documents.kinds
    assert [kinds.item(i).text() for i in range(kinds.count())] == [
        "Results summary",
        "Ballot papers",
        "Feedback sheets",
        "Minutes",
        "Host's script",
    ]
    assert kinds.item(0).toolTip() == "评议结果汇总表"  # the document itself stays Chinese
    window.close()


def test_the_cores_errors_reach_the_english_window_in_english(
    english: QApplication, qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """A message made by the store (no Qt there) is shown translated, its values filled in."""
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow(db, station="test-station")
    qtbot.addWidget(window)
    bad = tmp_path / "bad-meeting.json"
    bad.write_text('{"title": "x", "levels": [}', encoding="utf-8")
    window.import_meeting(bad)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "error-box") is not None, timeout=20_000)
    box = window.findChild(QMessageBox, "error-box")
    assert "Not valid JSON: line 1, column 27" in box.text()
    assert not CJK.search(box.text())
    box.close()
    window.close()


def _document_texts(db: Database, meeting_id: int, folder: Path) -> dict[str, list[str]]:
    """Every document's text, page by page (PDFs read back with QtPdf), and every cell of
    the workbook, at a fixed time."""
    import datetime as dt

    import openpyxl
    from PySide6.QtPdf import QPdfDocument

    from desktop_app.publish import REPORTS, make_report, save_workbook_file

    now = dt.datetime(2021, 1, 20, 16, 30, tzinfo=dt.UTC)
    texts: dict[str, list[str]] = {}
    for kind in REPORTS:
        pdf = folder / f"{kind}.pdf"
        pdf.write_bytes(make_report(db, meeting_id, kind, now=now))
        document = QPdfDocument()
        document.load(str(pdf))
        texts[kind] = [document.getAllText(p).text() for p in range(document.pageCount())]
        document.close()
    book = folder / "book.xlsx"
    save_workbook_file(db, meeting_id, book, now=now)
    workbook = openpyxl.load_workbook(book)
    texts["workbook"] = [
        str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row
    ]
    return texts


def test_documents_stay_chinese_when_the_window_is_english(
    qapp: QApplication, db: Database, tmp_path: Path
) -> None:
    """The same PDFs and workbook, word for word, whichever language the window speaks,
    with a meeting whose ballots and warnings exercise the translated core messages."""
    from desktop_app.store.live import set_ballot_counts
    from desktop_app.store.transfer import load_demo

    meeting_id = load_demo(db)
    with db.session() as session:
        set_ballot_counts(session, meeting_id, "A", issued=20, collected=None)  # over-issued
    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    chinese = _document_texts(db, meeting_id, tmp_path / "zh")
    app = create_application(["desktop-app"], language="en")
    try:
        english = _document_texts(db, meeting_id, tmp_path / "en")
    finally:
        install_translation(app, "zh_CN")
    assert english == chinese
    assert any("多于发出" in page for page in chinese["results"])  # the warning is printed
    assert any("超限" in cell or "多选" in cell for cell in chinese["workbook"])
