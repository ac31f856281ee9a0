/**
 * Base-form candidates of an inflected English word, after WordNet's Morphy (morphy(7WN),
 * Princeton WordNet 3.0): the exception list first, then the word itself, then the detachment
 * rules of its part of speech ("championships" → "championship", "won" → "win" via verb.exc).
 * Pure: the caller supplies the exception lists and a predicate telling which lemmas exist.
 */
export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv'

/** Morphy's suffix detachment rules [suffix, replacement] per part of speech. */
export const detachmentRules: Record<WordNetPos, readonly (readonly [string, string])[]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
}

/**
 * The lemmas of `word` (lower case) in part of speech `pos`, most direct first, without
 * duplicates: exceptions, the word itself, then rule-detached forms; only those `exists` accepts.
 */
export function morphyLemmas(
  word: string,
  pos: WordNetPos,
  exceptions: ReadonlyMap<string, readonly string[]>,
  exists: (lemma: string) => boolean,
): string[] {
  const out: string[] = []
  const add = (w: string) => {
    if (w.length > 0 && !out.includes(w) && exists(w)) out.push(w)
  }
  for (const base of exceptions.get(word) ?? []) add(base)
  add(word)
  for (const [suffix, replacement] of detachmentRules[pos]) {
    if (word.length > suffix.length && word.endsWith(suffix))
      add(word.slice(0, word.length - suffix.length) + replacement)
  }
  return out
}
