/**
 * The report warning for truncated power-law fits that ended on their bound α = 1 (`--fit TPL`): such an α is
 * the edge of powerlaw's search, not a measurement (kernels/truncated-power-law-fit.ts), so the over-trained
 * label WeightWatcher gives it says nothing about training. The rows keep WeightWatcher's values and labels;
 * the warning says which layers they are and why.
 */
import {isAlphaAtTplBound, TPL_ALPHA_BOUND} from '../kernels/truncated-power-law-fit.js'

interface FittedRow {
  readonly name: string
  readonly alpha: number | null
  readonly status: string
  /** Present on --fit TPL rows only. */
  readonly Lambda?: number | null
}

/** Names listed in the warning; the rest are counted. */
const LISTED = 5

/** TPL rows whose α is the bound. */
export function layersAtTplBound<R extends FittedRow>(layers: readonly R[]): R[] {
  return layers.filter((l) => l.Lambda !== undefined && l.status === 'ok' && isAlphaAtTplBound(l.alpha))
}

/** Zero or one warning line for the report envelope. */
export function tplBoundWarnings(layers: readonly FittedRow[]): string[] {
  const atBound = layersAtTplBound(layers)
  if (atBound.length === 0) return []
  const names = atBound.slice(0, LISTED).map((l) => l.name)
  const more = atBound.length > LISTED ? `, and ${atBound.length - LISTED} more` : ''
  return [
    `--fit TPL: alpha reached the fit's bound alpha = ${TPL_ALPHA_BOUND} in ${atBound.length} of ${layers.length} ` +
      `layers (${names.join(', ')}${more}): their tails fall off faster than a power law (the likelihood rises ` +
      `toward alpha < 1), so alpha there is the edge of the search, not a measurement, and 'over-trained' says ` +
      `nothing; compare with --fit PL`,
  ]
}
