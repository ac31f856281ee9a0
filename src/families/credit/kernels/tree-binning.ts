/**
 * 1-D CART on class counts (Gini impurity), grown best-first like scikit-learn's
 * DecisionTreeClassifier(max_leaf_nodes, min_samples_leaf): repeatedly split the leaf
 * whose best split most reduces the weighted impurity, until `maxLeaves` leaves or no
 * admissible split. Used directly (`--method tree`) and as optbinning-style prebinning.
 * Ref: Breiman et al., Classification and Regression Trees (1984).
 */

export interface TreeOptions {
  readonly maxLeaves: number
  /** Minimum count per leaf. */
  readonly minLeafCount: number
}

interface Leaf {
  readonly start: number
  readonly end: number
  readonly cut: number
  readonly gain: number
}

function gini(g: number, b: number): number {
  const n = g + b
  return n > 0 ? 1 - (g / n) ** 2 - (b / n) ** 2 : 0
}

/** The best split of elements [start, end) or cut −1 when none is admissible. */
function bestSplit(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  start: number,
  end: number,
  minLeaf: number,
): Leaf {
  let G = 0
  let B = 0
  for (let i = start; i < end; i++) {
    G += goods[i]
    B += bads[i]
  }
  const parent = (G + B) * gini(G, B)
  let best: Leaf = {start, end, cut: -1, gain: 0}
  let gl = 0
  let bl = 0
  for (let c = start + 1; c < end; c++) {
    gl += goods[c - 1]
    bl += bads[c - 1]
    const nl = gl + bl
    const nr = G + B - nl
    if (nl < minLeaf || nr < minLeaf) continue
    const gain = parent - nl * gini(gl, bl) - nr * gini(G - gl, B - bl)
    if (gain > best.gain + 1e-12) best = {start, end, cut: c, gain}
  }
  return best
}

export function treeCuts(goods: ArrayLike<number>, bads: ArrayLike<number>, options: TreeOptions): number[] {
  const minLeaf = Math.max(1, options.minLeafCount)
  const leaves: Leaf[] = [bestSplit(goods, bads, 0, goods.length, minLeaf)]
  const cuts: number[] = []
  while (cuts.length + 1 < options.maxLeaves) {
    let pick = -1
    for (let i = 0; i < leaves.length; i++)
      if (leaves[i].cut >= 0 && (pick < 0 || leaves[i].gain > leaves[pick].gain)) pick = i
    if (pick < 0) break
    const leaf = leaves[pick]
    cuts.push(leaf.cut)
    leaves.splice(
      pick,
      1,
      bestSplit(goods, bads, leaf.start, leaf.cut, minLeaf),
      bestSplit(goods, bads, leaf.cut, leaf.end, minLeaf),
    )
  }
  return cuts.sort((a, b) => a - b)
}
