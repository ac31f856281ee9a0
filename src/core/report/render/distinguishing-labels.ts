/**
 * Short axis labels for layer and tensor names (spectral α chart, kappa κ chart). Checkpoint names share long
 * prefixes ("model.layers.11.self_attn.q_proj.weight"), so a chart that cuts labels to a width shows the same
 * "model.layers.0.sel…" under every point. Each name is labelled by the shortest tail of its dot-separated
 * parts that no other name ends with ("0.self_attn.q_proj", "embed_tokens"), after dropping a trailing part
 * that every name shares (".weight"): short, and distinct by construction, since the full names are.
 */

/** Pixels per character of a 10 px axis label, above vega's own width estimate (0.8 × font size): none is cut. */
export const LABEL_PX_PER_CHAR = 10

/** Distinct labels, one per name, in order; names must be distinct. */
export function distinguishingLabels(names: readonly string[]): string[] {
  if (names.length < 2) return [...names] // nothing to tell apart: the whole name
  const parts = names.map((n) => n.split('.'))
  const shared = sharedTrailingParts(parts)
  const trimmed = parts.map((p) => (p.length > shared ? p.slice(0, p.length - shared) : p))
  const tails = (p: readonly string[], k: number) => p.slice(p.length - k).join('.')
  return trimmed.map((p, i) => {
    for (let k = 1; k < p.length; k++) {
      const tail = tails(p, k)
      const clash = trimmed.some((q, j) => j !== i && (q.join('.') === tail || q.join('.').endsWith('.' + tail)))
      if (!clash) return tail
    }
    return p.join('.')
  })
}

/** How many trailing parts every name shares (".weight"), keeping at least one part of each name. */
function sharedTrailingParts(parts: readonly string[][]): number {
  if (parts.length < 2) return 0
  const shortest = Math.min(...parts.map((p) => p.length))
  let k = 0
  while (k < shortest - 1 && parts.every((p) => p[p.length - 1 - k] === parts[0][parts[0].length - 1 - k])) k++
  return k
}
