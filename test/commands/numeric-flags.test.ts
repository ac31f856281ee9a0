/**
 * Conformance of EVERY numeric flag of every command (issue 11): a non-number, NaN, ±Infinity, a
 * negative value and values outside the flag's range are rejected with the one-line FlagValueError
 * (exit 2); the range's own edges and the default are accepted. The flags are found, not listed:
 * every command class under src/commands is loaded and every flag carrying a NumericFlagSpec is
 * checked, so a new numeric flag cannot be missed; a flag that looks numeric (a numeric default)
 * but is not built with src/core/cli/numeric-flags.ts fails the suite.
 *
 * The bulk runs in-process through oclif's parser (Parser.parse with the command's own flag
 * object); a handful run end-to-end through bin/run.js to prove exit 2, one stderr line, empty
 * stdout and no output file.
 */
import {after, test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {Parser} from '@oclif/core'
import {FlagValueError} from '../../src/core/errors.js'
import {describeNumericSpec, numericSpecOf, type NumericFlagSpec} from '../../src/core/cli/numeric-flags.js'
import {tempDir} from '../helpers/cli.js'
import {runCliAsync} from '../helpers/cli-async.js'

const root = new URL('../../', import.meta.url).pathname
const commandsDir = join(root, 'src/commands')

/** Numeric flags whose range is unbounded below, so a negative or out-of-range value cannot be rejected. */
const unbounded: Record<string, string> = {
  'credit:scorecard --base-points':
    'any finite score is a valid offset at the base odds; a non-number, NaN and ±Infinity are still rejected',
}

function commandFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name)
      return statSync(p).isDirectory() ? commandFiles(p) : name.endsWith('.ts') ? [p] : []
    })
}

interface FoundFlag {
  readonly command: string
  readonly name: string
  readonly flag: Record<string, any>
  readonly spec: NumericFlagSpec
}

const commands: {id: string; flags: Record<string, Record<string, any>>}[] = []
for (const file of commandFiles(commandsDir)) {
  const id = relative(commandsDir, file).replace(/\.ts$/, '').split('/').join(':')
  const cls = (await import(file)).default as {baseFlags?: object; flags?: object}
  commands.push({id, flags: {...cls.baseFlags, ...cls.flags} as Record<string, Record<string, any>>})
}
const numericFlags: FoundFlag[] = commands.flatMap(({id, flags}) =>
  Object.entries(flags).flatMap(([name, flag]) => {
    const spec = numericSpecOf(flag)
    return spec ? [{command: id, name, flag, spec}] : []
  }),
)

/** Parses `--name=value` with the command's own flag object through oclif's parser. */
async function parseFlag(f: FoundFlag, value: string): Promise<unknown> {
  const out = await Parser.parse([`--${f.name}=${value}`], {flags: {[f.name]: f.flag as any}, args: {}, strict: true})
  return (out.flags as Record<string, unknown>)[f.name]
}

async function assertRejected(f: FoundFlag, value: string, why: string): Promise<void> {
  await assert.rejects(
    parseFlag(f, value),
    (error: unknown) => {
      assert.ok(error instanceof FlagValueError, `${why}: not a FlagValueError: ${String(error)}`)
      assert.equal(error.exitCode, 2)
      assert.match(error.oneLine, new RegExp(`^--${f.name}: expected .+, got `), why)
      assert.doesNotMatch(error.oneLine, /\n/)
      return true
    },
    `${f.command} --${f.name}=${value} (${why}) was accepted`,
  )
}

async function assertAccepted(f: FoundFlag, value: number): Promise<void> {
  const text = value === Number.POSITIVE_INFINITY ? 'inf' : String(value)
  const parsed = await parseFlag(f, text)
  assert.deepEqual(parsed, f.spec.list ? [value] : value, `${f.command} --${f.name}=${text} not accepted as ${value}`)
}

