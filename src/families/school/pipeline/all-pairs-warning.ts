/**
 * The warning `school simulate` gives before a large run whose box forces the all-pairs step: the
 * cell grid needs at least three cells of width r_a per side (L >= 3·r_a), and with r_a > L/2 (the
 * paper's boxes) every fish interacts with almost every other, so a step costs N² pair evaluations
 * however fast the kernel is (≈ 4 s per step at N = 20,000 on one core). Said once, on stderr and in
 * the report's `warnings`, with the cause and what to change.
 */
import {CellGrid} from '../kernels/cell-grid.js'
import type {NeighbourSearch} from '../kernels/couzin-step.js'
import type {SchoolParameters} from '../kernels/school-parameters.js'

/** From this many fish on, an all-pairs step forced by the box is worth a warning (≈ 0.1 s per step and more). */
export const ALL_PAIRS_WARNING_FISH = 2000

/** The warning text, or undefined when the grid applies, N is small, or all pairs were asked for (--search all-pairs). */
export function allPairsWarning(p: SchoolParameters, search: NeighbourSearch): string | undefined {
  if (search === 'all-pairs' || p.n_fish < ALL_PAIRS_WARNING_FISH) return undefined
  if (CellGrid.forRadius(p.box_size, p.r_attraction, 1) !== null) return undefined
  const L = p.box_size,
    ra = p.r_attraction
  const cause =
    ra > L / 2
      ? `r_attraction ${ra} > L/2 = ${L / 2}: every fish sees almost every other`
      : `the box L = ${L} holds fewer than 3 cells of width r_attraction ${ra} per side`
  const pairs = (p.n_fish * (p.n_fish - 1)) / 2
  return (
    `all-pairs step forced at ${p.n_fish} fish (${cause}), ${pairs.toExponential(1)} pairs per step; ` +
    `for a grid search make the box at least 3·r_attraction = ${3 * ra} (--box) or r_attraction at most L/3 = ` +
    `${+(L / 3).toPrecision(6)} (--r-attraction), or use fewer fish (--agents); --search all-pairs silences this`
  )
}
