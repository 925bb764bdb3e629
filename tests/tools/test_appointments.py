from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import text

from tests.tools.support import Env, id_number, slot_id
from tools.context import BEIJING
from tools.errors import ToolError
from tools.identity import Caller

ALICE = Caller.citizen("alice")
BOB = Caller.citizen("bob")
MOTHER_ID = id_number("42060219460315002")
HOSPITAL = "襄阳市中心医院"


def _slot(env: Env, start: str = "14:00", department: str = "老年医学科", day: str = "2026-06-10") -> int:
    return slot_id(env, HOSPITAL, department, day, start)


def _book(
    slot: int, key: str = "booking-key-0001", patient_id: str = MOTHER_ID, confirm: bool = True
) -> dict[str, Any]:
    return {
        "slot_id": slot,
        "patient_name": "王秀兰",
        "patient_id_number": patient_id,
        "confirm": confirm,
        "idempotency_key": key,
    }


def _booked(env: Env, slot: int) -> tuple[int, int]:
    with env.session_factory() as session:
        row = session.execute(text("SELECT booked, capacity FROM slots WHERE id = :id"), {"id": slot}).one()
    return int(row[0]), int(row[1])


def _set_capacity(env: Env, slot: int, capacity: int) -> None:
    with env.session_factory() as session, session.begin():
        session.execute(text("UPDATE slots SET capacity = :c WHERE id = :id"), {"c": capacity, "id": slot})


def test_booking_needs_explicit_confirmation(env: Env) -> None:
    slot = _slot(env)
    error = env.error("book_appointment", _book(slot, confirm=False), ALICE)
    assert error.code == "confirmation_required"
    summary = "襄阳市中心医院老年医学科，2026-06-10 14:00-15:00，就诊人王**，挂号费20元"
    assert error.message == f"请向用户确认预约信息：{summary}。确认后再提交（confirm=true）"
    assert error.details == {"action": "book_appointment", "summary": summary}
    assert _booked(env, slot)[0] == 0


def test_book_then_retry_returns_the_same_booking(env: Env) -> None:
    slot = _slot(env)
    first = env.call("book_appointment", _book(slot), ALICE)
    assert (first.booking_no, first.status, first.status_text) == ("GH20260610000001", "booked", "已预约")
    assert (first.hospital, first.department, str(first.date), first.start, first.end) == (
        HOSPITAL,
        "老年医学科",
        "2026-06-10",
        "14:00",
        "15:00",
    )
    assert (first.patient_name, first.patient_id, first.fee_yuan) == (
        "王**",
        "420***********" + MOTHER_ID[-4:],
        20,
    )
    assert (first.replayed, first.sample) == (False, True)
    assert first.source == "湖北省政务服务事项数据库（示例数据）·襄阳市中心医院预约挂号记录"
    again = env.call("book_appointment", _book(slot), ALICE)
    assert (again.booking_no, again.replayed) == ("GH20260610000001", True)
    assert _booked(env, slot)[0] == 1


def test_reusing_a_key_for_another_slot_is_a_conflict(env: Env) -> None:
    env.call("book_appointment", _book(_slot(env)), ALICE)
    error = env.error("book_appointment", _book(_slot(env, "15:00")), ALICE)
    assert (error.code, error.message) == ("conflict", "该幂等键已用于另一笔预约，请为新的预约使用新的幂等键")


def test_same_patient_same_department_same_day_is_refused(env: Env) -> None:
    env.call("book_appointment", _book(_slot(env)), ALICE)
    error = env.error("book_appointment", _book(_slot(env, "15:00"), key="booking-key-0002"), ALICE)
    assert (error.code, error.message) == (
        "conflict",
        "该就诊人当天已预约本科室（预约号GH20260610000001），请勿重复预约",
    )
    assert _booked(env, _slot(env, "15:00"))[0] == 0


def test_full_slot_is_taken(env: Env) -> None:
    slot = _slot(env)
    _set_capacity(env, slot, 1)
    env.call("book_appointment", _book(slot), ALICE)
    error = env.error(
        "book_appointment", _book(slot, key="bob-key-0001", patient_id=id_number("42060219500101123")), BOB
    )
    assert (error.code, error.message) == ("slot_taken", "号源已被预约，请选择其他时段")


