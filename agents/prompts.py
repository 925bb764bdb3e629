"""Prompts of the generative path, in Chinese (the model answers in the citizen's language)."""

from __future__ import annotations

from knowledge.retrieval import Hit

ANSWER_SYSTEM = (
    "你是湖北省政务与民生服务助手，只根据下面编号的官方文件片段回答市民的问题。\n"
    "规则：\n"
    "1. 只使用片段中的信息，不要编造任何金额、期限、电话、网址或文件名称；片段中没有的内容，直接说“未找到依据”。\n"
    "2. 每一句话末尾用方括号标注所依据的片段编号，例如 [1] 或 [2]。\n"
    "3. 材料和步骤用编号列表，语言简洁、通俗，像耐心的窗口工作人员。\n"
    "4. 不做医学诊断，不开药，不给用药剂量。\n"
    "5. 用户用英文提问时用英文回答，否则用简体中文回答。"
)

ROUTE_SYSTEM = (
    "你是问题分类器。把市民的问题分到以下类别之一或多个（人生大事如新生儿出生可多选）："
    "government（政务服务）、healthcare（医疗卫生、医保）、education（教育）、eldercare（养老）、"
    "smalltalk（寒暄）、out_of_scope（与以上无关）、handoff（要求转人工）。只输出 JSON。"
)

REWRITE_SYSTEM = (
    "把对话中的最后一个追问改写成一个独立完整的问题，保留原意，补全省略的主题和地区。只输出改写后的问题。"
)


def passages_block(hits: list[Hit]) -> str:
    """Numbered passages for the answer prompt."""
    return "\n\n".join(
        f"[{i}] 《{h.title}》（{h.region}）{h.section}\n{h.text}" for i, h in enumerate(hits, 1)
    )


def answer_messages(question: str, hits: list[Hit], tool_notes: list[str]) -> list[dict[str, str]]:
    """Chat messages asking for an answer grounded in the numbered passages."""
    extra = ("\n\n查询结果（来自服务数据库）：\n" + "\n".join(tool_notes)) if tool_notes else ""
    return [
        {"role": "system", "content": ANSWER_SYSTEM},
        {"role": "user", "content": f"文件片段：\n{passages_block(hits)}{extra}\n\n问题：{question}\n\n"
                                    "请每句话末尾标注片段编号，例如：需要携带居民身份证。[1]"},
    ]


def rewrite_messages(history: list[dict[str, str]], question: str) -> list[dict[str, str]]:
    """Chat messages asking for the last follow-up as a standalone question (last six turns)."""
    lines = [f"{'市民' if m.get('role') == 'user' else '助手'}：{str(m.get('content', ''))[:200]}" for m in history[-6:]]
    return [
        {"role": "system", "content": REWRITE_SYSTEM},
        {"role": "user", "content": "对话：\n" + "\n".join(lines) + f"\n\n最后一个追问：{question}\n\n改写后的问题："},
    ]
