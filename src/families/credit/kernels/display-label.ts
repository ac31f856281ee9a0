/**
 * Category levels as bin labels: a level is data, and a hostile file can hold a 50 MB cell, which would otherwise
 * be echoed whole into every bin label, table row, terminal line and HTML page. Labels show at most
 * MAX_LABEL_CHARS characters of a level, then an ellipsis. Only the label is cut: a binning keeps its levels in
 * full (`groups`), and cells are matched against those, so `psi`, `score` and `scorecard` are unaffected.
 */

/** The documented limit on the characters of one level shown in a label. */
export const MAX_LABEL_CHARS = 200

/** The level itself when short enough, else its first MAX_LABEL_CHARS characters and '…'. */
export function truncateLabel(level: string): string {
  if (level.length <= MAX_LABEL_CHARS) return level
  let cut = MAX_LABEL_CHARS
  // never split a surrogate pair
  const code = level.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return `${level.slice(0, cut)}…`
}

/** How many levels truncateLabel shortens. */
export function countLongLevels(levels: readonly string[]): number {
  let n = 0
  for (const level of levels) if (level.length > MAX_LABEL_CHARS) n++
  return n
}