/** A value just outside each finite bound (the bound itself when it is exclusive). */
function outOfRange(s: NumericFlagSpec): number[] {
  const step = (b: number) => (s.kind === 'integer' ? 1 : Math.max(1e-6, Math.abs(b) * 1e-6))
  const out: number[] = []
  if (s.min !== undefined) out.push(s.exclusiveMin ? s.min : s.min - step(s.min))
  if (s.max !== undefined && !s.allowInfinity) out.push(s.exclusiveMax ? s.max : s.max + step(s.max))
  return out
}

test('numeric flags are discovered in every command', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8')) as {
    commands: Record<string, unknown>
  }
  const ids = commands.map((c) => c.id)
  for (const id of Object.keys(manifest.commands).filter((x) => x !== 'help' && !x.startsWith('autocomplete')))
    assert.ok(ids.includes(id), `manifest command ${id} not loaded from src/commands`)
  assert.ok(numericFlags.length >= 60, `only ${numericFlags.length} numeric flags found`)
  // --threads (base flag) in every command; a spread of families' own flags.
  for (const id of ids)
    assert.ok(
      numericFlags.some((f) => f.command === id && f.name === 'threads'),
      id,
    )
  for (const [id, name] of [
    ['credit:psi', 'alpha'],
    ['credit:fairness', 'epsilon'],
    ['kappa:plan', 'eps'],
    ['school:simulate', 'noise'],
    ['uq:generate', 'temperatures'],
    ['spectral:analyze', 'seed'],
  ])
    assert.ok(
      numericFlags.some((f) => f.command === id && f.name === name),
      `${id} --${name} is not a numeric flag`,
    )
})

test('no flag with a numeric default bypasses the numeric flag helpers', () => {
  const looksNumeric = (v: unknown) =>
    typeof v === 'number' || (typeof v === 'string' && /^\s*[+-]?(\d|\.\d)[\d.,e+-]*\s*$/i.test(v))
  const bypass = commands.flatMap(({id, flags}) =>
    Object.entries(flags)
      .filter(([, flag]) => flag.type === 'option' && !numericSpecOf(flag) && looksNumeric(flag.default))
      .map(([name]) => `${id} --${name}`),
  )
  assert.deepEqual(bypass, [], 'build these with integerFlag/floatFlag/floatListFlag (src/core/cli/numeric-flags.ts)')
})

test('the unbounded-range exemptions name existing numeric flags', () => {
  for (const key of Object.keys(unbounded))
    assert.ok(
      numericFlags.some((f) => `${f.command} --${f.name}` === key),
      `${key} in unbounded is not a numeric flag`,
    )
})

for (const f of numericFlags) {
  const key = `${f.command} --${f.name}`
  test(`${key} (${describeNumericSpec(f.spec)}): rejects non-numbers, NaN, Infinity, negatives and out-of-range values`, async () => {
    for (const bad of ['abc', 'NaN', '-Infinity', '', '1,5x', '0x10', '1e999'])
      await assertRejected(f, bad, `not a number: ${JSON.stringify(bad)}`)
    if (f.spec.allowInfinity) {
      await assertAccepted(f, Number.POSITIVE_INFINITY)
    } else {
      await assertRejected(f, 'Infinity', 'Infinity')
      await assertRejected(f, 'inf', 'inf')
    }
    const bounded = f.spec.min !== undefined || f.spec.max !== undefined
    if (key in unbounded) {
      assert.ok(!bounded, `${key} has a range now: remove it from unbounded`)
      return
    }
    assert.ok(bounded, `${key} has no range: give it min/max (or list it in unbounded with the reason)`)
    if (f.spec.min !== undefined && f.spec.min >= 0) {
      await assertRejected(f, '-1', 'negative')
      await assertRejected(f, '-0.5', 'negative')
    } else {
      assert.fail(`${key}: a negative value is in range (min ${f.spec.min}); list it in unbounded with the reason`)
    }
    for (const x of outOfRange(f.spec)) await assertRejected(f, String(x), `out of range: ${x}`)
    if (f.spec.kind === 'integer') await assertRejected(f, String((f.spec.min ?? 0) + 1.5), 'not an integer')
    if (f.spec.list) {
      const inside = f.spec.exclusiveMin ? (f.spec.min ?? 0) + 0.5 : (f.spec.min ?? 0)
      await assertRejected(f, `${inside},abc`, 'a bad list element')
      await assertRejected(f, `${inside},,${inside}`, 'an empty list element')
    }
  })

  test(`${key}: accepts the inclusive edges of its range and its default`, async () => {
    if (f.spec.min !== undefined && !f.spec.exclusiveMin) await assertAccepted(f, f.spec.min)
    if (f.spec.max !== undefined && !f.spec.exclusiveMax) await assertAccepted(f, f.spec.max)
    const d = f.flag.default
    if (d !== undefined) {
      const text = (Array.isArray(d) ? d : [d]).map((x) => (x === Number.POSITIVE_INFINITY ? 'inf' : String(x)))
      assert.deepEqual(await parseFlag(f, text.join(',')), d, `${key}: the default does not parse back to itself`)
    }
  })
}

