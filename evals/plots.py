"""PNG plots of eval reports (matplotlib, Agg, no pyplot): each returns None when its data is absent.

Labels are Chinese when a CJK font is installed (Debian's fonts-noto-cjk), English otherwise.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Serif CJK SC",
             "Noto Serif CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC")
ZH = {
    "government": "政务", "healthcare": "医疗", "education": "教育", "eldercare": "养老",
    "out_of_scope": "范围外", "smalltalk": "闲聊", "handoff": "转人工",
    "hybrid": "混合", "dense": "稠密", "sparse": "BM25",
}
ROUTE_ORDER = ("government", "healthcare", "education", "eldercare", "out_of_scope", "smalltalk", "handoff")
PASS_COLOUR, FAIL_COLOUR = "#2e7d32", "#c62828"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The first installed CJK font family matplotlib can use, or None."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def _t(zh: str, en: str) -> str:
    return zh if cjk_font() else en


def _name(key: str) -> str:
    return f"{ZH[key]}\n{key}" if cjk_font() and key in ZH else key


@contextmanager
def _figure(path: Path, width: float, height: float) -> Iterator[Figure]:
    """A figure drawn in the CJK font when there is one (it has Latin glyphs too); saved to `path` on exit."""
    font = cjk_font()
    rc: dict[str, Any] = {"font.family": "sans-serif", "axes.unicode_minus": False}
    if font:
        rc["font.sans-serif"] = [font, "DejaVu Sans"]
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        fig = Figure(figsize=(width, height), dpi=110, layout="constrained")
        FigureCanvasAgg(fig)  # the non-interactive Agg canvas, without touching pyplot's global backend
        yield fig
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png")


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _gate_line(ax: Axes, gate: float | None, label: str) -> None:
    if gate is not None:
        ax.axhline(gate, color=FAIL_COLOUR, linestyle="--", linewidth=1, label=label)


def confusion_matrix(confusion: Any) -> tuple[list[str], list[str], list[list[int]]] | None:
    """Gold labels, predicted labels and counts from `{gold: {pred: n}}`; None when not that shape."""
    if not isinstance(confusion, Mapping) or not confusion:
        return None
    if not all(isinstance(row, Mapping) for row in confusion.values()):
        return None
    preds = {str(p) for row in confusion.values() for p in row}

    def order(labels: set[str]) -> list[str]:
        return [x for x in ROUTE_ORDER if x in labels] + sorted(labels - set(ROUTE_ORDER))

    gold, pred = order({str(g) for g in confusion}), order(preds)
    counts = [[int(_number(confusion[g].get(p)) or 0) for p in pred] for g in gold]
    return gold, pred, counts


def routing_confusion(report: Mapping[str, Any] | None, path: Path, part: str = "external") -> Path | None:
    """Heat map of `report[part]["confusion"]`, coloured by row share, annotated with counts."""
    matrix = confusion_matrix(((report or {}).get(part) or {}).get("confusion"))
    if matrix is None:
        return None
    gold, pred, counts = matrix
    shares = [[c / (sum(row) or 1) for c in row] for row in counts]
    with _figure(path, 1.3 * len(pred) + 2.5, 1.0 * len(gold) + 2) as fig:
        ax = fig.subplots()
        image = ax.imshow(shares, cmap="Blues", vmin=0, vmax=1)
        for i, row in enumerate(counts):
            for j, count in enumerate(row):
                ax.text(j, i, str(count), ha="center", va="center",
                        color="white" if shares[i][j] > 0.6 else "black", fontsize=9)
        ax.set_xticks(range(len(pred)), [_name(p) for p in pred], fontsize=8)
        ax.set_yticks(range(len(gold)), [_name(g) for g in gold], fontsize=8)
        ax.set_xlabel(_t("预测", "predicted"))
        ax.set_ylabel(_t("标注", "gold"))
        ax.set_title(_t(f"分流混淆矩阵（{part}）", f"Routing confusion ({part})"))
        fig.colorbar(image, ax=ax, label=_t("占该行比例", "share of row"))
    return path


def _grouped_bars(path: Path, groups: Mapping[str, Mapping[str, float]], title: str, ylabel: str,
                  gate: float | None, gate_label: str) -> Path | None:
    """Bars per category (x) for each series in `groups` ({series: {category: value}})."""
    series = {s: vals for s, vals in groups.items() if vals}
    if not series:
        return None
    categories = list(dict.fromkeys(c for vals in series.values() for c in vals))
    width = 0.8 / len(series)
    with _figure(path, max(6.0, 1.2 * len(categories) * len(series) ** 0.5 + 3.5), 4) as fig:
        ax = fig.subplots()
        for k, (name, vals) in enumerate(series.items()):
            xs = [i + (k - (len(series) - 1) / 2) * width for i in range(len(categories))]
            ys = [vals.get(c, 0.0) for c in categories]
            bars = ax.bar(xs, ys, width, label=_name(name).replace("\n", " "))
            ax.bar_label(bars, labels=[f"{y:.2f}" for y in ys], fontsize=7, padding=1)
        _gate_line(ax, gate, gate_label)
        ax.set_xticks(range(len(categories)), [_name(c) for c in categories], fontsize=8)
        ax.set_ylim(0, 1.08)
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    return path


def _metric_by_domain(by_domain: Any, metric: str) -> dict[str, float]:
    if not isinstance(by_domain, Mapping):
        return {}
    found = {str(d): _number(m.get(metric)) for d, m in by_domain.items() if isinstance(m, Mapping)}
    return {d: v for d, v in found.items() if v is not None}


def retrieval_by_domain(report: Mapping[str, Any] | None, path: Path, gate: float | None = None) -> Path | None:
    """hit@5 per domain, one bar per retrieval mode (or the hybrid figures alone)."""
    report = report or {}
    modes = report.get("modes")
    groups = ({str(m): _metric_by_domain(v.get("by_domain"), "hit@5") for m, v in modes.items()
               if isinstance(v, Mapping)} if isinstance(modes, Mapping) else {})
    if not any(groups.values()):
        groups = {"hybrid": _metric_by_domain(report.get("by_domain"), "hit@5")}
    return _grouped_bars(path, groups, _t("检索 hit@5（按领域）", "Retrieval hit@5 by domain"), "hit@5",
                         gate, _t(f"门槛 {gate}", f"gate {gate}"))


def routing_by_domain(report: Mapping[str, Any] | None, path: Path, gate: float | None = None) -> Path | None:
    """External-set accuracy per class, with and without `alt_domain` credit."""
    ext = (report or {}).get("external") or {}
    groups: dict[str, dict[str, float]] = {}
    for key, label in (("per_class", _t("准确率", "accuracy")),
                       ("per_class_strict", _t("严格准确率", "strict accuracy"))):
        values = ext.get(key)
        if isinstance(values, Mapping):
            groups[label] = {str(k): v for k, raw in values.items() if (v := _number(raw)) is not None}
    return _grouped_bars(path, groups, _t("分流准确率（按领域，外部集）", "Routing accuracy by domain (external)"),
                         _t("准确率", "accuracy"), gate, _t(f"门槛（宏平均）{gate}", f"gate (macro) {gate}"))


def latency_histogram(report: Mapping[str, Any] | None, path: Path, stage: str) -> Path | None:
    """Histogram of `report["latencies_ms"]` with the p50 and p95 marked; None without raw latencies."""
    raw = (report or {}).get("latencies_ms")
    values = sorted(v for x in raw if (v := _number(x)) is not None) if isinstance(raw, Sequence) else []
    if not values:
        return None
    p50 = values[len(values) // 2]
    p95 = values[int(0.95 * (len(values) - 1))]
    with _figure(path, 6, 3.6) as fig:
        ax = fig.subplots()
        ax.hist(values, bins=min(40, max(5, len(values) // 4)), color="#5c6bc0")
        for value, name, style in ((p50, "p50", "-"), (p95, "p95", "--")):
            ax.axvline(value, color=FAIL_COLOUR, linestyle=style, linewidth=1, label=f"{name} {value:.0f} ms")
        ax.set_xlabel(_t("耗时（毫秒）", "latency (ms)"))
        ax.set_ylabel(_t("次数", "count"))
        ax.set_title(_t(f"{stage} 耗时分布（{len(values)} 次）", f"{stage} latency ({len(values)} runs)"))
        ax.legend(fontsize=8)
    return path


def gates_overview(rows: Sequence[tuple[str, str, bool]], path: Path) -> Path | None:
    """One coloured row per gate: (`stage · gate` label, measured value text, passed)."""
    if not rows:
        return None
    with _figure(path, 8, 0.38 * len(rows) + 1.2) as fig:
        ax = fig.subplots()
        for i, (_, value, ok) in enumerate(rows):
            ax.barh(i, 1, color=PASS_COLOUR if ok else FAIL_COLOUR, height=0.8)
            ax.text(0.02, i, "PASS" if ok else "FAIL", va="center", color="white", fontweight="bold", fontsize=8)
            ax.text(0.98, i, value, va="center", ha="right", color="white", fontsize=8)
        ax.set_yticks(range(len(rows)), [r[0] for r in rows], fontsize=8)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        passed = sum(r[2] for r in rows)
        ax.set_title(_t(f"评测门槛：{passed}/{len(rows)} 通过", f"Eval gates: {passed}/{len(rows)} pass"))
    return path
