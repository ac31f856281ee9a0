/**
 * A distinct look for every curve of a chart with many series: `uq evaluate --svg` draws one curve per
 * measure (17 with the paper's set, plus the oracle and random references), and a 10-colour palette alone
 * gave four pairs of curves the same colour. Each series gets a colour from Tableau 10 (vega's default,
 * chosen for telling categories apart) and, once the colours are used up, the next dash pattern, so that
 * no two series share both. The references are drawn as references: oracle solid black, random dotted grey.
 */

/** vega's `tableau10` scheme, in its order. */
export const TABLEAU10 = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
] as const

/** Dash patterns (SVG stroke-dasharray), one per round of the palette: solid, dashed, dotted, dash-dot. */
export const DASHES: readonly (readonly number[])[] = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4]]

export interface SeriesStyle {
  readonly series: string
  readonly colour: string
  readonly dash: readonly number[]
}

/** The reference curves' fixed looks. */
const REFERENCES: Readonly<Record<string, Omit<SeriesStyle, 'series'>>> = {
  oracle: {colour: '#000000', dash: []},
  random: {colour: '#888888', dash: [2, 3]},
}

/** One style per series, in order; distinct for up to 10 × DASHES.length series besides the references. */
export function seriesStyles(series: readonly string[]): SeriesStyle[] {
  let k = 0
  return series.map((s) => {
    const reference = REFERENCES[s]
    if (reference) return {series: s, ...reference}
    const style = {
      series: s,
      colour: TABLEAU10[k % TABLEAU10.length],
      dash: DASHES[Math.floor(k / TABLEAU10.length) % DASHES.length],
    }
    k++
    return style
  })
}
