#!/usr/bin/env python3
"""Straightforward NumPy Inv-Entropy scoring of an inv-entropy/v1 JSONL file (bench baseline).

One item at a time: |cos| similarity matrices with one matmul each, then the draws as numpy ops
per draw. Like infolens, when the number of response tuples prod(r_i) is at most B every tuple is
enumerated once (then the means are exact and the checksum must agree with infolens'); otherwise
B tuples are drawn with numpy's own RNG (then the draws only need to be comparable in cost).
Embeddings given as {"npy": FILE, "row": k} are rows of a memory-mapped side-car (np.load).
Prints JSON with the parse and score seconds and a checksum of all measures.

Usage: numpy_score.py FILE.jsonl [B]   (B defaults to 20)
"""
import itertools
import json
import os
import sys
import time

import numpy as np


_npy = {}


def vector(v, base):
    """An embedding inline, or {"npy": file, "row": k} read from the side-car (memory-mapped)."""
    if isinstance(v, dict):
        if v["npy"] not in _npy:
            _npy[v["npy"]] = np.load(os.path.join(base, v["npy"]), mmap_mode="r")
        return _npy[v["npy"]][v["row"]]
    return v


def sim(E):
    E = np.asarray(E, float)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    S = np.abs(U @ U.T)
    np.fill_diagonal(S, 1.0)
    return S


def tuples(counts, B, rng):
    if np.prod(counts, dtype=float) <= B:
        return [np.array(t) for t in itertools.product(*[range(c) for c in counts])]
    return [rng.integers(0, counts) for _ in range(B)]


def score(run, rng, B, base):
    Sx = sim([vector(x["embedding"], base) for x in run["inputs"]])
    Sr = sim([vector(y["embedding"], base) for x in run["inputs"] for y in x["responses"]])
    counts = np.array([len(x["responses"]) for x in run["inputs"]])
    offs = np.concatenate([[0], np.cumsum(counts)[:-1]])
    Px = Sx / Sx.sum(1, keepdims=True)
    acc = np.zeros(5)
    picks = tuples(counts, B, rng)
    for pick in picks:
        idx = offs + pick
        Sy = Sr[np.ix_(idx, idx)]
        Py = Sy / Sy.sum(1, keepdims=True)
        pY = Py.mean(0)
        PxgY = Py @ Px
        pX = pY @ PxgY
        d = np.diag(PxgY)
        q = d * pY / pX
        acc += [-(d * np.log(d)).sum(), -(q * np.log(q)).sum(), np.abs(np.sort(pX) - np.sort(pY)).mean(), q.max(), pY.max()]
    return acc / len(picks)


def main(path, B):
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    items = [json.loads(l) for l in open(path) if l.strip()]
    t1 = time.perf_counter()
    base = os.path.dirname(os.path.abspath(path))
    out = [score(run, rng, B, base) for it in items for run in it["runs"]]
    t2 = time.perf_counter()
    print(json.dumps({"items": len(items), "parseSeconds": t1 - t0, "scoreSeconds": t2 - t1, "checksum": float(np.sum(out))}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 20)
