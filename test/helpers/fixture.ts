import assert from 'node:assert/strict'

/**
 * The fixture's cases, asserted present and non-empty: a loop over an empty (or renamed, hence
 * undefined) fixture array would otherwise pass having checked nothing. At module level, for
 * loops that register one test per case, a failure here fails the whole file, visibly.
 */
export function nonEmpty<A extends readonly unknown[] | undefined>(items: A, what: string): NonNullable<A> {
  assert.ok(Array.isArray(items), `fixture ${what}: expected an array, got ${typeof items}`)
  assert.ok(items.length > 0, `fixture ${what} is empty: the loop over it would check nothing`)
  return items as NonNullable<A>
}

/** Object.entries of a fixture object, asserted non-empty (see nonEmpty). */
export function nonEmptyEntries<T>(record: Record<string, T> | undefined, what: string): [string, T][] {
  assert.ok(record !== null && typeof record === 'object', `fixture ${what}: expected an object, got ${typeof record}`)
  return nonEmpty(Object.entries(record), what)
}
