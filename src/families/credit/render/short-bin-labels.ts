/**
 * Bin labels short enough for a chart axis: every number in a label (`(-1.3416456234567891, 0.25]`) shown with
 * the fewest significant digits (at least 4) that still keep all the feature's distinct bounds apart, so no
 * label needs to be cut and no bin reads as empty or the same as another (`(1, 1]`). The reports keep the
 * exact labels.
 */
const NUMBER = /-?\d+(\.\d+)?(e[+-]?\d+)?/gi
/** Interval labels `(a, b]` / `[a, b)`; categorical groups, Missing and special values are shown as they are. */
const RANGE = /^[([]/

function rounded(label: string, digits: number): string {
  return label.replace(NUMBER, (n) => String(Number(Number(n).toPrecision(digits))))
}

export function shortBinLabels(labels: readonly string[]): string[] {
  const ranges = labels.filter((l) => RANGE.test(l))
  const bounds = [...new Set(ranges.flatMap((l) => l.match(NUMBER) ?? []).map(Number))]
  for (let digits = 4; digits < 17; digits++) {
    const shown = new Set(bounds.map((b) => Number(b.toPrecision(digits))))
    if (shown.size === bounds.length) return labels.map((l) => (RANGE.test(l) ? rounded(l, digits) : l))
  }
  return [...labels]
}