// ---- end to end: exit 2, one stderr line, empty stdout, no output file ---------------------------

const dir = tempDir('infolens-numeric-flags-')
after(() => rmSync(dir, {recursive: true, force: true}))

const endToEnd: {argv: (s: string) => string[]; flag: string; json?: boolean}[] = [
  {
    argv: (s) => ['credit', 'psi', join(s, 'a.csv'), join(s, 'b.csv'), '--bins', join(s, 'b.json'), '--alpha', 'abc'],
    flag: 'alpha',
  },
  {
    argv: (s) => [
      'credit',
      'fairness',
      join(s, 'd.csv'),
      '--target',
      'y',
      '--bins',
      join(s, 'b.json'),
      '--protected',
      'a==b',
      '--alpha',
      '7',
    ],
    flag: 'alpha',
    json: true,
  },
  {argv: () => ['school', 'simulate', '--noise', 'NaN'], flag: 'noise'},
  {argv: (s) => ['uq', 'perturb', join(s, 'q.jsonl'), join(s, 'p.jsonl'), '--delta', '2'], flag: 'delta'},
  {argv: (s) => ['kappa', 'plan', join(s, 'm.safetensors'), '--eps=-1'], flag: 'eps'},
  {argv: (s) => ['demo', 'checkpoint', join(s, 'ck'), '--seed', 'Infinity'], flag: 'seed'},
  {argv: () => ['doctor', '--threads', '0'], flag: 'threads'},
]

for (const [k, c] of endToEnd.entries()) {
  const scratch = join(dir, String(k))
  mkdirSync(scratch, {recursive: true})
  const argv = [...c.argv(scratch), '--out', join(scratch, 'out.json'), ...(c.json ? ['--json'] : [])]
  test(`infolens ${argv.slice(0, 2).join(' ')} … --${c.flag} bad: exit 2, one line naming --${c.flag}, no output`, async () => {
    const r = await runCliAsync(argv, {timeoutMs: 60_000})
    assert.equal(r.status, 2, `exit ${r.status}\n${r.stderr}`)
    const lines = r.stderr.split('\n').filter((l) => l.length > 0)
    assert.equal(lines.length, 1, r.stderr)
    assert.match(lines[0], new RegExp(`^infolens: error: --${c.flag}: expected .+, got `))
    if (c.json) {
      const doc = JSON.parse(r.stdout) as {error: {exitCode: number; message: string}}
      assert.equal(doc.error.exitCode, 2)
      assert.match(doc.error.message, new RegExp(`^--${c.flag}: expected`))
    } else {
      assert.equal(r.stdout, '')
    }
    assert.deepEqual(readdirSync(scratch), [], 'files left behind')
  })
}
