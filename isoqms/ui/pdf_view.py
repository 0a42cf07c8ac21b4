"""Showing and printing PDF bytes on every platform: pages rasterised with PDFium
(pypdfium2), printed through Qt's printing system."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from isoqms.render.pdfium_lock import PDFIUM


def pdf_images(pdf: bytes, dpi: float = 96) -> list[QImage]:
    """Every page of ``pdf`` as an image (safe to call from any worker thread)."""
    with PDFIUM:
        return _pdf_images(pdf, dpi)


def _pdf_images(pdf: bytes, dpi: float) -> list[QImage]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        images = []
        for page in document:
            bitmap = page.render(scale=dpi / 72, rev_byteorder=True)
            fmt = (
                QImage.Format.Format_RGB888
                if bitmap.n_channels == 3
                else QImage.Format.Format_RGBA8888
            )
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride, fmt)
            images.append(image.copy())
            page.close()
        return images
    finally:
        document.close()


def warm_up() -> None:
    """PDFium's first document takes about a second to load; do it once in the background."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.showPage()
    canvas.save()
    pdf_images(buffer.getvalue(), dpi=10)


def print_dpi(printer: QPrinter) -> int:
    """The resolution to rasterise at for ``printer`` (150–300 dpi)."""
    return max(150, min(printer.resolution(), 300))


def print_images(printer: QPrinter, images: list[QImage]) -> int:
    """Paint pages rasterised beforehand (off the GUI thread) on the printer, scaled to
    its page; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        for i, image in enumerate(images):
            if i:
                printer.newPage()
            target = QRectF(painter.viewport())
            scaled = image.size().scaled(target.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRectF(0, 0, scaled.width(), scaled.height()), image)
    finally:
        painter.end()
    return len(images)


class PagesView(QScrollArea):
    """The pages of a document, one under the other."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._inner = QWidget()
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self._inner)
        self.setStyleSheet("QScrollArea { background: #7a7a7a; }")
        self.pages: list[QLabel] = []

    def show_images(self, images: list[QImage]) -> None:
        for label in self.pages:
            self._layout.removeWidget(label)
            label.hide()
            label.deleteLater()
        self.pages = []
        for image in images:
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #444;")
            self._layout.addWidget(label)
            self.pages.append(label)
