from __future__ import annotations

from typing import Any

from sqlalchemy import text

from tests.tools.support import Env, hall_id
from tools.identity import Caller

ALICE = Caller.citizen("alice")
BOB = Caller.citizen("bob")
# Assembled from parts so that no complete phone number is written in the source.
PHONE = "1" + "3" * 2 + "0" * 8
NOTICE = (
    "示例服务：工单不会转交真实的12345热线平台。如需正式反映诉求请拨打12345；遇紧急危险请拨打110、119或120。"
)


def _order(key: str = "order-key-0001", **extra: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "kind": "投诉",
        "city": "襄阳",
        "district": "樊城区",
        "location": "中原街道某小区东门",
        "description": "小区门口夜间施工噪音扰民，希望相关部门核查。",
        "confirm": True,
        "idempotency_key": key,
    }
    args.update(extra)
    return args


def test_needs_confirmation_then_files_and_routes_to_the_district_hall(env: Env) -> None:
    ask = env.error("create_work_order", _order(confirm=False), ALICE)
    summary = "投诉：襄阳市樊城区中原街道某小区东门，转交樊城区政务服务中心办理"
    assert (ask.code, ask.message) == (
        "confirmation_required",
        f"请向用户确认工单信息（{summary}）。确认后再提交（confirm=true）",
    )
    assert ask.details == {"action": "create_work_order", "summary": summary}
    order = env.call("create_work_order", _order(), ALICE)
    assert (order.order_no, order.status, order.status_text) == ("GD20260609000001", "received", "已受理")
    assert (order.kind, order.city, order.district, order.hall) == (
        "投诉",
        "襄阳市",
        "樊城区",
        "樊城区政务服务中心",
    )
    assert (order.created_at, order.contact, order.replayed, order.notice) == (
        "2026-06-09 10:00",
        "未留联系方式",
        False,
        NOTICE,
    )
    assert [(e.at, e.status_text, e.note) for e in order.events] == [
        ("2026-06-09 10:00", "已受理", "已登记，转交樊城区政务服务中心")
    ]
    assert order.source == "湖北省政务服务事项数据库（示例数据）·襄阳市12345工单记录"


def test_retry_returns_the_same_order_and_reuse_is_a_conflict(env: Env) -> None:
    first = env.call("create_work_order", _order(), ALICE)
    again = env.call("create_work_order", _order(), ALICE)
    assert (again.order_no, again.replayed) == (first.order_no, True)
    other = env.error("create_work_order", _order(description="另一件事：路灯不亮。"), ALICE)
    assert (other.code, other.message) == ("conflict", "该幂等键已用于另一张工单，请为新的诉求使用新的幂等键")
    with env.session_factory() as session:
        assert session.execute(text("SELECT COUNT(*) FROM work_orders")).scalar_one() == 1


def test_contact_details_only_with_consent(env: Env) -> None:
    error = env.error("create_work_order", _order(contact_phone=PHONE), ALICE)
    assert (error.code, error.message) == (
        "invalid_input",
        "留下联系方式需要您的同意：请确认同意后再提交（contact_consent=true），或不留联系方式",
    )
    order = env.call(
        "create_work_order",
        _order(contact_consent=True, contact_name="李明", contact_phone=f"{PHONE[:3]}-{PHONE[3:7]}-{PHONE[7:]}"),
        ALICE,
    )
    assert order.contact == f"李**，{PHONE[:3]}****{PHONE[-4:]}"
    with env.session_factory() as session:
        stored = session.execute(text("SELECT contact_name, contact_phone FROM work_orders")).one()
    assert tuple(stored) == ("李明", PHONE)


def test_citizens_see_only_their_own_orders(env: Env) -> None:
    order = env.call("create_work_order", _order(), ALICE)
    assert env.call("get_work_order_status", {"order_no": order.order_no}, ALICE).order_no == order.order_no
    error = env.error("get_work_order_status", {"order_no": order.order_no}, BOB)
    assert (error.code, error.message) == ("not_found", "未找到工单“GD20260609000001”，或您无权查看该工单")
    assert env.call("list_work_orders", {}, BOB).items == []
    mine = env.call("list_work_orders", {}, ALICE)
    assert (mine.scope, [o.order_no for o in mine.items]) == ("本人提交的工单", ["GD20260609000001"])


