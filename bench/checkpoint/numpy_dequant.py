#!/usr/bin/env python3
"""numpy baseline for bench/checkpoint/gguf-dequant.ts: quantizes the same seeded matrix with
test/fixtures/gguf/make-gguf.py, writes each type's bytes to OUT_DIR/<TYPE>.bin (for infolens to
decode), and times make-gguf.py's vectorised numpy dequantizer on them (best of REPEATS).
Usage: numpy_dequant.py OUT_DIR ROWS COLS REPEATS TYPE...   Prints {TYPE: seconds} as JSON."""
import importlib.util, json, os, sys, time
import numpy as np

spec = importlib.util.spec_from_file_location(
    'make_gguf', os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'test', 'fixtures', 'gguf', 'make-gguf.py'))
gguf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gguf)

out_dir, rows, cols, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
x = (np.random.default_rng(0).standard_normal((rows, cols)) * 0.02).astype(np.float32)
times = {}
for name in sys.argv[5:]:
    data = gguf.quantize(x, name)
    data.tofile(os.path.join(out_dir, f'{name}.bin'))
    raw = data.tobytes()
    best = float('inf')
    for _ in range(repeats):
        t0 = time.perf_counter()
        gguf.dequantize(raw, name, rows * cols)
        best = min(best, time.perf_counter() - t0)
    times[name] = best
print(json.dumps(times))