def test_twenty_concurrent_bookings_for_the_last_slot(env: Env) -> None:
    slot = _slot(env)
    _set_capacity(env, slot, 1)
    barrier = threading.Barrier(20)
    results: dict[int, Any] = {}

    def book(i: int) -> None:
        args = _book(slot, key=f"race-key-{i:04d}", patient_id=id_number(f"42060219500101{i:03d}"))
        barrier.wait()
        try:
            results[i] = env.registry.call("book_appointment", args, Caller.citizen(f"user-{i}"))
        except ToolError as exc:
            results[i] = exc

    threads = [threading.Thread(target=book, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    winners = [i for i, r in results.items() if not isinstance(r, ToolError)]
    losers = [r for r in results.values() if isinstance(r, ToolError)]
    assert len(results) == 20
    assert len(winners) == 1
    assert [(e.code, e.message) for e in losers] == [("slot_taken", "号源已被预约，请选择其他时段")] * 19
    assert _booked(env, slot) == (1, 1)
    [winner] = winners
    booking = results[winner]
    retry_args = _book(
        slot, key=f"race-key-{winner:04d}", patient_id=id_number(f"42060219500101{winner:03d}")
    )
    retry = env.call("book_appointment", retry_args, Caller.citizen(f"user-{winner}"))
    assert (retry.booking_no, retry.replayed) == (booking.booking_no, True)
    assert _booked(env, slot) == (1, 1)


def test_concurrent_retries_of_one_request_book_once(env: Env) -> None:
    slot = _slot(env)
    barrier = threading.Barrier(10)
    results: list[Any] = []
    lock = threading.Lock()

    def book() -> None:
        barrier.wait()
        try:
            outcome: Any = env.registry.call("book_appointment", _book(slot), ALICE)
        except ToolError as exc:
            outcome = exc
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=book) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert [getattr(r, "booking_no", r) for r in results] == ["GH20260610000001"] * 10
    assert sum(not r.replayed for r in results) == 1
    assert _booked(env, slot)[0] == 1


def test_cancel_frees_the_slot_and_is_idempotent(env: Env) -> None:
    slot = _slot(env)
    booking = env.call("book_appointment", _book(slot), ALICE)
    args = {"booking_no": booking.booking_no, "confirm": False, "idempotency_key": "cancel-key-0001"}
    ask = env.error("cancel_appointment", args, ALICE)
    assert (ask.code, ask.message) == (
        "confirmation_required",
        "请向用户确认是否取消预约：襄阳市中心医院老年医学科，2026-06-10 14:00-15:00。确认后再提交（confirm=true）",
    )
    done = env.call("cancel_appointment", {**args, "confirm": True}, ALICE)
    assert (done.booking_no, done.status, done.status_text, done.replayed) == (
        booking.booking_no,
        "cancelled",
        "已取消",
        False,
    )
    assert _booked(env, slot)[0] == 0
    again = env.call("cancel_appointment", {**args, "confirm": True}, ALICE)
    assert (again.status, again.replayed) == ("cancelled", True)
    assert _booked(env, slot)[0] == 0


def test_a_citizen_cannot_see_or_cancel_another_citizens_booking(env: Env) -> None:
    booking = env.call("book_appointment", _book(_slot(env)), ALICE)
    args = {"booking_no": booking.booking_no, "confirm": True, "idempotency_key": "cancel-key-0001"}
    error = env.error("cancel_appointment", args, BOB)
    assert (error.code, error.message) == (
        "not_found",
        "未找到预约号为GH20260610000001的预约，或该预约不属于您",
    )
    assert env.call("list_my_appointments", {}, BOB).items == []
    mine = env.call("list_my_appointments", {}, ALICE)
    assert [a.booking_no for a in mine.items] == ["GH20260610000001"]


def test_list_hides_cancelled_unless_asked(env: Env) -> None:
    booking = env.call("book_appointment", _book(_slot(env)), ALICE)
    env.call(
        "cancel_appointment",
        {"booking_no": booking.booking_no, "confirm": True, "idempotency_key": "c-key-0001"},
        ALICE,
    )
    assert env.call("list_my_appointments", {}, ALICE).total == 0
    listed = env.call("list_my_appointments", {"include_cancelled": True}, ALICE)
    assert [(a.booking_no, a.status) for a in listed.items] == [(booking.booking_no, "cancelled")]


def test_who_may_book(env: Env) -> None:
    slot = _slot(env)
    cases = [
        (Caller.anonymous(), "预约挂号需要先登录并完成实名认证"),
        (Caller.staff("clerk-1", 1), "工作人员账号不能代群众预约挂号，请由群众本人登录后办理"),
        (Caller.service(), "该服务账号未指定办理人，不能预约挂号"),
    ]
    for caller, message in cases:
        error = env.error("book_appointment", _book(slot), caller)
        assert (error.code, error.message) == ("forbidden", message)
    anonymous_bad_args = env.error("book_appointment", {}, Caller.anonymous())
    assert anonymous_bad_args.code == "forbidden"
    on_behalf = env.call("book_appointment", _book(slot), Caller.service("alice"))
    assert env.call("list_my_appointments", {}, ALICE).items[0].booking_no == on_behalf.booking_no


def test_slot_that_already_started_or_does_not_exist(env: Env) -> None:
    env.clock.now = datetime(2026, 6, 10, 14, 5, tzinfo=BEIJING)
    started = env.error("book_appointment", _book(_slot(env)), ALICE)
    assert (started.code, started.message) == ("invalid_input", "该时段已开始或已结束，请选择之后的时段")
    env.clock.now = datetime(2026, 6, 11, 9, 0, tzinfo=BEIJING)
    past = env.error("book_appointment", _book(_slot(env)), ALICE)
    assert (past.code, past.message) == (
        "invalid_input",
        "就诊日期2026-06-10已过，请选择今天（2026-06-11）或以后的日期",
    )
    missing = env.error("book_appointment", _book(99999999), ALICE)
    assert (missing.code, missing.message) == ("not_found", "未找到编号为99999999的号源，请重新查询号源")


def test_cannot_cancel_after_the_slot_started(env: Env) -> None:
    booking = env.call("book_appointment", _book(_slot(env)), ALICE)
    env.clock.now = datetime(2026, 6, 10, 15, 0, tzinfo=BEIJING)
    args = {"booking_no": booking.booking_no, "confirm": True, "idempotency_key": "cancel-key-0001"}
    error = env.error("cancel_appointment", args, ALICE)
    assert (error.code, error.message) == (
        "invalid_input",
        "就诊时段已开始或已结束，不能在线取消；如有疑问请联系医院",
    )


def test_read_only_deployment_has_no_booking(env: Env) -> None:
    registry = env.read_only()
    error = None
    try:
        registry.call("book_appointment", _book(_slot(env)), ALICE)
    except ToolError as exc:
        error = exc
    assert error is not None
    assert (error.code, error.message) == (
        "not_found",
        "当前为只读服务，不提供“book_appointment”，请到大厅窗口或在鄂汇办办理",
    )
