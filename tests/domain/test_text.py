import unicodedata

from isoqms.domain.text import fold, matches, nfc


def test_nfc_composes_decomposed_input() -> None:
    decomposed = unicodedata.normalize("NFD", "Hồ sơ đăng ký khai sinh")
    assert decomposed != "Hồ sơ đăng ký khai sinh"
    assert nfc(f"  {decomposed} ") == "Hồ sơ đăng ký khai sinh"


def test_fold_ignores_case_marks_and_d_bar() -> None:
    assert fold("Đăng ký  HỒ SƠ") == "dang ky ho so"
    assert fold("Ủy ban nhân dân") == "uy ban nhan dan"


def test_matches_every_word_anywhere() -> None:
    assert matches("ho so", "Tiếp nhận hồ sơ")
    assert matches("dang", "Thủ tục Đăng ký kết hôn")
    assert matches("ket hon dang", "Thủ tục đăng ký kết hôn")
    assert not matches("khai tu", "Thủ tục đăng ký kết hôn")
