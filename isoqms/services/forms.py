"""The forms the desk prints, read from the document register.

The stock library (``forms/*/manifest.json`` and a blank .docx per form) is loaded as
controlled documents on first start (``services.existing_documents.ensure_stock_forms``). From then
on a form's printed texts are the *content of its revisions*: a slip is drawn from the
form revision in force on the receipt date, a new approved revision changes new slips only,
and a dossier records the exact revision (``BM.MC.2025.01@1``) it reprints from.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, load_only

from isoqms import paths
from isoqms.db.models import Document, DocumentRevision
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind, RevisionDates, RevisionState, Standing, standings
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.forms import FormTexts
from isoqms.domain.text import check_text
from isoqms.services import limits

#: What a form revision's content looks like (``document_revision.form_content``).

#: The slips and books a form can be (``kind`` in the manifest).
FORM_KINDS = {
    "receipt": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "supplement": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "refusal": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "apology": "Phiếu/Văn bản xin lỗi và hẹn lại ngày trả kết quả",
    "stop": "Thông báo dừng giải quyết hồ sơ",
    "control": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "ledger": "Sổ theo dõi hồ sơ",
    "register-internal": "Danh mục tài liệu nội bộ",
    "register-external": "Danh mục tài liệu bên ngoài",
    "register-records": "Danh mục hồ sơ",
    "distribution": "Sổ theo dõi phân phối tài liệu",
    "change-request": "Phiếu đề nghị soạn thảo, sửa đổi tài liệu",
}


#: the blank forms of the amendments, drawn from the shipped texts (which do not change
#: while the program runs)
_DRAWN: dict[tuple[str, int, int], bytes] = {}


@dataclass(frozen=True)
class StockForm:
    form: FormTexts
    folder: Path
    #: what changed, for an amendment shipped after the form's first revision ("" for it)
    change_summary: str = ""

    @property
    def blank(self) -> Path:
        """The blank .docx of the form (``forms/<folder>/blank.docx``)."""
        return self.folder / "blank.docx"

    def blank_bytes(self) -> bytes | None:
        """The blank .docx of this revision: the shipped file for the first, drawn from
        the amended texts for an amendment."""
        if not self.form.amendment:
            return self.blank.read_bytes() if self.blank.is_file() else None
        key = (str(self.folder), self.form.revision, self.form.amendment)
        if key not in _DRAWN:  # drawn once per process: every new database loads them
            from isoqms.render.blank_form import blank_form

            _DRAWN[key] = blank_form(self.manifest())
        return _DRAWN[key]

    def manifest(self) -> dict[str, Any]:
        """The manifest this revision would have on its own (for its blank form)."""
        data: dict[str, Any] = json.loads(
            (self.folder / "manifest.json").read_text(encoding="utf-8")
        )
        data.pop("amendments", None)
        data.update(legal_basis=self.form.legal_basis, texts=self.form.texts)
        return data


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@cache
def stock_forms() -> tuple[StockForm, ...]:
    """The forms shipped in ``forms/``, as their manifests describe them: each form's
    first revision, then its amendments (``amendments`` in the manifest: a later text of
    the same issue, loaded as its own revision so slips made before reprint unchanged)."""
    out = []
    for manifest in sorted(paths.forms_dir().glob("*/manifest.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        form = FormTexts(
            code=data["code"],
            kind=data["kind"],
            regime=data["regime"],
            number=data["number"],
            name=data["name"],
            legal_basis=data["legal_basis"],
            effective_from=dt.date.fromisoformat(data["effective_from"]),
            effective_to=_date(data.get("effective_to")),
            revision=int(data["revision"]),
            texts=data["texts"],
            paper=data.get("paper", "A5"),
        )
        if form.kind not in FORM_KINDS:
            raise ValueError(f"{manifest}: unknown form kind {form.kind!r}")
        out.append(StockForm(form, manifest.parent))
        for change in data.get("amendments", ()):
            form = replace(
                form,
                amendment=int(change["amendment"]),
                legal_basis=change.get("legal_basis", form.legal_basis),
                effective_from=dt.date.fromisoformat(change["effective_from"]),
                texts={**form.texts, **change.get("texts", {})},
            )
            out.append(StockForm(form, manifest.parent, change["change_summary"]))
    return tuple(out)


# ---------------------------------------------------------------------- from the register


def _parse(
    code: str,
    rev: DocumentRevision,
    effective_from: dt.date,
    effective_to: dt.date | None,
) -> FormTexts:
    assert rev.form_content is not None
    data = json.loads(rev.form_content)
    return FormTexts(
        code=code,
        kind=data["kind"],
        regime=data["regime"],
        number=data["number"],
        name=data["name"],
        legal_basis=data["legal_basis"],
        effective_from=effective_from,
        effective_to=effective_to,
        revision=rev.issue,
        amendment=rev.amendment,
        texts=data["texts"],
        paper=data.get("paper", "A5"),
    )


def _form_revisions(session: Session, code: str | None = None) -> dict[str, list[DocumentRevision]]:
    query = (
        select(Document.code, DocumentRevision)
        .join(Document, Document.id == DocumentRevision.document_id)
        .where(Document.kind == DocumentKind.FORM.value)
        .order_by(Document.code, DocumentRevision.issue, DocumentRevision.amendment)
        # every receipt asks: not the revisions' searchable text nor their summaries
        .options(
            load_only(
                DocumentRevision.id,
                DocumentRevision.document_id,
                DocumentRevision.state,
                DocumentRevision.issue,
                DocumentRevision.amendment,
                DocumentRevision.effective_from,
                DocumentRevision.withdrawn_on,
                DocumentRevision.form_content,
            )
        )
    )
    if code is not None:
        query = query.where(Document.code == code)
    rows = session.execute(query).all()
    grouped: dict[str, list[DocumentRevision]] = {}
    for code, rev in rows:
        grouped.setdefault(code, []).append(rev)
    return grouped


def _standings(
    revs: list[DocumentRevision], day: dt.date
) -> dict[int, tuple[Standing, dt.date | None]]:
    return standings(
        [
            RevisionDates(r.id, RevisionState(r.state), r.effective_from, r.withdrawn_on)
            for r in revs
        ],
        day,
    )


def forms_in_force(session: Session, day: dt.date) -> dict[str, FormTexts]:
    """The approved form revision in force on ``day`` for each kind of form (when two
    forms of one kind are in force, the one that took effect last)."""
    found: dict[str, FormTexts] = {}
    for code, revs in _form_revisions(session).items():
        standing = _standings(revs, day)
        for rev in revs:
            state, effective_to = standing[rev.id]
            if state is not Standing.EFFECTIVE or rev.form_content is None:
                continue
            assert rev.effective_from is not None
            form = _parse(code, rev, rev.effective_from, effective_to)
            known = found.get(form.kind)
            if known is None or (form.effective_from, form.code) > (
                known.effective_from,
                known.code,
            ):
                found[form.kind] = form
    return found


def form_for(session: Session, kind: str, day: dt.date) -> FormTexts:
    """The approved revision of the form of ``kind`` in force on ``day``."""
    form = forms_in_force(session, day).get(kind)
    if form is None:
        label = FORM_KINDS.get(kind, kind)
        raise NotFound(f"Không có biểu mẫu “{label}” có hiệu lực ngày {day:%d/%m/%Y}.")
    return form


_KEY = re.compile(r"^(?P<code>.+)@(?P<issue>\d+)(?:\.(?P<amendment>\d+))?$")


def form_by_revision(session: Session, key: str) -> FormTexts:
    """The exact form revision a dossier or notice was issued under (for reprints)."""
    match = _KEY.match(key)
    if match is None:
        raise NotFound(f"Không tìm thấy biểu mẫu {key}.")
    code = match["code"]
    issue, amendment = int(match["issue"]), int(match["amendment"] or 0)
    revs = _form_revisions(session, code).get(code, [])
    for rev in revs:
        if rev.issue == issue and rev.amendment == amendment and rev.form_content:
            _, effective_to = _standings(revs, clock.today())[rev.id]
            start = rev.effective_from or dt.date.min
            return _parse(code, rev, start, effective_to)
    raise NotFound(f"Không tìm thấy biểu mẫu {key}.")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def checked_texts(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """Validate the texts of a new form revision against the previous one: the same keys,
    nothing left empty, the same fill-in fields (``{number}`` …), lists keep their length."""
    out: dict[str, Any] = {}
    missing = [k for k in old if k not in new]
    unknown = [k for k in new if k not in old]
    if missing or unknown:
        raise ValidationError(
            "Nội dung biểu mẫu phải giữ đúng các mục: " + ", ".join(missing + unknown)
        )
    for key, before in old.items():
        value = new[key]
        if isinstance(before, list):
            if not isinstance(value, list) or len(value) != len(before):
                raise ValidationError(f"Mục “{key}” phải có {len(before)} cột.")
            items = [
                check_text(str(v), f"mục “{key}”", max_length=limits.LINE, multiline=True)
                for v in value
            ]
            if not all(items):
                raise ValidationError(f"Mục “{key}” còn cột để trống.")
            out[key] = items
            continue
        text = check_text(str(value), f"mục “{key}”", max_length=limits.NOTE, multiline=True)
        if not text:
            raise ValidationError(f"Mục “{key}” không được để trống.")
        try:
            fields = _fields(text)
        except ValueError:
            raise ValidationError(f"Mục “{key}”: dấu ngoặc {{ }} không khớp.") from None
        if fields != _fields(str(before)):
            expected = ", ".join("{" + f + "}" for f in sorted(_fields(str(before)))) or "không có"
            raise ValidationError(f"Mục “{key}” phải giữ các chỗ điền: {expected}.")
        out[key] = text
    return out
