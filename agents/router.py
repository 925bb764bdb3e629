"""Routes a question to one or more domains: rules first, then k-NN over labelled exemplar embeddings."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, cast, get_args

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict

from agents import router_rules as rules
from knowledge.embedding import Embedder, Vectors

Route = Literal["government", "healthcare", "education", "eldercare", "smalltalk", "out_of_scope", "handoff"]
ROUTES: tuple[Route, ...] = get_args(Route)
DOMAINS: tuple[Route, ...] = ("government", "healthcare", "education", "eldercare")

MAX_CHARS = 256
TEMPERATURE = 0.02


class RouteDecision(BaseModel):
    """Where a question goes, how sure the router is, and which rule (if any) decided.

    `routes` holds several domains only for a life event, ordered by score. `scores` is empty when a
    rule decided before any embedding (handoff, greeting, empty text).
    """

    model_config = ConfigDict(frozen=True)

    routes: tuple[Route, ...]
    scores: dict[str, float]
    confidence: float
    ambiguous: bool
    complaint: bool
    life_event: str | None = None
    rule: str | None = None


@dataclass(frozen=True)
class Exemplars:
    """Labelled texts per route; `complaints` marks those that report a problem, `vague` are topic-less asks."""

    by_route: Mapping[Route, tuple[str, ...]]
    complaints: frozenset[str] = frozenset()
    vague: tuple[str, ...] = ()


def load_exemplars(directory: Path | None = None) -> Exemplars:
    """Read `agents/exemplars/*.yaml`: `route` with `exemplars` and optional `complaints`, or a `vague` list.

    Raises:
        ValueError: a file names a route outside the closed set, or has no texts.

    """
    files = (
        sorted(directory.glob("*.yaml"))
        if directory is not None
        else sorted(
            (f for f in resources.files("agents.exemplars").iterdir() if f.name.endswith(".yaml")),
            key=lambda f: f.name,
        )
    )
    found: dict[Route, list[str]] = {}
    complaints: set[str] = set()
    vague: list[str] = []
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        if "vague" in data:
            vague += [str(t).strip() for t in data["vague"] or [] if str(t).strip()]
            continue
        route = data.get("route")
        if route not in ROUTES:
            raise ValueError(f"{file.name}: unknown route {route!r}")
        plain = [str(t).strip() for t in data.get("exemplars") or []]
        reports = [str(t).strip() for t in data.get("complaints") or []]
        texts = [t for t in plain + reports if t]
        if not texts:
            raise ValueError(f"{file.name}: no exemplars")
        found.setdefault(route, []).extend(texts)
        complaints.update(t for t in reports if t)
    by_route = {route: tuple(dict.fromkeys(texts)) for route, texts in found.items()}
    return Exemplars(by_route, frozenset(complaints), tuple(dict.fromkeys(vague)))


class EmbeddingRouter:
    """k-NN and centroid scores over exemplar embeddings, behind deterministic rules.

    Args:
        embedder: any `Embedder`; exemplars and inputs are both embedded with `embed_queries`.
        exemplars: labelled texts, usually `load_exemplars()`.
        cache_dir: optional folder for a `.npy` of exemplar vectors keyed by model id and texts.
        k: neighbours averaged per class.
        centroid_weight: share of the class-centroid similarity in a class score.
        margin: below this gap between the two best class scores a decision is ambiguous.
        handoff_margin: lead the handoff exemplars need over the next class to route to a person.
        complaint_share_min: share of complaint exemplars among the nearest that flags a complaint.

    """

    def __init__(
        self,
        embedder: Embedder,
        exemplars: Exemplars,
        cache_dir: Path | None = None,
        k: int = 3,
        centroid_weight: float = 0.3,
        margin: float = 0.003,
        handoff_margin: float = 0.02,
        complaint_share_min: float = 0.6,
    ) -> None:
        self._embedder = embedder
        self._k, self._w = k, centroid_weight
        self._margin, self._handoff_margin = margin, handoff_margin
        self._complaint_share_min = complaint_share_min
        by_route = exemplars.by_route
        self._classes: tuple[Route, ...] = tuple(r for r in ROUTES if by_route.get(r))
        groups = [list(by_route[r]) for r in self._classes] + [list(exemplars.vague)]
        texts = [t for group in groups for t in group]
        # Label len(classes) marks the topic-less (vague) exemplars.
        self._labels = np.array([i for i, group in enumerate(groups) for _ in group])
        domain_ids = [self._classes.index(r) for r in DOMAINS if r in self._classes]
        self._is_domain = np.isin(self._labels, domain_ids)
        self._is_complaint = np.array([t in exemplars.complaints for t in texts])
        self._vectors = self._embed_exemplars(texts, cache_dir)
        present = [i for i, group in enumerate(groups) if group]
        centroids = np.zeros((len(groups), self._vectors.shape[1]), dtype=np.float32)
        for i in present:
            mean = self._vectors[self._labels == i].mean(axis=0)
            centroids[i] = mean / np.linalg.norm(mean)
        self._centroids = centroids
        self._has_vague = bool(exemplars.vague)

    def _embed_exemplars(self, texts: list[str], cache_dir: Path | None) -> Vectors:
        if cache_dir is None:
            return self._embedder.embed_queries(texts)
        digest = hashlib.sha256("\n".join([self._embedder.model_id, *texts]).encode()).hexdigest()[:16]
        path = cache_dir / f"router-exemplars-{digest}.npy"
        if path.exists():
            return np.load(path).astype(np.float32)
        vectors = self._embedder.embed_queries(texts)
        cache_dir.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
        return vectors

    def _embed(self, text: str) -> Vectors:
        return self._embedder.embed_queries([text[:MAX_CHARS]])[0]

    def _group_score(self, sims: Vectors, cent: Vectors, i: int) -> float:
        nearest = np.sort(sims[self._labels == i])[::-1][: self._k]
        return round(float((1 - self._w) * nearest.mean() + self._w * cent[i]), 4)

    def _scores(self, query: Vectors) -> tuple[dict[str, float], float | None]:
        """Class scores, and the score of the topic-less exemplars (None when there are none)."""
        sims, cent = self._vectors @ query, self._centroids @ query
        scores: dict[str, float] = {r: self._group_score(sims, cent, i) for i, r in enumerate(self._classes)}
        vague = self._group_score(sims, cent, len(self._classes)) if self._has_vague else None
        return scores, vague

    def _complaint_share(self, query: Vectors, k: int = 5) -> float:
        """Share of complaint exemplars among the k nearest domain exemplars."""
        sims = np.where(self._is_domain, self._vectors @ query, -1.0)
        nearest = np.argsort(-sims)[:k]
        return float(self._is_complaint[nearest].mean())

    def scores(self, text: str) -> dict[str, float]:
        """Similarity of the text to each class (k-NN mean mixed with the centroid), rounded to 4 places."""
        return self._scores(self._embed(rules.normalise(text)))[0]

    def classify(self, text: str) -> RouteDecision:
        """Decide the route(s) for one citizen message."""
        norm = rules.normalise(text)
        if not norm:
            return _ruled("smalltalk", "empty", ambiguous=True)
        if rules.is_handoff(norm):
            return _ruled("handoff", "handoff")
        if rules.is_greeting(norm):
            return _ruled("smalltalk", "greeting")
        body = rules.strip_salutation(norm)
        query = self._embed(body)
        scores, vague = self._scores(query)
        event = rules.detect_life_event(body)
        if event is not None:
            life, domains = event
            ordered = tuple(sorted(domains, key=lambda d: -scores.get(d, 0.0)))
            return RouteDecision(
                routes=ordered,
                scores=scores,
                confidence=1.0,
                ambiguous=False,
                complaint=False,
                life_event=life.name,
                rule=f"life_event:{life.name}",
            )
        if rules.is_civic_complaint(body):
            return _ruled("government", "complaint", scores=scores, complaint=True)
        complaint = rules.has_complaint_cue(body) or self._complaint_share(query) >= self._complaint_share_min
        return self._by_scores(scores, vague, complaint)

    def _by_scores(self, scores: dict[str, float], vague: float | None, complaint: bool) -> RouteDecision:
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if ranked[0][0] == "handoff" and ranked[0][1] - ranked[1][1] < self._handoff_margin:
            # Asking for a person is mostly a rule decision; a narrow lead goes to the nearest real class.
            ranked = ranked[1:]
        best = cast(Route, ranked[0][0])
        values = np.array([v for _, v in ranked])
        probs = np.exp((values - values.max()) / TEMPERATURE)
        gap = ranked[0][1] - ranked[1][1] if len(ranked) > 1 else 1.0
        topicless = vague is not None and vague >= ranked[0][1]
        routes: tuple[Route, ...] = (best,)
        if gap < self._margin and best in DOMAINS and ranked[1][0] in DOMAINS and not topicless:
            # Two domains in a near tie: both answer (each from its own documents) rather than a question back.
            routes = (best, cast(Route, ranked[1][0]))
        return RouteDecision(
            routes=routes,
            scores=scores,
            confidence=round(float(probs[0] / probs.sum()), 4),
            ambiguous=topicless or (gap < self._margin and len(routes) == 1),
            complaint=complaint and best in DOMAINS,
            rule="topicless" if topicless else None,
        )


def _ruled(
    route: Route,
    rule: str,
    scores: dict[str, float] | None = None,
    ambiguous: bool = False,
    complaint: bool = False,
) -> RouteDecision:
    """A decision taken by a rule rather than by scores."""
    return RouteDecision(
        routes=(route,),
        scores=scores or {},
        confidence=0.0 if ambiguous else 1.0,
        ambiguous=ambiguous,
        complaint=complaint,
        rule=rule,
    )
