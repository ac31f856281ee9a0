#!/usr/bin/env python3
"""Straightforward NumPy Inv-Entropy scoring of an inv-entropy/v1 JSONL file (bench baseline).

One item at a time: |cos| similarity matrices with one matmul each, then B = 20 draws of numpy
ops per item (numpy's own RNG; the draws only need to be comparable in cost). Prints JSON with
the parse and score seconds.
"""
import json
import sys
import time

import numpy as np

B = 20


def sim(E):
    E = np.asarray(E, float)
    U = E / np.linalg.norm(E, axis=1, keepdims=True)
    S = np.abs(U @ U.T)
    np.fill_diagonal(S, 1.0)
    return S


def score(run, rng):
    Sx = sim([x["embedding"] for x in run["inputs"]])
    Sr = sim([y["embedding"] for x in run["inputs"] for y in x["responses"]])
    counts = np.array([len(x["responses"]) for x in run["inputs"]])
    offs = np.concatenate([[0], np.cumsum(counts)[:-1]])
    Px = Sx / Sx.sum(1, keepdims=True)
    acc = np.zeros(5)
    for _ in range(B):
        idx = offs + rng.integers(0, counts)
        Sy = Sr[np.ix_(idx, idx)]
        Py = Sy / Sy.sum(1, keepdims=True)
        pY = Py.mean(0)
        PxgY = Py @ Px
        pX = pY @ PxgY
        d = np.diag(PxgY)
        q = d * pY / pX
        acc += [-(d * np.log(d)).sum(), -(q * np.log(q)).sum(), np.abs(np.sort(pX) - np.sort(pY)).mean(), q.max(), pY.max()]
    return acc / B


def main(path):
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    items = [json.loads(l) for l in open(path) if l.strip()]
    t1 = time.perf_counter()
    out = [score(run, rng) for it in items for run in it["runs"]]
    t2 = time.perf_counter()
    print(json.dumps({"items": len(items), "parseSeconds": t1 - t0, "scoreSeconds": t2 - t1, "checksum": float(np.sum(out))}))


if __name__ == "__main__":
    main(sys.argv[1])
