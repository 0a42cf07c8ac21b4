"""``sign``: digital signatures (ký số) with a PKCS#11 token — the token, signing a PDF,
verifying one, the unit's trust store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from isoqms.cli.common import Commands, Context, emit_json, read_file, read_secret, write_file
from isoqms.domain.errors import ValidationError


def _pin() -> str:
    return read_secret("ISOQMS_PIN", "Mã PIN của thiết bị ký số: ")


def _library_of(ctx: Context) -> str:
    """The library named with --library, or the one in the user's settings."""
    from isoqms.services.signatures import user_choice

    if ctx.args.library:
        return str(ctx.args.library)
    choice = user_choice(ctx.db, ctx.actor.user_id)
    if choice is None:
        raise ValidationError(
            "Chưa chọn thư viện PKCS#11: thêm --library ĐƯỜNG-DẪN, hoặc chọn thiết bị ký số "
            "bằng “isoqms sign setup --library …”."
        )
    return choice.library


def cmd_sign_tokens(ctx: Context) -> int:
    from isoqms.services.signing import tokens

    found = tokens(_library_of(ctx))
    if ctx.args.json:
        emit_json(
            [
                {
                    "slot": t.slot,
                    "label": t.label,
                    "manufacturer": t.manufacturer,
                    "model": t.model,
                    "serial": t.serial,
                    "certificates": [{"key": k, **c.to_json()} for k, c in t.certificates],
                }
                for t in found
            ]
        )
        return 0
    if not found:
        print("Không thấy thiết bị ký số nào: hãy cắm USB token vào máy.")
        return 0
    for t in found:
        print(f"Thiết bị “{t.label}” ({t.manufacturer} {t.model}, số {t.serial}):")
        if not t.certificates:
            print("    (không có chứng thư số)")
        for key, cert in t.certificates:
            print(f"    [{key}] {cert.label}")
            print(f"        hiệu lực {cert.validity()}; SHA-256 {cert.sha256}")
    return 0


def cmd_sign_setup(ctx: Context) -> int:
    from isoqms.domain.roles import Permission
    from isoqms.services.signatures import (
        UnitSigning,
        set_unit_signing,
        set_user_choice,
        unit_signing,
        user_choice,
    )
    from isoqms.services.signing import TokenChoice, certificate_of
    from isoqms.services.uow import refuse

    args = ctx.args
    if args.unit and not ctx.actor.can(Permission.UNIT_MANAGE):
        raise refuse(ctx.actor, Permission.UNIT_MANAGE)  # before any library is loaded
    choice = None
    if args.library:
        choice = TokenChoice(args.library, args.token or "", args.key or "")
        cert = certificate_of(choice)  # the token and the certificate are there now
        chosen = f"{cert.label}, hiệu lực {cert.validity()}"
    if args.unit:
        current = unit_signing(ctx.db)
        if args.none:
            new = UnitSigning()
        else:
            slips = current.slips if args.slips is None else args.slips == "on"
            new = UnitSigning(choice or current.choice, slips)
        done = set_unit_signing(ctx.db, ctx.actor, new)
        if ctx.args.json:
            emit_json(
                {
                    "unit": True,
                    "token": done.choice.to_dict() if done.choice else None,
                    "slips": done.slips,
                }
            )
        elif done.choice is None:
            print("Đơn vị không dùng thiết bị ký số: giấy tiếp nhận in như trước, không ký số.")
        else:
            token = f"thiết bị “{done.choice.token}”, " if done.choice.token else ""
            print(f"Thiết bị ký số của đơn vị: {token}chứng thư “{done.choice.key}”.")
            print("Giấy tiếp nhận và thông báo: " + ("ký số." if done.slips else "không ký số."))
        return 0
    if args.slips is not None:
        print("isoqms: --slips chỉ dùng với --unit.", file=sys.stderr)
        return 2
    if args.none:
        set_user_choice(ctx.db, ctx.actor, None)
        if ctx.args.json:
            emit_json({"unit": False, "token": None})
        else:
            print("Đã bỏ thiết bị ký số: ký bằng mật khẩu như trước.")
        return 0
    if choice is None:
        now = user_choice(ctx.db, ctx.actor.user_id)
        if ctx.args.json:
            emit_json({"unit": False, "token": now.to_dict() if now else None})
        else:
            print(
                f"Thiết bị ký số: {now.library} / {now.token} / {now.key}"
                if now
                else "Chưa chọn thiết bị ký số (ký bằng mật khẩu)."
            )
        return 0
    set_user_choice(ctx.db, ctx.actor, choice)
    if ctx.args.json:
        emit_json({"unit": False, "token": choice.to_dict()})
    else:
        print(f"Đã chọn chứng thư để ký: {chosen}.")
    return 0