def test_staff_see_their_own_halls_queue_only(env: Env) -> None:
    env.call("create_work_order", _order(), ALICE)
    env.call(
        "create_work_order",
        _order("order-key-0002", kind="建议", district=None, description="建议增设公交站。"),
        BOB,
    )
    district_staff = Caller.staff("clerk-fc", hall_id(env, "XY-002"))
    city_staff = Caller.staff("clerk-xy", hall_id(env, "XY-001"))
    queue = env.call("list_work_orders", {}, district_staff)
    assert (queue.scope, [o.order_no for o in queue.items]) == ("本大厅工单队列", ["GD20260609000001"])
    assert [o.order_no for o in env.call("list_work_orders", {}, city_staff).items] == ["GD20260609000002"]
    assert (
        env.call("get_work_order_status", {"order_no": "GD20260609000001"}, district_staff).hall
        == "樊城区政务服务中心"
    )
    error = env.error("get_work_order_status", {"order_no": "GD20260609000001"}, city_staff)
    assert (error.code, error.message) == ("not_found", "未找到工单“GD20260609000001”，或您无权查看该工单")
    assert env.call("list_work_orders", {"status": "closed"}, district_staff).items == []


def test_who_may_file_and_read(env: Env) -> None:
    anonymous = env.error("create_work_order", _order(), Caller.anonymous())
    assert (anonymous.code, anonymous.message) == ("forbidden", "提交工单需要先登录并完成实名认证")
    staff = env.error("create_work_order", _order(), Caller.staff("clerk", 1))
    assert (staff.code, staff.message) == (
        "forbidden",
        "工作人员账号不能代群众提交工单，请由群众本人登录后办理",
    )
    status = env.error("get_work_order_status", {"order_no": "GD20260609000001"}, Caller.anonymous())
    assert (status.code, status.message) == ("forbidden", "查询工单需要先登录")
    listing = env.error("list_work_orders", {}, Caller.service())
    assert (listing.code, listing.message) == ("forbidden", "该服务账号未指定办理人，不能查看工单")


def test_sql_like_text_is_stored_verbatim(env: Env) -> None:
    description = "'); DROP TABLE work_orders; -- 路灯坏了 OR 1=1"
    order = env.call(
        "create_work_order", _order(description=description, location="人民路'; DELETE FROM halls;--"), ALICE
    )
    assert order.description == description
    assert env.call("get_work_order_status", {"order_no": order.order_no}, ALICE).description == description
    with env.session_factory() as session:
        assert session.execute(text("SELECT COUNT(*) FROM halls")).scalar_one() == 37
        assert session.execute(text("SELECT description FROM work_orders")).scalar_one() == description


def test_bad_work_order_inputs(env: Env) -> None:
    cases = [
        (_order(description="长" * 10000), "诉求内容过长：最多2000个字，当前10000个字"),
        (_order(location="路" * 10000), "事发地点过长：最多200个字，当前10000个字"),
        (_order(description="噪音\x00扰民"), "内容包含不可见的控制字符，请删除后重新输入"),
        (_order(kind="表扬"), "诉求类型取值无效，可选：咨询、求助、投诉、举报、建议"),
        (_order(contact_consent=True, contact_phone="12345"), "手机号码格式不正确，应为11位手机号"),
        (_order(idempotency_key="短"), "幂等键应为8到64位字母、数字、下划线或连字符"),
        (_order(description=""), "诉求内容不能为空"),
        (
            _order(city="纽约"),
            "未知的城市“纽约”。请填写湖北省的市州名称，例如：武汉市、襄阳市、恩施土家族苗族自治州",
        ),
    ]
    for args, message in cases:
        error = env.error("create_work_order", args, ALICE)
        assert (error.code, error.message) == ("invalid_input", message)
    missing = env.error("get_work_order_status", {"order_no": "GD' OR '1'='1"}, ALICE)
    assert (missing.code, missing.message) == (
        "invalid_input",
        "查询内容包含不支持的字符（如引号、分号、等号），请只输入中文、字母或数字",
    )
