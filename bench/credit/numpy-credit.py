"""Straightforward numpy version of the bench: read the CSV (np.loadtxt on the numeric part, csv for categoricals),
quantile-10 edges (type 7), counts per bin and class, WoE/IV with the 0.5 zero rule, delta SE, and PSI of the file
against itself. Usage: python3 numpy-credit.py data.csv"""
import csv, sys
import numpy as np

path = sys.argv[1]
with open(path) as f:
    head = next(csv.reader(f))
num = [i for i, h in enumerate(head) if h.startswith('x')]
cat = [i for i, h in enumerate(head) if h.startswith('c')]
y = np.loadtxt(path, delimiter=',', skiprows=1, usecols=[len(head) - 1], dtype=np.int8)
X = np.loadtxt(path, delimiter=',', skiprows=1, usecols=num)
C = np.loadtxt(path, delimiter=',', skiprows=1, usecols=cat, dtype=str)

def stats(g, b):
    keep = (g + b) > 0
    G, B = g.sum(), b.sum()
    g2 = np.where(g[keep] > 0, g[keep], 0.5); b2 = np.where(b[keep] > 0, b[keep], 0.5)
    p, q = g2 / g2.sum(), b2 / b2.sum()
    w = np.log(p / q); iv = np.sum((p - q) * w)
    a = w + 1 - q / p; c = -w + 1 - p / q
    se = np.sqrt((np.sum(p * a * a) - np.sum(p * a) ** 2) / G + (np.sum(q * c * c) - np.sum(q * c) ** 2) / B)
    return iv, se

out = []
for j in range(X.shape[1]):
    edges = np.unique(np.quantile(X[:, j], np.arange(1, 10) / 10))
    idx = np.searchsorted(edges, X[:, j], 'left')
    k = len(edges) + 1
    g = np.bincount(idx[y == 0], minlength=k).astype(float); b = np.bincount(idx[y == 1], minlength=k).astype(float)
    out.append(stats(g, b)); out.append(stats(np.bincount(idx, minlength=k).astype(float), np.bincount(idx, minlength=k).astype(float)))
for j in range(C.shape[1]):
    levels, idx = np.unique(C[:, j], return_inverse=True)
    k = len(levels)
    g = np.bincount(idx[y == 0], minlength=k).astype(float); b = np.bincount(idx[y == 1], minlength=k).astype(float)
    out.append(stats(g, b))
print(len(out))