def _checks_json(checks: list[Any]) -> dict[str, Any]:
    from isoqms.services.signing import OFFLINE_LIMITS

    return {
        "ok": bool(checks) and all(c.ok for c in checks),
        "signatures": [c.to_json() for c in checks],
        "not_checked": OFFLINE_LIMITS,
        "offline": True,
    }


def cmd_sign_verify(ctx: Context) -> int:
    from isoqms.services.signatures import verify
    from isoqms.services.signing import OFFLINE_LIMITS

    checks = verify(ctx.db, read_file(ctx.args.file))
    ok = bool(checks) and all(c.ok for c in checks)
    if ctx.args.json:
        emit_json(_checks_json(checks))
        return 0 if ok else 1
    if not checks:
        print(f"Tệp {Path(ctx.args.file).name} không có chữ ký số nào.")
        return 1
    for check in checks:
        print(check.summary())
        if check.signer is not None:
            cert = check.signer
            print(
                f"    Chứng thư: số hiệu {cert.serial}, hiệu lực {cert.validity()}, "
                f"SHA-256 {cert.sha256}"
            )
        print(
            "    Nội dung: "
            + (
                "không thay đổi sau khi ký"
                if check.intact and check.covers_whole
                else "ĐÃ THAY ĐỔI"
            )
            + "; chuỗi chứng thư: "
            + ("tới chứng thư gốc đơn vị tin cậy" if check.trusted else "KHÔNG được tin cậy")
        )
    print(OFFLINE_LIMITS)
    return 0 if ok else 1


def cmd_sign_pdf(ctx: Context) -> int:
    from isoqms.services.exports import check_target
    from isoqms.services.signatures import user_choice
    from isoqms.services.signing import DEFAULT_FIELD, find_place, sign_pdf

    args = ctx.args
    data = read_file(args.file)
    out = Path(args.out)
    check_target(out, "tệp PDF đã ký")
    if out.suffix.lower() != ".pdf":
        raise ValidationError(f"Tệp {out.name} phải có đuôi .pdf.")
    if out.resolve() == Path(args.file).resolve():
        raise ValidationError("Tệp ký ra phải khác tệp gốc (--out).")
    choice = user_choice(ctx.db, ctx.actor.user_id)
    if choice is None:
        raise ValidationError(
            "Chưa chọn thiết bị ký số: chạy “isoqms sign setup --library … --key …” trước."
        )
    place = find_place(data, args.place, match_case=False) if args.place else None
    signed, cert = sign_pdf(
        data,
        choice,
        _pin(),
        field_name=args.field or DEFAULT_FIELD,
        place=place,
        reason=args.reason or "",
    )
    write_file(str(out), signed)
    if args.json:
        emit_json({"file": str(out), "signer": cert.to_json(), "visible": place is not None})
    else:
        print(f"Đã ký số {out} bằng chứng thư của {cert.label}.")
    return 0


