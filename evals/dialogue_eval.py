"""Multi-turn dialogues: follow-ups, remembered regions, topic switches, emergencies and handoffs mid-thread.

Each dialogue in `datasets/dialogues.jsonl` runs in a fresh thread; every turn's `expect` is checked:
`status` (one or a list of allowed statuses), `domains_include`, `facts_any` (at least one fact in the
answer, spacing and thousands separators ignored), `region` (document citations from that region or the
province), `handoff`, `emergency` (False unless the turn expects it: a false alarm fails) and `language`.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from agents.assistant import Assistant
from agents.intake import BadInput
from evals.answers_eval import facts_found, load
from knowledge.regions import PROVINCE

DATASET = "dialogues.jsonl"
GATES = {"turn_pass_rate": 0.85, "emergency_midway_rate": 1.0, "handoff_request_rate": 1.0}


class CitationView(Protocol):
    """The citation fields the checks read."""

    @property
    def doc_id(self) -> str: ...
    @property
    def region(self) -> str: ...


class TurnView(Protocol):
    """The `TurnResult` fields the checks read (a hand-built stand-in works too)."""

    @property
    def status(self) -> str: ...
    @property
    def domains(self) -> Sequence[str]: ...
    @property
    def answer(self) -> str: ...
    @property
    def citations(self) -> Sequence[CitationView]: ...
    @property
    def handoff(self) -> bool: ...
    @property
    def emergency(self) -> bool: ...
    @property
    def language(self) -> str: ...


@dataclass
class TurnRecord:
    """One checked turn of one dialogue."""

    dialogue: dict[str, Any]
    index: int
    problems: list[str]
    facts_ok: bool | None
    region_ok: bool | None
    result: TurnView | None
    ms: float

    @property
    def turn(self) -> dict[str, Any]:
        """The dataset turn."""
        return dict(self.dialogue["turns"][self.index])


def region_ok(result: TurnView, region: str) -> bool:
    """Document citations exist and all come from `region` (or a county in it) or the province."""
    docs = [c for c in result.citations if not c.doc_id.startswith("tool:")]
    return bool(docs) and all(c.region == PROVINCE or c.region.startswith(region) for c in docs)


def check_turn(expect: dict[str, Any], result: TurnView) -> list[str]:
    """What the turn got wrong against its expectations; empty when it passes."""
    problems: list[str] = []
    allowed = expect["status"] if isinstance(expect["status"], list) else [expect["status"]]
    if result.status not in allowed:
        problems.append(f"status {result.status!r} not in {allowed}")
    missing = [d for d in expect.get("domains_include", []) if d not in result.domains]
    if missing:
        problems.append(f"domains {list(result.domains)} lack {missing}")
    facts = expect.get("facts_any")
    if facts and facts_found(result.answer, facts) == 0:
        problems.append(f"none of the facts {facts}")
    if expect.get("region") and not region_ok(result, expect["region"]):
        problems.append(f"citations {[c.region for c in result.citations]} not from {expect['region']}/{PROVINCE}")
    for flag in ("handoff", "emergency"):
        want = bool(expect.get(flag, False)) if flag == "emergency" else expect.get(flag)
        if want is not None and bool(getattr(result, flag)) != want:
            problems.append(f"{flag} {getattr(result, flag)} != {want}")
    if expect.get("language") and result.language != expect["language"]:
        problems.append(f"language {result.language!r} != {expect['language']!r}")
    return problems


async def run_dialogue(assistant: Assistant, dialogue: dict[str, Any]) -> list[TurnRecord]:
    """Every turn of one dialogue in its own thread, checked."""
    thread = uuid.uuid4().hex
    records: list[TurnRecord] = []
    for i, turn in enumerate(dialogue["turns"]):
        expect = turn["expect"]
        t0 = time.perf_counter()
        try:
            result = await assistant.ask(turn["user"], thread_id=thread, region=turn.get("region"))
        except BadInput as err:  # a citizen-readable refusal of the text itself: the turn fails
            records.append(TurnRecord(dialogue, i, [f"bad input: {err}"], False, False, None, 0.0))
            continue
        ms = (time.perf_counter() - t0) * 1000
        facts = expect.get("facts_any")
        records.append(TurnRecord(
            dialogue, i, check_turn(expect, result),
            facts_found(result.answer, facts) > 0 if facts else None,
            region_ok(result, expect["region"]) if expect.get("region") else None,
            result, ms,
        ))
    return records


def _rate(flags: Sequence[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def _handoff_done(records: list[TurnRecord]) -> bool:
    wanted = [r for r in records if r.turn["expect"].get("handoff") is True]
    return all(r.result is not None and r.result.handoff for r in wanted)


def summarise(by_dialogue: list[list[TurnRecord]]) -> dict[str, Any]:
    """The report: pass rates overall, per kind and per ability, latency, failures and gates."""
    turns = [r for recs in by_dialogue for r in recs]
    passed = [not any(r.problems for r in recs) for recs in by_dialogue]
    kinds: dict[str, list[bool]] = {}
    for recs, ok in zip(by_dialogue, passed, strict=True):
        kinds.setdefault(recs[0].dialogue["kind"], []).append(ok)
    later = [r for r in turns if r.index > 0]
    wants_handoff = [recs for recs in by_dialogue if any(r.turn["expect"].get("handoff") is True for r in recs)]
    ms = sorted(r.ms for r in turns if r.result is not None)
    report: dict[str, Any] = {
        "stage": "dialogues",
        "dialogues": len(by_dialogue),
        "turns": len(turns),
        "turn_pass_rate": _rate([not r.problems for r in turns]),
        "dialogue_pass_rate": _rate(passed),
        # Opening turns measure single-question answering; later turns what the thread adds (or breaks).
        "opening_turn_pass_rate": _rate([not r.problems for r in turns if r.index == 0]),
        "later_turn_pass_rate": _rate([not r.problems for r in later]),
        "by_kind": {k: {"dialogues": len(v), "pass_rate": _rate(v),
                        "turn_pass_rate": _rate([not r.problems for r in turns if r.dialogue["kind"] == k])}
                    for k, v in sorted(kinds.items())},
        "followup_fact_rate": _rate([r.facts_ok for r in later if r.facts_ok is not None]),
        "region_memory_rate": _rate([r.region_ok for r in later
                                     if r.region_ok is not None and not r.turn.get("region")]),
        "handoff_rate": _rate([_handoff_done(recs) for recs in wants_handoff]),
        "handoff_request_rate": _rate([_handoff_done(recs) for recs in wants_handoff
                                       if recs[0].dialogue["kind"] == "handoff_request"]),
        "emergency_midway_rate": _rate([r.result is not None and r.result.emergency
                                        and r.result.status == "emergency"
                                        for r in later if r.turn["expect"].get("emergency") is True]),
        "latency_ms": {"p50": round(ms[len(ms) // 2], 1) if ms else 0.0,
                       "p95": round(ms[int(0.95 * (len(ms) - 1))], 1) if ms else 0.0},
        "latencies_ms": [round(x, 1) for x in ms],
        "failures": [
            {"id": r.dialogue["id"], "kind": r.dialogue["kind"], "turn": r.index, "user": r.turn["user"],
             "expected": r.turn["expect"], "problems": r.problems,
             "status": r.result.status if r.result else "bad_input",
             "answer": (r.result.answer if r.result else "")[:160]}
            for r in turns if r.problems
        ],
    }
    # A rate with nothing to measure (a small `limit`) is reported as None and does not fail its gate.
    report["gates"] = {
        f"{name}>={bar}": report[name] is None or report[name] >= bar for name, bar in GATES.items()
    }
    report["passed"] = all(report["gates"].values())
    return report


async def evaluate(assistant: Assistant, *, limit: int | None = None) -> dict[str, Any]:
    """Run the dialogues (the first `limit` when given), each in a fresh thread, and score them."""
    return summarise([await run_dialogue(assistant, d) for d in load(DATASET, limit)])
