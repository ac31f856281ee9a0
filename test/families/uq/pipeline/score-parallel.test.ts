/**
 * Scoring a file on several threads (pipeline/score-parallel) gives exactly the one-thread result:
 * the same rows in the same order, bit for bit (the draws' random stream depends on the line number,
 * which every part counts as in the whole file), with and without baselines, blank lines included.
 * Bad input gives the one-thread messages too: a bad line or a repeated id in a later part (the
 * parallel result is dropped and the file read again in one thread), a bad line in the first part,
 * and --skip-bad records.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {defaultBaselineOptions} from '../../../../src/families/uq/kernels/baselines.js'
import type {RunScoringOptions} from '../../../../src/families/uq/kernels/score-run.js'
import {defaultSyntheticOptions, synthesizeItem} from '../../../../src/families/uq/kernels/synthetic-items.js'
import {scoreUqFile} from '../../../../src/families/uq/pipeline/score.js'
import {InputError} from '../../../../src/core/errors.js'
import {tempDir} from '../../../helpers/cli.js'

const scoring = (baselines: boolean): RunScoringOptions => ({
  similarity: 'abs-cos',
  embedder: 'input',
  symmetrize: false,
  draws: 20,
  uniqueDraws: true,
  seed: 3,
  baselines,
  baselineResponses: 'original',
  baselineOptions: defaultBaselineOptions,
})

/** 30 synthetic items (10 inputs × 5 responses × 16-d, two temperatures), a blank line every 7th. */
function writeItems(edit: (lines: string[]) => void = () => {}): string {
  const o = {...defaultSyntheticOptions, items: 30, inputs: 10, responses: 5, dim: 16, temperatures: [0.7, 1], seed: 5}
  const lines = Array.from({length: 30}, (_, k) => JSON.stringify(synthesizeItem(k, o)))
  edit(lines)
  const file = join(tempDir('infolens-uq-parallel-'), 'items.jsonl')
  writeFileSync(file, lines.map((l, k) => (k % 7 === 6 ? `${l}\n` : l)).join('\n') + '\n')
  return file
}

const run = (file: string, threads: number, baselines = false, skipBad = false) =>
  scoreUqFile(file, {scoring: scoring(baselines), skipBad, threads, parallelMinBytes: 0})

const failure = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p
  } catch (error) {
    const {file, field} = error as InputError
    return `${error instanceof InputError ? 'InputError' : 'other'} ${file}: ${field}: ${(error as Error).message}`
  }
  return 'no error'
}

test('2 and 3 threads give the one-thread rows exactly, with and without baselines', async () => {
  const file = writeItems()
  for (const baselines of [false, true]) {
    const one = await run(file, 1, baselines)
    assert.equal(one.items, 30)
    assert.equal(one.rows.length, 60)
    assert.equal(one.threadsUsed, 1)
    for (const threads of [2, 3])
      assert.deepEqual(await run(file, threads, baselines), {...one, threadsUsed: threads}, `${threads} threads`)
  }
})

test('a repeated id or a bad line in a later part: the one-thread error', async () => {
  const repeated = writeItems((lines) => (lines[25] = lines[25].replace('synthetic-0025', 'synthetic-0002')))
  const badLine = writeItems((lines) => (lines[27] = lines[27].replace('"runs":[', '"runs":7,"x":[')))
  for (const file of [repeated, badLine]) {
    const expected = await failure(run(file, 1))
    assert.match(expected, /^InputError \S+items\.jsonl:\d+: /)
    assert.equal(await failure(run(file, 2)), expected)
  }
})

test('a bad line in the first part: the one-thread error', async () => {
  const file = writeItems((lines) => (lines[1] = lines[1].replace('"runs":[', '"runs":7,"x":[')))
  const expected = await failure(run(file, 1))
  assert.match(expected, /^InputError \S+items\.jsonl:2: /)
  assert.equal(await failure(run(file, 2)), expected)
})

test('--skip-bad with bad lines and a repeated id in both parts: the one-thread rows and records', async () => {
  const file = writeItems((lines) => {
    lines[3] = '{"not": "an item"}'
    lines[22] = lines[22].replace('synthetic-0022', 'synthetic-0004')
    lines[28] = 'not json'
  })
  const one = await run(file, 1, false, true)
  assert.equal(one.bad.length, 3)
  assert.deepEqual(await run(file, 2, false, true), one) // the later part was not clean: one thread, threadsUsed 1
})

test('--skip-bad with bad lines in the first part only: kept on 2 threads, the one-thread records', async () => {
  const file = writeItems((lines) => {
    lines[3] = '{"not": "an item"}'
    lines[5] = lines[5].replace('synthetic-0005', 'synthetic-0001')
  })
  const one = await run(file, 1, false, true)
  assert.equal(one.bad.length, 2)
  assert.deepEqual(await run(file, 2, false, true), {...one, threadsUsed: 2})
})