def cmd_sign_trust(ctx: Context) -> int:
    from isoqms.services import signatures

    args = ctx.args
    if args.trust_command == "add":
        info = signatures.trust_add(ctx.db, ctx.actor, read_file(args.file))
        if args.json:
            emit_json(info.to_json())
        else:
            print(f"Đã thêm vào danh sách tin cậy: {info.label}, SHA-256 {info.sha256}.")
        return 0
    if args.trust_command == "remove":
        row = signatures.trust_remove(ctx.db, ctx.actor, args.sha256)
        if args.json:
            emit_json({"sha256": row.sha256, "subject": row.subject})
        else:
            print(f"Đã bỏ khỏi danh sách tin cậy: {row.subject} ({row.sha256[:16]}…).")
        return 0
    _ = ctx.actor  # the trust store is the unit's record: signed in to read it
    rows = signatures.trust_list(ctx.db)
    if args.json:
        emit_json(
            [
                {
                    "sha256": r.sha256,
                    "subject": r.subject,
                    "issuer": r.issuer,
                    "valid_to": r.valid_to.isoformat(),
                    "added_at": r.added_at.isoformat(),
                }
                for r in rows
            ]
        )
    elif not rows:
        print("Danh sách chứng thư tin cậy đang trống: thêm bằng “isoqms sign trust add TỆP.cer”.")
    else:
        for r in rows:
            print(
                f"{r.sha256[:16]}…  {r.subject} (cấp bởi {r.issuer}), hết hạn {r.valid_to:%d/%m/%Y}"
            )
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    sign = commands.add_parser("sign", help="ký số bằng thiết bị ký số (USB token)").add_subparsers(
        dest="sign_command", metavar="ACTION", required=True
    )
    p = sign.add_parser(
        "tokens", help="liệt kê thiết bị ký số và chứng thư thư viện PKCS#11 thấy", parents=[common]
    )
    p.add_argument("--library", metavar="PKCS11.dll|.so", help="mặc định: thư viện đã chọn")
    p.set_defaults(run=cmd_sign_tokens)
    p = sign.add_parser(
        "setup", help="chọn thiết bị ký số của mình (hoặc của đơn vị: --unit)", parents=[common]
    )
    p.add_argument("--library", metavar="PKCS11.dll|.so", help="thư viện PKCS#11 của thiết bị")
    p.add_argument("--token", metavar="LABEL", help="nhãn thiết bị (khi cắm nhiều thiết bị)")
    p.add_argument("--key", metavar="LABEL", help="nhãn chứng thư/khoá (xem: sign tokens)")
    p.add_argument("--unit", action="store_true", help="thiết bị của đơn vị (quản trị viên)")
    p.add_argument(
        "--slips", choices=["on", "off"], help="với --unit: ký số giấy tiếp nhận và thông báo"
    )
    p.add_argument("--none", action="store_true", help="bỏ thiết bị ký số: ký bằng mật khẩu")
    p.set_defaults(run=cmd_sign_setup)
    p = sign.add_parser("pdf", help="ký số một tệp PDF", parents=[common])
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--out", required=True, metavar="SIGNED.pdf")
    p.add_argument("--field", metavar="NAME", help="tên ô chữ ký (mặc định ChuKySo)")
    p.add_argument("--reason", metavar="TEXT", help="lý do ký")
    p.add_argument(
        "--place",
        action="append",
        metavar="TEXT",
        help="đặt ô chữ ký nhìn thấy được dưới dòng chữ này (vd. “NGƯỜI PHÊ DUYỆT”)",
    )
    p.set_defaults(run=cmd_sign_pdf)
    p = sign.add_parser(
        "verify", help="kiểm tra chữ ký số của một tệp PDF (ngoại tuyến)", parents=[common]
    )
    p.add_argument("file", metavar="FILE.pdf")
    p.set_defaults(run=cmd_sign_verify)
    trust = sign.add_parser("trust", help="chứng thư gốc đơn vị tin cậy").add_subparsers(
        dest="trust_command", metavar="ACTION", required=True
    )
    p = trust.add_parser("add", help="thêm chứng thư gốc (.cer/.crt/.pem)", parents=[common])
    p.add_argument("file", metavar="ROOT.cer")
    p.set_defaults(run=cmd_sign_trust)
    p = trust.add_parser("list", help="liệt kê", parents=[common])
    p.set_defaults(run=cmd_sign_trust)
    p = trust.add_parser("remove", help="bỏ (giữ lại trong lịch sử)", parents=[common])
    p.add_argument("sha256", metavar="SHA256", help="ít nhất 8 chữ số đầu của mã SHA-256")
    p.set_defaults(run=cmd_sign_trust)
