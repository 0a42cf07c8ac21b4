import datetime as dt

from isoqms.domain.iso_cycle import CitingDocument, LegalChange, cites, legal_updates

D = dt.date


def test_a_code_is_cited_only_as_itself() -> None:
    line = "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ"
    assert cites(line, "123/2015/NĐ-CP") and cites(line, "123/2015/nd-cp")
    assert not cites(line, "23/2015/NĐ-CP")
    assert not cites("Nghị định số 23/2015/NĐ-CPX", "23/2015/NĐ-CP")
    assert not cites(line, "")


def test_documents_citing_a_changed_text_owe_an_update_within_three_months() -> None:
    change = LegalChange("123/2015/NĐ-CP", "Nghị định hộ tịch", D(2026, 11, 30), "withdrawn")
    other = LegalChange("23/2015/NĐ-CP", "Nghị định chứng thực", D(2026, 10, 1), "amended")
    docs = [
        CitingDocument("QT-HT-01", "Khai sinh", ("Nghị định số 123/2015/NĐ-CP",), D(2025, 7, 1)),
        CitingDocument("QT-HT-02", "Kết hôn", ("Nghị định số 123/2015/NĐ-CP",), D(2026, 12, 1)),
        CitingDocument("QT-CT-01", "Chứng thực", ("Nghị định số 23/2015/NĐ-CP",), None),
    ]
    found = legal_updates([change, other], docs)
    assert [(u.document, u.external, u.due) for u in found] == [
        ("QT-CT-01", "23/2015/NĐ-CP", D(2027, 1, 1)),
        ("QT-HT-01", "123/2015/NĐ-CP", D(2027, 2, 28)),  # 30/11 + 3 months: end of February
    ]
    assert found[1].label.startswith("Cập nhật theo 123/2015/NĐ-CP (thu hồi / thay thế từ")
    assert found[0].overdue(D(2027, 1, 2)) and not found[0].overdue(D(2027, 1, 1))
