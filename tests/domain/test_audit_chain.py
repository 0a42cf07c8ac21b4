import dataclasses
import datetime as dt

from isoqms.domain.audit import GENESIS_HASH, EventRecord, canonical_json, check_chain

AT = dt.datetime(2026, 11, 24, 8, 30, 0, 123456)


def chain(n: int) -> list[tuple[int, EventRecord, str]]:
    out: list[tuple[int, EventRecord, str]] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        record = EventRecord(
            seq,
            AT,
            1,
            "admin",
            "user.create",
            "user",
            str(seq),
            None,
            canonical_json({"full_name": "Vũ Thị Ủy"}),
            prev,
        )
        prev = record.digest()
        out.append((seq, record, prev))
    return out


def test_canonical_json_is_deterministic_and_nfc() -> None:
    assert canonical_json({"b": 1, "a": "Hồ sơ"}) == '{"a":"Hồ sơ","b":1}'
    decomposed = "Ho\u0302\u0300 so\u031b"
    assert canonical_json(decomposed) == canonical_json("Hồ sơ")
    assert canonical_json({"s": {3, 1, 2}}) == '{"s":[1,2,3]}'


def test_intact_chain_passes() -> None:
    events = chain(5)
    problem, last_seq, last_hash = check_chain(events)
    assert problem is None
    assert (last_seq, last_hash) == (5, events[-1][2])


def test_edit_is_found_at_the_edited_event() -> None:
    events = chain(5)
    row_id, record, stored = events[2]
    events[2] = (row_id, dataclasses.replace(record, actor="mallory"), stored)
    problem, last_seq, _ = check_chain(events)
    assert problem is not None and problem.seq == 3 and last_seq == 2


def test_deleted_event_is_found() -> None:
    events = chain(5)
    del events[1]
    problem, _, _ = check_chain(events)
    assert problem is not None and problem.seq == 2
    assert "thiếu" in problem.reason


def test_swapped_events_are_found() -> None:
    events = chain(5)
    events[1], events[2] = events[2], events[1]
    problem, _, _ = check_chain(events)
    assert problem is not None and problem.seq == 2


def test_timestamps_hash_with_microseconds() -> None:
    record = chain(1)[0][1]
    later = dataclasses.replace(record, at=AT + dt.timedelta(microseconds=1))
    assert record.digest() != later.digest()


def test_a_row_digest_is_sha256_of_its_sorted_canonical_json() -> None:
    """The seals already written in databases were made with this definition: a faster
    row_digest must give the same text, byte for byte, for every kind of value."""
    import datetime as dt
    import hashlib
    import json

    from isoqms.domain.audit import ROW_DIGEST_HEX, row_digest, row_key

    row = {
        "ten": "Nguyễn Văn Đức",  # kept as stored: not normalised
        "decomposed": "Nguye\u0302\u0303n",
        "id": 7,
        "fee": 12.5,
        "active": True,
        "note": None,
        "received_at": dt.datetime(2026, 12, 1, 9, 30),
        "day": dt.date(2026, 12, 1),
        "content": b"\x00\x01",
        "quote": 'a "b" \\ c\n',
    }
    reference = {
        "active": True,
        "content": hashlib.sha256(b"\x00\x01").hexdigest(),
        "day": "2026-12-01",
        "decomposed": "Nguye\u0302\u0303n",
        "fee": 12.5,
        "id": 7,
        "note": None,
        "quote": 'a "b" \\ c\n',
        "received_at": "2026-12-01T09:30:00.000000",
        "ten": "Nguyễn Văn Đức",
    }
    text = json.dumps(reference, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert row_digest(row) == hashlib.sha256(text.encode()).hexdigest()[:ROW_DIGEST_HEX]
    assert row_digest(row) != row_digest({**row, "decomposed": "Nguyễn"})
    assert row_key([3, dt.date(2026, 1, 2)]) == "3|2026-01-02"
