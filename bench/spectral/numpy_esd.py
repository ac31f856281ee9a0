"""NumPy baseline for bench/spectral: the same ESD + WWFit work as `spectral analyze` (float64 Gram + eigvalsh,
threshold 1e-5, WWFit scan vectorised per candidate as WeightWatcher does). WeightWatcher itself cannot be
installed here (no PyPI access), so this is the stand-in for its linear algebra. Prints JSON timings."""
import json, struct, sys, time
import numpy as np

def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]; header = json.loads(f.read(n)); base = 8 + n
        for name, e in sorted((k, v) for k, v in header.items() if k != "__metadata__"):
            f.seek(base + e["data_offsets"][0])
            yield name, np.frombuffer(f.read(e["data_offsets"][1] - e["data_offsets"][0]), dtype="<f4").reshape(e["shape"])

def wwfit(x):
    x = np.sort(x); N = len(x); lx = np.log(x); best = (np.inf, 0, 0)
    for i in range(N - 1):
        n = N - i; a = 1 + n / (lx[i:].sum() - n * lx[i])
        d = np.max(np.abs(1 - (x[i:] / x[i]) ** (1 - a) - np.arange(n) / n)) if a > 1 else 1.0
        if d < best[0]: best = (d, a, x[i])
    return best

t0 = time.perf_counter(); t_lin = 0.0; t_fit = 0.0
for name, W in read_safetensors(sys.argv[1]):
    a = time.perf_counter()
    W = W.astype(np.float64); G = W.T @ W if W.shape[0] >= W.shape[1] else W @ W.T
    ev = np.linalg.eigvalsh(G); ev = np.clip(ev, 0, None)
    b = time.perf_counter(); wwfit(ev[ev > 1e-5]); c = time.perf_counter()
    t_lin += b - a; t_fit += c - b
print(json.dumps({"total_s": time.perf_counter() - t0, "linalg_s": t_lin, "fit_s": t_fit}))
