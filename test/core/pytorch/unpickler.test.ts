/**
 * The restricted unpickler against CPython's pickle (pickles.json, written by
 * make-pickles.py): every value CPython pickled at protocols 2–5 decodes to the same
 * value, and every global off the allow-list is refused by name. Then the bounds.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {unpickle} from '../../../src/core/pytorch/unpickler.js'
import {ALLOWED_GLOBALS, torchPolicy} from '../../../src/core/pytorch/torch-policy.js'
import {PickleRefusal} from '../../../src/core/pytorch/pickle-refusal.js'
import {PickleDict, PickleSet, PickleTuple} from '../../../src/core/pytorch/pickle-values.js'
import {flattenStateDict} from '../../../src/core/pytorch/state-dict.js'
import {nonEmpty} from '../../helpers/fixture.js'

interface PickleCase {
  name: string
  hex: string
  expected?: unknown
  refused?: string
  cyclic?: boolean
}

const fixture = JSON.parse(
  readFileSync(new URL('../../fixtures/pytorch/pickles.json', import.meta.url).pathname, 'utf8'),
) as {cases: PickleCase[]}

const bytesOf = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'))

/** The plain JSON encoding make-pickles.py uses. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Math.abs(Number(v)) <= 2 ** 53 ? Number(v) : {int: v.toString()}
  if (typeof v === 'number') return Number.isFinite(v) ? v : v > 0 ? 'inf' : v < 0 ? '-inf' : 'nan'
  if (v instanceof Uint8Array) return {bytes: Buffer.from(v).toString('hex')}
  if (Array.isArray(v)) return v.map(plain)
  if (v instanceof PickleTuple) return {tuple: v.items.map(plain)}
  if (v instanceof PickleDict) return {dict: [...v.entries].map(([k, x]) => [plain(k), plain(x)])}
  if (v instanceof PickleSet) return {set: [...v.items].sort((a, b) => Number(a) - Number(b)).map(plain)}
  return v
}

for (const c of nonEmpty(fixture.cases, 'pickles.json cases')) {
  test(`CPython pickle: ${c.name}`, () => {
    const run = () => unpickle(bytesOf(c.hex), torchPolicy())
    if (c.refused !== undefined) {
      assert.throws(run, (e: unknown) => e instanceof PickleRefusal && new RegExp(c.refused!).test(e.message))
    } else if (c.cyclic) {
      const value = run() as unknown[]
      assert.equal(value[0], value) // the memo rebuilt the cycle, as Python does
      assert.throws(() => flattenStateDict(value), /nested deeper than 64/)
    } else {
      assert.deepEqual(plain(run()), c.expected)
    }
  })
}

const PROTO2 = [0x80, 0x02]
const STOP = 0x2e

test('the memo is bounded', () => {
  // EMPTY_LIST, then BINPUT 0..4: five memo entries against a limit of four
  const ops = [...PROTO2, 0x5d, ...[0, 1, 2, 3, 4].flatMap((i) => [0x71, i]), STOP]
  assert.throws(() => unpickle(Uint8Array.from(ops), torchPolicy(), {maxMemo: 4, maxStack: 100}), /memo larger than 4/)
  assert.doesNotThrow(() => unpickle(Uint8Array.from(ops), torchPolicy(), {maxMemo: 5, maxStack: 100}))
})

test('the stack is bounded', () => {
  const ops = [...PROTO2, 0x28, ...Array<number>(10).fill(0x4e), 0x6c, STOP] // MARK, 10 × NONE, LIST
  assert.throws(() => unpickle(Uint8Array.from(ops), torchPolicy(), {maxMemo: 10, maxStack: 8}), /stack deeper than 8/)
  assert.deepEqual(unpickle(Uint8Array.from(ops), torchPolicy(), {maxMemo: 10, maxStack: 11}), Array(10).fill(null))
})

test('malformed machines are refused, never crash', () => {
  const cases: [number[], RegExp][] = [
    [[...PROTO2, 0x30, STOP], /stack underflow/], // POP on empty
    [[...PROTO2, 0x4e, 0x4e, STOP], /unbalanced stack/],
    [[...PROTO2, 0x68, 0x07, STOP], /memo entry 7 read before it was written/],
    [[...PROTO2, 0x4e, 0x61, STOP], /stack underflow|not a list/], // APPEND without a list
    [[...PROTO2, 0x74, STOP], /no MARK/],
    [[...PROTO2, 0x8b, 0xff, 0xff, 0, 0, STOP], /integer of 65535 bytes/],
    [[...PROTO2, 0x58, 0xff, 0xff, 0xff, 0x7f, STOP], /truncated/], // BINUNICODE longer than the data
    [[...PROTO2, 0x4e], /no STOP/],
    [[0x80, 0x06, 0x4e, STOP], /protocol above 5/],
    [[...PROTO2, 0x69, STOP], /INST/],
    [[...PROTO2, 0x97, STOP], /NEXT_BUFFER/],
    [[...PROTO2, 0x82, 0x01, STOP], /EXT1/],
  ]
  for (const [ops, message] of cases)
    assert.throws(() => unpickle(Uint8Array.from(ops), torchPolicy()), message, JSON.stringify(ops))
})

test('globals whose names shadow object properties are refused, not looked up on the prototype', () => {
  const global = (module: string, name: string) =>
    Uint8Array.from([...PROTO2, 0x63, ...Buffer.from(`${module}\n${name}\n`), STOP])
  for (const [m, n] of [
    ['torch', 'constructor'],
    ['torch', '__proto__'],
    ['torch', 'toString'],
    ['torch._utils', 'hasOwnProperty'],
  ])
    assert.throws(() => unpickle(global(m, n), torchPolicy()), new RegExp(`global ${m}\\.${n} is not allowed`))
})

test('every allow-listed global is accepted by GLOBAL, and nothing close to one is', () => {
  const global = (qualified: string) => {
    const dot = qualified.lastIndexOf('.')
    const line = `${qualified.slice(0, dot)}\n${qualified.slice(dot + 1)}\n`
    return Uint8Array.from([...PROTO2, 0x63, ...Buffer.from(line), STOP])
  }
  for (const name of nonEmpty([...ALLOWED_GLOBALS], 'ALLOWED_GLOBALS'))
    assert.doesNotThrow(() => unpickle(global(name), torchPolicy()), name)
  for (const name of [
    'torch._utils._rebuild_tensor',
    'torch.ComplexFloatStorage',
    'torch.load',
    'collections.defaultdict',
  ])
    assert.throws(
      () => unpickle(global(name), torchPolicy()),
      new RegExp(`global ${name.replace(/\./g, '\\.')} is not`),
    )
})
