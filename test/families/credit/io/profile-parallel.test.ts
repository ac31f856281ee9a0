// The profiling pass fanned out over byte ranges (src/families/credit/io/profile-parallel.ts) must give exactly
// the single pass's profile: same classes, counts, levels, numbers, type decisions, warnings and errors. The
// fan-out threshold is forced to 1 byte so that small files are cut into 2 and 5 ranges; each case checks that the
// fan-out really ran (profileFannedOut returns a profile) or, where it must not (a cut inside quotes), that it
// declined.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'
import {
  profileFannedOut,
  profileTable,
  type ProfileRequest,
  type TableProfile,
} from '../../../../src/families/credit/io/profile-table.js'
import {profileRange, type RangeJob} from '../../../../src/families/credit/io/range-profile.js'

process.env.INFOLENS_CREDIT_FANOUT_BYTES = '1'
const dir = tempDir('infolens-credit-fanout-')
const german = new URL('../../../fixtures/credit/germancredit.csv', import.meta.url).pathname
const base: ProfileRequest = {target: 'y', categorical: [], special: []}

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name)
  writeFileSync(p, content)
  return p
}

/** The single pass and the fan-out over 2..7 ranges; the fan-out must run (or decline when `declines`). */
async function assertSameProfile(file: string, request: ProfileRequest, declines = false): Promise<TableProfile> {
  const single = await profileTable(file, {...request, threads: 1})
  for (const threads of [2, 5]) {
    const fanned = await profileFannedOut(file, {...request, threads})
    if (declines) assert.equal(fanned, undefined, `${threads} ranges: expected the single pass`)
    else {
      assert.ok(fanned, `${threads} ranges: the fan-out did not run`)
      assert.deepStrictEqual(fanned, single, `${threads} ranges`)
    }
    assert.deepStrictEqual(await profileTable(file, {...request, threads}), single)
  }
  return single
}

/** A deterministic table of n rows: `row(i)` gives row i's cells after the header. */
function table(header: string, n: number, row: (i: number) => string, eol = '\n'): string {
  const lines = [header]
  for (let i = 0; i < n; i++) lines.push(row(i))
  return lines.join(eol) + eol
}

test('German credit (quoted fields): the fan-out equals the single pass', async () => {
  const p = await assertSameProfile(german, {...base, target: 'creditability', bad: 'bad'})
  assert.equal(p.rows, 1000)
  assert.equal(p.goods, 700)
})

test('quotes with commas and newlines inside, CRLF, BOM, empty cells, NA tokens', async () => {
  const body = table(
    '"id",x,"c",y',
    400,
    (i) =>
      [
        i,
        i % 7 === 0 ? '' : i % 11 === 0 ? 'NA' : String((i * 37) % 101),
        i % 5 === 0 ? '"a, b"' : i % 13 === 0 ? '"two\r\nlines"' : i % 3 === 0 ? 'N/A' : `k${i % 4}`,
        i % 3 === 0 ? '1' : '0',
      ].join(','),
    '\r\n',
  )
  await assertSameProfile(write('tricky.csv', '\ufeff' + body), base)
})

test('a quoted field spanning the cut: the fan-out declines', async () => {
  const long = '"' + 'line\n'.repeat(4000) + '"'
  const rows = table('x,c,y', 10, (i) => `${i},k,${i % 2}`)
  const file = write('spanning.csv', rows + `5,${long},1\n` + rows.split('\n').slice(1).join('\n'))
  await assertSameProfile(file, base, true)
})

test('bytes that are not UTF-8: the same warning, its line counted across the ranges', async () => {
  const rows = table('x,c,y', 3000, (i) => `${i % 50},${i === 2345 ? 'caf\u00e9' : 'ok'},${i % 2}`)
  const file = write('latin1.csv', Buffer.from(rows, 'latin1'))
  const p = await assertSameProfile(file, base)
  assert.equal(p.warnings.length, 1)
  assert.match(p.warnings[0], /line 2347, column c: bytes that are not UTF-8/)
})

test('numbers, then text in a later range: String(x) levels before, text after, as the single pass', async () => {
  // "1.50" before the text cell is the number 1.5 (level "1.5"); after it, the text "1.50" (its own level)
  const file = write(
    'mixed.csv',
    table(
      'm,s,y',
      3000,
      (i) => `${i === 2000 ? 'unknown' : i % 2 ? '1.50' : '2'},${i % 9 === 0 ? '-999.0' : i % 5},${i % 2}`,
    ),
  )
  const p = await assertSameProfile(file, {...base, special: ['-999']})
  const m = p.profiles.find((x) => x.name === 'm')!
  assert.equal(m.type, 'categorical')
  assert.deepEqual(m.values, ['1.5', '1.50', '2', 'unknown'])
  assert.equal(p.profiles.find((x) => x.name === 's')!.special.get('-999')![0] > 0, true)
})

