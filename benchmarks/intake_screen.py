"""The counter's screen: Ctrl+Enter → the slip's preview on screen, through the real
intake page (Qt offscreen, the program's task runner and garbage collector).

    python benchmarks/intake_screen.py [--receipts 60]

For each receipt the procedure is chosen, the applicant typed and the papers ticked, then
the clock starts at Ctrl+Enter and stops when the preview dialog is up with both pages
drawn. Baseline in the same run: the same receipts through the services alone
(``receive_and_draw`` and rasterising the pages), so the ratio is what the screen adds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.services import demo, intake
from isoqms.services import unit as unit_service
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.users import authenticate
from isoqms.ui import dialogs, fonts, i18n
from isoqms.ui.collector import GuiCollector, collect_due
from isoqms.ui.context import AppContext
from isoqms.ui.intake import IntakePage
from isoqms.ui.pdf_view import pdf_images, warm_up
from isoqms.ui.print_preview import PrintPreview
from isoqms.ui.tasks import TaskRunner


def summary(name: str, ms: list[float]) -> float:
    ms = sorted(ms)
    median = statistics.median(ms)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(f"{name:<52} n={len(ms):<4} median {median:7.1f} ms   p90 {p90:7.1f} ms")
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--receipts", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="isoqms-screen-"))
    os.environ["ISOQMS_DATA_DIR"] = str(work)
    app = QApplication([])
    GuiCollector(app)
    fonts.load_fonts()
    fonts.apply_ui_font(app)
    translators = i18n.install(app, "vi")  # noqa: F841 - kept for the run
    db = Database.open(str(work / "screen.sqlite3"))
    demo.init_demo(db)
    clerk, info = authenticate(db, "clerk", "demo", record_login=False)
    tasks = TaskRunner()
    ctx = AppContext(
        db, clerk, info, unit_service.get_unit(db), demo=True, tasks=tasks, language="vi"
    )
    page = IntakePage(ctx)
    page.resize(1366, 700)
    page.show()
    warm_up()

    def settle() -> None:
        tasks.wait_idle()
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    shown: list[float] = []

    def preview_up(dialog: object) -> bool:
        assert isinstance(dialog, PrintPreview) and len(dialog.pages.pages) == 2
        shown.append(time.perf_counter())
        dialog.deleteLater()
        return True

    dialogs.run_dialog = preview_up  # type: ignore[assignment]
    clock.pin(dt.datetime(2026, 11, 23, 8, 0), tick=True)  # a working Monday morning
    while page.catalogue is None:
        settle()
    page.search.setText("dang ky khai sinh")
    page.choose_first()
    while page.revision is None:
        settle()
    gui: list[float] = []
    for i in range(args.receipts + 5):
        page.name.setText("Nguyễn Thị Ủy Ngọc Ánh")
        page.id_number.setText("001190012345")
        page.tick_all()
        collect_due()
        started = time.perf_counter()
        QTest.keyClick(page.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        while len(shown) <= i:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)
        if i >= 5:
            gui.append((shown[i] - started) * 1000)
        settle()
    print(f"isoqms: {args.receipts} receipts through the intake screen (offscreen)")
    ours = summary("screen: Ctrl+Enter → preview on screen", gui)

    applicant = Applicant("Nguyễn Thị Ủy Ngọc Ánh", id_number="001190012345")
    bare: list[float] = []
    for i in range(args.receipts + 5):
        collect_due()
        started = time.perf_counter()
        done = intake.receive_and_draw(db, clerk, IntakeDraft("1.001193", applicant))
        pdf_images(done.printout.pdf, 96)
        if i >= 5:
            bare.append((time.perf_counter() - started) * 1000)
    base = summary("baseline: the services alone (receive, draw, rasterise)", bare)
    print(f"ratio (screen / services, medians): {ours / base:.2f}× — what the screen adds")
    page.close()
    tasks.wait_idle()
    tasks.shutdown()
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
