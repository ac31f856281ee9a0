#!/usr/bin/env python3
"""numpy counterpart of bench/engine/eigvalsh.ts: times eigvalsh / svd(compute_uv=False) on the same matrix.

usage: eigvalsh_numpy.py eigvalsh|svdvals MATRIX.f64 ROWS COLS REPEATS
Prints one JSON line: {"wall": median seconds, "cpu": median CPU-seconds, "values": [first, last]}.
"""
import json
import sys
import time

import numpy as np

op, path, rows, cols, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
a = np.fromfile(path, dtype='<f8').reshape(rows, cols)
fn = (lambda: np.linalg.eigvalsh(a)) if op == 'eigvalsh' else (lambda: np.linalg.svd(a, compute_uv=False))
fn()  # warm-up
walls, cpus = [], []
for _ in range(repeats):
    w0, c0 = time.perf_counter(), time.process_time()
    v = fn()
    walls.append(time.perf_counter() - w0)
    cpus.append(time.process_time() - c0)
print(json.dumps({'wall': float(np.median(walls)), 'cpu': float(np.median(cpus)), 'values': [float(v[0]), float(v[-1])]}))