test('integers beyond 2^53 turn a column into identifiers in any range', async () => {
  const file = write(
    'ids.csv',
    table('acct,x,y', 2000, (i) => `${i === 1500 ? '12345678901234567890123' : 1000 + i},${i % 10},${i % 2}`),
  )
  const p = await assertSameProfile(file, {...base, maxLevels: 100_000})
  assert.equal(p.profiles[0].unsafeInteger, '12345678901234567890123')
})

test('level cap and coarsening: undecided columns are profiled by a single pass', async () => {
  const file = write(
    'wide.csv',
    table('id,v,z,y', 4000, (i) => `id${i},${((i * 7919) % 3001) / 7},${i % 3},${i % 2}`),
  )
  const p = await assertSameProfile(file, {...base, maxLevels: 500, maxDistinct: 1000})
  assert.equal(p.profiles[0].overLevelCap, true)
  assert.ok(p.profiles[1].precisionBits !== null)
})

test('bad cells in a later range: the single pass error, with its line', async () => {
  const cases: [string, string, RegExp][] = [
    ['ragged.csv', table('x,y', 3000, (i) => (i === 2500 ? '1,0,7' : `${i},${i % 2}`)), /line 2502/],
    [
      'nonfinite.csv',
      table('x,y', 3000, (i) => (i === 2500 ? '1e999,0' : `${i},${i % 2}`)),
      /line 2502: expected a finite/,
    ],
    ['third.csv', table('x,y', 3000, (i) => (i === 2500 ? '1,2' : `${i},${i % 2}`)), /more than two classes/],
    ['unclosed.csv', table('x,y', 3000, (i) => (i === 2500 ? '"1,0' : `${i},${i % 2}`)), /quoted field not closed/],
  ]
  for (const [name, text, pattern] of cases) {
    const file = write(name, text)
    const single = await profileTable(file, {...base, threads: 1}).then(
      () => assert.fail(`${name}: no error`),
      (e: Error) => e,
    )
    assert.match(single.message + ' ' + String((single as {field?: string}).field), pattern)
    for (const threads of [3]) {
      await assert.rejects(profileTable(file, {...base, threads}), (e: Error) => {
        assert.equal(e.message, single.message)
        assert.deepEqual({...e}, {...single})
        return true
      })
    }
  }
})

test('bad cells in the first range (profiled on the calling thread): the single pass error, with its line', async () => {
  const cases: [string, string, RegExp][] = [
    ['ragged-first.csv', table('x,y', 3000, (i) => (i === 100 ? '1,0,7' : `${i},${i % 2}`)), /line 102/],
    ['nonfinite-first.csv', table('x,y', 3000, (i) => (i === 100 ? '-1e999,1' : `${i},${i % 2}`)), /line 102/],
    ['third-first.csv', table('x,y', 3000, (i) => (i === 100 ? '1,x' : `${i},${i % 2}`)), /more than two classes/],
  ]
  for (const [name, text, pattern] of cases) {
    const file = write(name, text)
    assert.equal(await profileFannedOut(file, {...base, threads: 2}), undefined, `${name}: the fan-out declines`)
    await assert.rejects(profileTable(file, {...base, threads: 2}), (e: Error) => {
      assert.match(e.message + ' ' + String((e as {field?: string}).field), pattern)
      return true
    })
  }
})

test('a range on the calling thread raises the shared abort flag when it fails, and stops when it is raised', async () => {
  const good = write(
    'range-good.csv',
    table('x,y', 2000, (i) => `${i % 7}.5,${i % 2}`),
  )
  const bad = write(
    'range-bad.csv',
    table('x,y', 2000, (i) => (i === 1500 ? '1,0,1' : `${i % 7}.5,${i % 2}`)),
  )
  const job = (file: string, abort: Int32Array): RangeJob => ({
    file,
    range: [4, statSync(file).size], // after the header 'x,y\n'
    crlf: false,
    width: 2,
    targetName: 'y',
    target: 1,
    names: ['x'],
    columns: [0],
    rules: {categorical: [], special: []},
    abort,
  })
  const flag = () => new Int32Array(new SharedArrayBuffer(4))
  const ok = await profileRange(job(good, flag()))
  assert.ok(ok.ok && ok.part.rows === 2000 && ok.part.profiles[0].values.length === 7)
  const failed = flag()
  assert.deepEqual(await profileRange(job(bad, failed)), {ok: false})
  assert.equal(Atomics.load(failed, 0), 1)
  const raised = flag()
  Atomics.store(raised, 0, 1)
  assert.deepEqual(await profileRange(job(good, raised)), {ok: false})
})
