/**
 * One column's profile from the profiles of a file's consecutive parts (the byte ranges profiled on worker
 * threads, ../io/profile-parallel.ts), equal to the profile a single pass over the whole file builds, or
 * `undefined` when the parts cannot tell that profile and the column needs the single pass.
 *
 * Why the parts usually suffice: a profile is class counts per distinct value, sorted at the end, so the order of
 * first sight never shows; counts add up. What depends on order is the type decision. A column is numeric until
 * its first cell that is not a number (../kernels/column-profile.ts): numbers seen before it become levels in
 * String(x) form, numbers after it stay text ("1.50" stays "1.50"). So with parts 0..n−1 and `first` the first
 * part that turned categorical:
 * - parts before `first` were numeric throughout: their numbers become String(x) levels, as the single pass does
 *   when it meets the text cell;
 * - part `first` started numeric like the single pass there, so its profile is the single pass's part, provided
 *   no coarsening happened: the single pass would have held at most (distinct numbers of the earlier parts + those
 *   of `first` at its conversion) numbers, which must stay within maxDistinct;
 * - later parts must have read no cell as a number (the single pass read them as text there): a part that did
 *   makes the column undecidable from the parts (`undefined`).
 * A column numeric in every part merges exactly when no part was coarsened and the union of distinct values fits
 * maxDistinct (then the single pass never coarsened either). Level cap: the single pass gives up a column when
 * its levels exceed maxLevels, whatever the order, so the union decides.
 */
import {compareText, type ColumnProfile, type ProfileHistory} from './column-profile.js'

export interface ProfilePart {
  readonly profile: ColumnProfile
  readonly history: ProfileHistory
}

export interface MergeLimits {
  readonly maxDistinct: number
  readonly maxLevels: number
}

type Counts = [number, number]

export function mergeColumnProfiles(parts: readonly ProfilePart[], limits: MergeLimits): ColumnProfile | undefined {
  const first = parts.findIndex((p) => p.profile.type === 'categorical')
  if (first < 0) return mergeNumeric(parts, limits)
  let distinctBefore = 0
  for (let i = 0; i < first; i++) {
    if (parts[i].history.coarsened) return undefined
    distinctBefore += parts[i].profile.values.length
  }
  const turning = parts[first].history
  if (turning.coarsened || distinctBefore + turning.distinctAtConversion > limits.maxDistinct) return undefined
  for (let j = first + 1; j < parts.length; j++) if (parts[j].history.numericReads > 0) return undefined
  return mergeCategorical(parts, first, limits)
}

/** The same profile with good and bad swapped (a part whose first class seen was the other one). */
export function swapClasses(p: ColumnProfile): ColumnProfile {
  const flip = (c: readonly [number, number]) => [c[1], c[0]] as const
  return {
    ...p,
    goods: p.bads,
    bads: p.goods,
    missing: flip(p.missing),
    special: new Map([...p.special].map(([k, v]) => [k, flip(v)])),
  }
}

function mergeNumeric(parts: readonly ProfilePart[], limits: MergeLimits): ColumnProfile | undefined {
  const byValue = new Map<number, Counts>()
  for (const {profile, history} of parts) {
    if (history.coarsened) return undefined
    addCounts(byValue, profile.values as readonly number[], profile)
  }
  if (byValue.size > limits.maxDistinct) return undefined
  const values = [...byValue.keys()].sort((a, b) => a - b)
  return assemble(parts, 'numeric', values, byValue)
}

function mergeCategorical(parts: readonly ProfilePart[], first: number, limits: MergeLimits): ColumnProfile {
  const byLevel = new Map<string, Counts>()
  let overLevelCap = false
  parts.forEach(({profile}, i) => {
    overLevelCap ||= profile.overLevelCap
    // parts before `first` are numeric: their values become levels as the single pass's conversion writes them
    const levels = i < first ? (profile.values as readonly number[]).map(String) : (profile.values as string[])
    if (i < first || profile.type === 'categorical') addCounts(byLevel, levels, profile)
  })
  overLevelCap ||= byLevel.size > limits.maxLevels
  const unsafeInteger = parts[first].profile.unsafeInteger
  const merged = assemble(parts, 'categorical', overLevelCap ? [] : [...byLevel.keys()].sort(compareText), byLevel)
  return {
    ...merged,
    ...(overLevelCap ? {missing: [0, 0] as const, special: new Map(), overLevelCap} : {}),
    ...(unsafeInteger !== undefined ? {unsafeInteger} : {}),
  }
}

function addCounts<K>(into: Map<K, Counts>, keys: readonly K[], p: ColumnProfile): void {
  keys.forEach((key, v) => {
    const c = into.get(key)
    if (c) {
      c[0] += p.goods[v]
      c[1] += p.bads[v]
    } else into.set(key, [p.goods[v], p.bads[v]])
  })
}

/** The merged profile over the sorted keys, with missing and special counts summed over the parts. */
function assemble<K extends number | string>(
  parts: readonly ProfilePart[],
  type: ColumnProfile['type'],
  keys: K[],
  counts: Map<K, Counts>,
): ColumnProfile {
  const missing: Counts = [0, 0]
  const special = new Map<string, Counts>()
  for (const {profile} of parts) {
    missing[0] += profile.missing[0]
    missing[1] += profile.missing[1]
    for (const [label, [g, b]] of profile.special) {
      const c = special.get(label)
      if (c) {
        c[0] += g
        c[1] += b
      } else special.set(label, [g, b])
    }
  }
  return {
    name: parts[0].profile.name,
    type,
    values: keys as number[] | string[],
    goods: Float64Array.from(keys, (k) => counts.get(k)![0]),
    bads: Float64Array.from(keys, (k) => counts.get(k)![1]),
    missing,
    special: new Map([...special].sort((a, b) => compareText(a[0], b[0]))),
    precisionBits: null,
    overLevelCap: false,
  }
}
