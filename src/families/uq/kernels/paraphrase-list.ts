/**
 * Turning an LLM's "Provide 9 paraphrases" reply into exactly n perturbations (spec §3, §4
 * item 12). The released code splits on newlines and truncates to 9 but keeps the list numbering
 * ("1. …") and pads with empty strings; the paper says to duplicate or subsample at random to
 * exactly n. Here: numbering, bullets and wrapping quotes are stripped, blank lines dropped,
 * then the list is fitted to n with a seeded PRNG (fitToCount).
 */
import type {Rng32} from '../../../core/random/xoshiro128.js'

/** "1. text", "2) text", "- text", "* text", "• text", "(3) text" → "text"; surrounding quotes removed. */
export function stripListMarker(line: string): string {
  let s = line.trim().replace(/^(?:\(?\d{1,3}[.):]|[-*•])\s+/, '')
  s = s.replace(/^\*\*(.*)\*\*$/, '$1').trim()
  const q = /^(["'“‘])(.*)(["'”’])$/.exec(s)
  return q ? q[2].trim() : s
}

/** The non-empty paraphrase lines of a reply, markers stripped, in order. */
export function parseParaphraseReply(reply: string): string[] {
  return reply
    .split(/\r?\n/)
    .map(stripListMarker)
    .filter((s) => s.length > 0)
}

/**
 * Exactly `n` entries: a longer list is subsampled without replacement (order kept), a
 * shorter non-empty one is completed with uniform draws (duplicates) from itself; an empty list
 * stays empty (the caller decides what that means).
 */
export function fitToCount<T>(list: readonly T[], n: number, rng: Rng32): T[] {
  if (list.length === 0 || list.length === n) return list.slice(0, n)
  if (list.length > n) {
    const idx = list.map((_, i) => i)
    for (let i = idx.length - 1; i > 0; i--) {
      const j = rng.nextInt(i + 1)
      ;[idx[i], idx[j]] = [idx[j], idx[i]]
    }
    return idx
      .slice(0, n)
      .sort((a, b) => a - b)
      .map((i) => list[i])
  }
  const out = list.slice()
  while (out.length < n) out.push(list[rng.nextInt(list.length)])
  return out
}
