#!/usr/bin/env python3
"""numpy counterpart of bench/engine/eigvalsh.ts: times one operation on the same matrix.

usage: eigvalsh_numpy.py eigvalsh|svdvals|gram-eig MATRIX ROWS COLS REPEATS [f8|f4]
  eigvalsh  np.linalg.eigvalsh(A)                       (A square, float64)
  svdvals   np.linalg.svd(A, compute_uv=False)
  gram-eig  A (float32 file) cast to float64, G = A Aᵀ or AᵀA (the smaller; numpy calls dsyrk
            for x @ x.T), then np.linalg.eigvalsh(G); the cast is timed, as infolens converts too.
Prints one JSON line: {"wall", "cpu" (median seconds), "gram": {"wall","cpu"} for gram-eig,
"values": [first, last], "numpy": version, "blas": library name}.
"""
import json
import sys
import time

import numpy as np

op, path, rows, cols, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
dtype = sys.argv[6] if len(sys.argv) > 6 else 'f8'
a = np.fromfile(path, dtype='<' + dtype).reshape(rows, cols)


def gram():
    x = a.astype(np.float64)
    return x.T @ x if cols <= rows else x @ x.T


def blas_name():
    """The BLAS library actually mapped into this process (Linux), else what numpy's build config says."""
    try:
        with open('/proc/self/maps') as maps:
            libs = sorted({line.split()[-1] for line in maps if 'blas' in line.split()[-1].lower()})
        import os
        if libs:
            return ', '.join(os.path.realpath(x) for x in libs)
    except OSError:
        pass
    try:
        return np.show_config(mode='dicts')['Build Dependencies']['blas']['name']
    except Exception:
        return 'unknown'


def timed(fn):
    t = []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        v = fn()
        t.append((time.perf_counter() - w0, time.process_time() - c0, v))
    return t


out = {}
if op == 'gram-eig':
    # one repeat of each stage is the norm here (seconds per call); no warm-up needed for BLAS
    g_runs = timed(gram)
    g = g_runs[-1][2]
    e_runs = timed(lambda: np.linalg.eigvalsh(g))
    out['gram'] = {'wall': float(np.median([r[0] for r in g_runs])), 'cpu': float(np.median([r[1] for r in g_runs]))}
    walls = [gw + ew for (gw, _, _), (ew, _, _) in zip(g_runs, e_runs)]
    cpus = [gc + ec for (_, gc, _), (_, ec, _) in zip(g_runs, e_runs)]
    v = e_runs[-1][2]
else:
    fn = (lambda: np.linalg.eigvalsh(a)) if op == 'eigvalsh' else (lambda: np.linalg.svd(a, compute_uv=False))
    fn()  # warm-up
    runs = timed(fn)
    walls, cpus, v = [r[0] for r in runs], [r[1] for r in runs], runs[-1][2]
out.update({'wall': float(np.median(walls)), 'cpu': float(np.median(cpus)), 'values': [float(v[0]), float(v[-1])],
            'numpy': np.__version__, 'blas': blas_name()})
print(json.dumps(out))
