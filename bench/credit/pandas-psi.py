"""`credit psi`'s work the way a pandas user writes it: both samples read with pd.read_csv, each numeric feature
cut at the expected sample's quantile-10 edges (Series.quantile, type 7, duplicate edges dropped; pd.cut
right-closed), categorical features by level; per-bin shares by value_counts(normalize=True) aligned on the
union of bins, empty shares replaced by 1e-4 (the usual PSI floor), PSI = sum((a - e) * ln(a / e)).
Prints the number of features and the sum of PSIs (a check that the work was done).
Usage: python3 pandas-psi.py expected.csv actual.csv [target]"""
import sys
import numpy as np
import pandas as pd

expected = pd.read_csv(sys.argv[1])
actual = pd.read_csv(sys.argv[2])
target = sys.argv[3] if len(sys.argv) > 3 else 'y'


def psi(e_bins, a_bins):
    e = e_bins.value_counts(normalize=True)
    a = a_bins.value_counts(normalize=True)
    e, a = e.align(a, fill_value=0.0)
    e = e.to_numpy().clip(min=1e-4)
    a = a.to_numpy().clip(min=1e-4)
    return float(np.sum((a - e) * np.log(a / e)))


results = {}
for col in expected.columns:
    if col == target:
        continue
    x, z = expected[col], actual[col]
    if pd.api.types.is_numeric_dtype(x):
        edges = np.unique(x.quantile(np.arange(1, 10) / 10).to_numpy())
        cuts = np.concatenate(([-np.inf], edges, [np.inf]))
        results[col] = psi(pd.cut(x, cuts, right=True, labels=False), pd.cut(z, cuts, right=True, labels=False))
    else:
        results[col] = psi(x, z)
print(len(results), sum(results.values()))
