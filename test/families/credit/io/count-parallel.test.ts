// Bin counting over byte ranges on worker threads (src/families/credit/io/count-bins-parallel.ts) must give the
// single pass's counts exactly: every bin, unmatched cells, rows, warnings, and the same one-line errors. The
// fan-out threshold is forced to 1 byte so that small files are cut into ranges; each case checks that the
// ranges really ran (countRanges returns counts) or, for a quoted field spanning a cut, that they declined.
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'
import {countBins} from '../../../../src/families/credit/io/count-bins.js'
import {countBinsOfFiles, countRanges} from '../../../../src/families/credit/io/count-bins-parallel.js'
import {countRange, type CountRangeJob} from '../../../../src/families/credit/io/range-count.js'
import {fanOut} from '../../../../src/families/credit/io/csv-ranges.js'
import type {FeatureBinning} from '../../../../src/families/credit/kernels/feature-binning.js'

process.env.INFOLENS_CREDIT_FANOUT_BYTES = '1'
const dir = tempDir('infolens-credit-count-fanout-')
const script = new URL('../../../../src/families/credit/io/count-range-worker.ts', import.meta.url).pathname

const binnings: FeatureBinning[] = [
  {
    type: 'numeric',
    feature: 'x',
    method: 'quantile',
    missing: true,
    special: ['-999'],
    labels: ['(-inf, 10]', '(10, 50]', '(50, inf)', 'Missing', '-999'],
    closed: 'right',
    edges: [10, 50],
  },
  {
    type: 'numeric',
    feature: 'z',
    method: 'xgb1',
    missing: false,
    special: [],
    labels: ['[-inf, 2.5)', '[2.5, inf)'],
    closed: 'left',
    edges: [2.5],
  },
  {
    type: 'categorical',
    feature: 'c',
    method: 'quantile',
    missing: true,
    special: [],
    labels: ['a, b', 'k1', 'Missing'],
    groups: [['a, b', 'k0'], ['k1']],
  },
]

function write(name: string, content: string | Buffer): string {
  const p = join(dir, name)
  writeFileSync(p, content)
  return p
}

function table(n: number, row: (i: number) => string, eol = '\n'): string {
  return ['x,z,c,y', ...Array.from({length: n}, (_, i) => row(i))].join(eol) + eol
}

const tricky = (i: number) =>
  [
    i % 17 === 0 ? '' : i % 19 === 0 ? '-999.0' : i % 23 === 0 ? 'NA' : String((i * 7) % 80),
    String((i % 5) / 2),
    i % 5 === 0 ? '"a, b"' : i % 13 === 0 ? '"two\nlines"' : i % 7 === 0 ? 'unseen' : `k${i % 2}`,
    String(i % 2),
  ].join(',')

/** The single pass, the ranges (which must run, or decline), and countBinsOfFiles with 2 and 5 threads. */
async function assertSameCounts(file: string, declines = false): Promise<void> {
  const single = await countBins(file, {binnings})
  for (const parts of [2, 5]) {
    const fan = (await fanOut(file, parts))!
    for (const firstHere of [false, true]) {
      const ranged = await countRanges(script, file, fan.head, fan.parts, binnings, firstHere)
      if (declines) assert.equal(ranged, undefined)
      else assert.deepStrictEqual(ranged, single, `${parts} ranges, first range on this thread: ${firstHere}`)
    }
    assert.deepStrictEqual(await countBinsOfFiles([file], binnings, parts), [single])
  }
}

test('quotes, quoted newlines, CRLF, BOM, NA, specials, unseen levels: counts equal the single pass', async () => {
  await assertSameCounts(write('tricky.csv', '\ufeff' + table(3000, tricky, '\r\n')))
})

test('bytes that are not UTF-8: the same counts and the same warning line', async () => {
  const text = table(3000, (i) => (i === 2222 ? '1,1,caf\u00e9,0' : tricky(i)))
  await assertSameCounts(write('latin1.csv', Buffer.from(text, 'latin1')))
  const single = await countBins(join(dir, 'latin1.csv'), {binnings})
  // physical line: header, 2222 rows before, and one more line per earlier quoted "two\nlines" cell
  const quotedNewlines = Array.from({length: 2222}, (_, i) => i % 13 === 0 && i % 5 !== 0).filter(Boolean).length
  assert.ok(single.warnings[0].includes(`line ${2 + 2222 + quotedNewlines}, column c:`), single.warnings[0])
})

test('a quoted field spanning the cut: the ranges decline', async () => {
  const rows = table(10, (i) => `${i},1,k0,${i % 2}`)
  const long = '"' + 'k\n'.repeat(5000) + '"'
  await assertSameCounts(write('spanning.csv', rows + `5,1,${long},1\n` + rows.split('\n').slice(1).join('\n')), true)
})

test('psi counts both files with the threads shared out (2 ranges each)', async () => {
  const a = write('a.csv', table(2000, tricky))
  const b = write(
    'b.csv',
    table(3000, (i) => tricky(i * 3)),
  )
  const single = [await countBins(a, {binnings}), await countBins(b, {binnings})]
  assert.deepStrictEqual(await countBinsOfFiles([a, b], binnings, 4), single)
})

test('a number overflowing a double in the last range: the single pass error, with its line', async () => {
  const file = write(
    'bad.csv',
    table(3000, (i) => (i === 2900 ? '1e999,1,k0,1' : tricky(i))),
  )
  const single = await countBins(file, {binnings}).then(
    () => assert.fail('no error'),
    (e: Error) => e,
  )
  assert.match(single.message, /^line 2902: expected a finite number/)
  await assert.rejects(countBinsOfFiles([file], binnings, 4), (e: Error) => {
    assert.equal(e.message, single.message)
    assert.deepEqual({...e}, {...single})
    return true
  })
})

test('a bad number in the first range (counted on the calling thread): declined, then the single pass error', async () => {
  const file = write(
    'bad-first.csv',
    table(3000, (i) => (i === 100 ? '-1e999,1,k0,1' : tricky(i))),
  )
  const fan = (await fanOut(file, 2))!
  assert.equal(await countRanges(script, file, fan.head, fan.parts, binnings, true), undefined)
  await assert.rejects(countBinsOfFiles([file], binnings, 2), /line 102: expected a finite number/)
})

test('a range on the calling thread raises the shared abort flag when it fails, and stops when it is raised', async () => {
  const good = write('range-good.csv', table(2000, tricky))
  const bad = write(
    'range-bad.csv',
    table(2000, (i) => (i === 1500 ? '1e999,1,k0,1' : tricky(i))),
  )
  const job = async (file: string, abort: Int32Array): Promise<CountRangeJob> => {
    const fan = (await fanOut(file, 2))!
    return {file, header: fan.head.header, range: [fan.head.dataStart, fan.head.size], crlf: false, binnings, abort}
  }
  const flag = () => new Int32Array(new SharedArrayBuffer(4))
  const ok = await countRange(await job(good, flag()))
  const single = await countBins(good, {binnings})
  assert.ok(ok.ok && ok.result.rows === 2000)
  assert.deepStrictEqual([ok.result.counts, ok.result.unmatched], [single.counts, single.unmatched])
  const failed = flag()
  assert.deepEqual(await countRange(await job(bad, failed)), {ok: false})
  assert.equal(Atomics.load(failed, 0), 1)
  const raised = flag()
  Atomics.store(raised, 0, 1)
  assert.deepEqual(await countRange(await job(good, raised)), {ok: false})
})
