/**
 * JSON has no NaN or Infinity, but JSON.parse turns a literal too large for a double (`1e999`, 400 digits)
 * into Infinity, which then passes every `typeof x === 'number'` check and later prints as null. No
 * infolens input means anything by it, so readers look for it right after parsing.
 */

/** The path (`runs[0].inputs[1].embedding[3]`, `noise`) of the first non-finite number in `value`. */
export function nonFiniteField(value: unknown, path = ''): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path || '(value)'
  if (value === null || typeof value !== 'object') return undefined
  // Paths are built only on the way back from a hit: this walk runs over every parsed input line (uq reads
  // millions of values), so the clean case allocates nothing.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i]
      if (typeof v === 'number' ? Number.isFinite(v) : v === null || typeof v !== 'object') continue
      const found = nonFiniteField(v, `${path}[${i}]`)
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue
    const v = (value as Record<string, unknown>)[key]
    if (typeof v === 'number' ? Number.isFinite(v) : v === null || typeof v !== 'object') continue
    const found = nonFiniteField(v, path === '' ? key : `${path}.${key}`)
    if (found !== undefined) return found
  }
  return undefined
}

/** The first numeric literal in `text` that overflows a double, and its 1-based line, for the message. */
export function overflowLiteral(text: string): {literal: string; line: number} | undefined {
  const re = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/g
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (Number.isFinite(Number(m[0]))) continue
    const literal = m[0].length > 24 ? `${m[0].slice(0, 20)}…` : m[0]
    return {literal, line: text.slice(0, m.index).split('\n').length}
  }
  return undefined
}

/** "expected a finite number, got 1e999 (too large for a double)" */
export function nonFiniteMessage(text: string): string {
  const literal = overflowLiteral(text)?.literal ?? 'Infinity'
  return `expected a finite number, got ${literal} (too large for a double)`
}
