#!/usr/bin/env python3
"""numpy baseline for bench/checkpoint/read-throughput.ts: parse the header, then read every
tensor with one positioned read (f.seek + np.fromfile) and decode it to float32. Prints seconds."""
import json, struct, sys, time
import numpy as np

t0 = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    (n,) = struct.unpack("<Q", f.read(8))
    header = json.loads(f.read(n))
    total = 0.0
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        f.seek(8 + n + begin)
        if info["dtype"] == "BF16":
            a = (np.fromfile(f, dtype="<u2", count=(end - begin) // 2).astype(np.uint32) << 16).view(np.float32)
        else:
            a = np.fromfile(f, dtype={"F32": "<f4", "F16": "<f2"}[info["dtype"]], count=(end - begin) // 4 if info["dtype"] == "F32" else (end - begin) // 2).astype(np.float32)
        total += float(a[0])
print(time.perf_counter() - t0)
