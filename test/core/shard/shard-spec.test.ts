import {test} from 'node:test'
import assert from 'node:assert/strict'
import {InputError} from '../../../src/core/errors.js'
import {parseShard, resolveShard} from '../../../src/core/shard/shard-spec.js'

const throwsInput = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof InputError && e.exitCode === 2 && message.test(e.oneLine))

test('parseShard: K/N, 0-based; K >= N, N < 1 and junk are input errors', () => {
  assert.deepEqual(parseShard('0/4'), {index: 0, count: 4})
  assert.deepEqual(parseShard(' 3 / 4 '), {index: 3, count: 4})
  throwsInput(() => parseShard('4/4'), /--shard: expected 0 <= K < N, got K = 4 with N = 4/)
  throwsInput(() => parseShard('0/0'), /expected N >= 1/)
  throwsInput(() => parseShard('-1/4'), /expected K\/N/)
  throwsInput(() => parseShard('1'), /expected K\/N/)
})

test('resolveShard: the flag wins; no flag and no scheduler = unsharded; off opts out', () => {
  const slurm = {SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4'}
  assert.deepEqual(resolveShard({shard: '1/3'}, slurm), {index: 1, count: 3})
  assert.equal(resolveShard({}, {}), undefined)
  assert.equal(resolveShard({shard: 'off'}, slurm), undefined)
  throwsInput(() => resolveShard({shard: '1/3', shards: 4}, {}), /--shards 4 disagrees/)
})

test('resolveShard: Slurm arrays by COUNT, by MIN/MAX (offset arrays), or --shards', () => {
  assert.deepEqual(resolveShard({}, {SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4'}), {index: 2, count: 4})
  const offset = {SLURM_ARRAY_TASK_ID: '12', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_MAX: '13'}
  assert.deepEqual(resolveShard({}, offset), {index: 2, count: 4})
  assert.deepEqual(resolveShard({shards: 8}, {SLURM_ARRAY_TASK_ID: '5'}), {index: 5, count: 8})
  throwsInput(() => resolveShard({}, {SLURM_ARRAY_TASK_ID: '5'}), /pass --shards N/)
  throwsInput(() => resolveShard({shards: 3}, {SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4'}), /disagrees/)
  throwsInput(() => resolveShard({}, {SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4'}), /K = 4 with N = 4/)
  throwsInput(() => resolveShard({}, {SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '4'}), /whole number/)
})

test('resolveShard: JOB_COMPLETION_INDEX needs --shards; --shards alone needs a scheduler', () => {
  assert.deepEqual(resolveShard({shards: 4}, {JOB_COMPLETION_INDEX: '3'}), {index: 3, count: 4})
  throwsInput(() => resolveShard({}, {JOB_COMPLETION_INDEX: '3'}), /--shards: JOB_COMPLETION_INDEX is set/)
  throwsInput(() => resolveShard({shards: 4}, {JOB_COMPLETION_INDEX: '4'}), /K = 4 with N = 4/)
  throwsInput(() => resolveShard({shards: 4}, {}), /needs SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX/)
  throwsInput(() => resolveShard({shards: 0}, {JOB_COMPLETION_INDEX: '0'}), /expected N >= 1/)
})
