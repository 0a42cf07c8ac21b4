"""Papers of a dossier's journey, on the form revision in force: the control sheet (2018
Mẫu 05 / 2025 Mẫu 06), the apology letter with its new appointment (Mẫu 04) and the
notice stopping the dossier (2025 Mẫu 05)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from isoqms.domain.calendar import format_vn_datetime
from isoqms.domain.forms import FormTexts
from isoqms.render.slips import Letterhead, PaperSize, SlipRenderer


@dataclass(frozen=True)
class ControlRow:
    giver: str  # "Bộ phận một cửa — Đỗ Thị Ngọc Ánh"
    receiver: str
    at: dt.datetime | None  # None: a blank row to fill in by hand
    result: str  # "Trước hạn" / "Đúng hạn" / "Quá hạn" / ""
    note: str


@dataclass(frozen=True)
class ControlSheet:
    form: FormTexts
    head: Letterhead
    code: str
    applicant: str
    request: str
    book_ref: str
    agency: str
    printed_on: dt.date
    rows: tuple[ControlRow, ...]
    reprint: bool = False


@dataclass(frozen=True)
class Letter:
    form: FormTexts
    head: Letterhead
    number: str
    issued_at: dt.datetime
    applicant: str
    address: str
    code: str
    request: str
    received_at: dt.datetime
    appointment: dt.datetime
    reason: str
    new_appointment: dt.datetime | None
    signer: str
    reprint: bool = False


def _when(at: dt.datetime | None, placeholder: str) -> str:
    if at is None:
        return placeholder
    return f"{at:%H} giờ {at:%M} phút, ngày {at:%d/%m/%Y}"


def render_control_sheet(sheet: ControlSheet, paper: PaperSize | str = PaperSize.A4) -> bytes:
    r = SlipRenderer(paper)
    f = sheet.form
    story: list[Flowable] = [
        *r.header(sheet.head, f, sheet.printed_on),
        r.p(escape(f.text("title")), r.title),
        r.p(f"<i>{escape(f.text('receipt_ref', number=sheet.book_ref))}</i>", r.centre),
        r.labelled(f.text("attached"), sheet.applicant),
        r.labelled(f.text("code"), sheet.code),
        r.p(escape(sheet.request)),
        r.labelled(f.text("lead"), sheet.agency),
        Spacer(1, r.body.leading * 0.4),
    ]
    columns = f.texts["columns"]
    data: list[list[Any]] = [[r.p(f"<b>{escape(c)}</b>", r.cell_centre) for c in columns]]
    blank = f.text("handover_time")
    for i, row in enumerate(sheet.rows, start=1):
        who = (
            f"{i}. {escape(f.text('give'))}: {escape(row.giver) or '…'}<br/>"
            f"{escape(f.text('take'))}: {escape(row.receiver) or '…'}"
        )
        when = escape(_when(row.at, blank))
        # room to sign beside each name (the labels at 85 % of the body, not 6 pt)
        signs = f"<i>{escape(f.text('giver'))}:</i><br/><br/><i>{escape(f.text('receiver'))}:</i>"
        note = escape(row.note)
        data.append(
            [
                r.p(who, r.cell),
                r.p(when, r.cell),
                r.p(escape(row.result), r.cell_centre),
                r.p(f"{note}<br/>{signs}" if note else signs, r.small),
            ]
        )
    w = r.frame_width
    table = Table(data, colWidths=[w * 0.3, w * 0.27, w * 0.18, w * 0.25], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)
    return r.build(
        [story],
        title=f"{f.text('title')} — {sheet.code}",
        watermark=f.text("reprint") if sheet.reprint else None,
        subject=sheet.code,
    )


def _letter_start(r: SlipRenderer, letter: Letter) -> list[Flowable]:
    f = letter.form
    desk = letter.head.desk_name
    return [
        *r.header(letter.head, f, letter.issued_at.date(), f.text("number", number=letter.number)),
        r.balanced(f.text("title"), r.title),
        Spacer(1, r.body.leading * 0.3),
        r.p(f"{escape(f.text('addressee'))}: <b>{escape(letter.applicant)}</b>", r.centre),
        Spacer(1, r.body.leading * 0.3),
        r.p(
            f"{escape(f.text('received', received=f'{letter.received_at:%d/%m/%Y}', desk=desk))}"
            f" <b>{escape(letter.applicant)}</b>"
            + (f", địa chỉ: {escape(letter.address)}" if letter.address else "")
            + "."
        ),
        r.labelled(f.text("request"), letter.request),
        r.labelled(f.text("code"), letter.code),
    ]


def _letter_pdf(r: SlipRenderer, letter: Letter, body: list[Flowable]) -> bytes:
    f = letter.form
    story = [
        *_letter_start(r, letter),
        *body,
        r.p(escape(f.text("closing"))),
        Spacer(1, r.body.leading * 0.5),
        r.signatures(
            None,
            f.text("sign_right"),
            f.text("sign_hint"),
            letter.signer,
            received=("Như trên", f"Lưu: VT, hồ sơ {letter.code}"),
        ),
    ]
    return r.build(
        [story],
        title=f"{f.text('title')} — {letter.code}",
        watermark=f.text("reprint") if letter.reprint else None,
        subject=letter.code,
    )


def render_apology(letter: Letter, paper: PaperSize | str = PaperSize.A5) -> bytes:
    r = SlipRenderer(paper)
    f = letter.form
    desk = letter.head.desk_name
    assert letter.new_appointment is not None
    new = format_vn_datetime(letter.new_appointment)
    return _letter_pdf(
        r,
        letter,
        [
            r.labelled(f.text("appointment"), format_vn_datetime(letter.appointment)),
            r.p(escape(f.text("late", desk=desk))),
            r.labelled(f.text("reason"), letter.reason),
            r.p(f"{escape(f.text('apology', desk=desk))} <b>{escape(new)}</b>."),
            r.labelled(f.text("new_appointment"), new),
        ],
    )


def render_stop(letter: Letter, paper: PaperSize | str = PaperSize.A5) -> bytes:
    r = SlipRenderer(paper)
    f = letter.form
    body = [
        r.p(escape(f.text("stop", desk=letter.head.desk_name))),
        r.labelled(f.text("reason"), letter.reason),
    ]
    return _letter_pdf(r, letter, body)
