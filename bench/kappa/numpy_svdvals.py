#!/usr/bin/env python3
"""numpy side of bench/kappa/plan.ts: reads every 2-D tensor of a safetensors file,
upcasts to float64 and times np.linalg.svd(compute_uv=False) (LAPACK gesdd), printing
one JSON line {"seconds": total, "kappa": {name: s1/sk}}."""
import json
import struct
import sys
import time

import numpy as np

path = sys.argv[1]
with open(path, 'rb') as f:
    n = struct.unpack('<Q', f.read(8))[0]
    header = json.loads(f.read(n))
    base = 8 + n
    kappas, total = {}, 0.0
    for name, info in header.items():
        if name == '__metadata__' or len(info['shape']) != 2:
            continue
        a, b = info['data_offsets']
        f.seek(base + a)
        w = np.frombuffer(f.read(b - a), dtype={'F32': '<f4', 'F64': '<f8'}[info['dtype']]).reshape(info['shape'])
        start = time.perf_counter()
        s = np.linalg.svd(w.astype(np.float64), compute_uv=False)
        total += time.perf_counter() - start
        kappas[name] = float(s[0] / s[-1])
print(json.dumps({'seconds': total, 'kappa': kappas, 'numpy': np.__version__}))
