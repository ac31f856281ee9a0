/**
 * `report merge` over `--shard K/N` parts: a 4-shard `spectral analyze` of a generated sharded checkpoint and a
 * 2-shard `school sweep` merge into the single-machine report (the same JSON but for timings and bookkeeping),
 * and broken part sets are refused with one line and exit 2.
 */
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, tempDir} from '../../helpers/cli.js'
import {comparableReportText, differingLines} from '../../helpers/report-diff.js'
import {assertMatchesSchema} from '../../helpers/schema.js'
import {canonicalJson} from '../../../src/core/shard/plan-fingerprint.js'

const root = tempDir('infolens-merge-')
const ck = join(root, 'ck')
assert.equal(runCli(['demo', 'checkpoint', ck, '--quiet']).status, 0)
const sharded = join(ck, 'sharded')
const analyze = ['spectral', 'analyze', sharded, '--no-cache', '--fail-on', 'alpha>4']

/** Runs `args` once in `single/` and as `n` shards in `sharded/`, then merges; returns both folders. */
type PartRun = {args?: string[]; env?: Record<string, string>}

function singleAndMerged(name: string, args: string[], n: number, part: (k: number) => PartRun) {
  const [single, parts] = [join(root, name, 'single'), join(root, name, 'sharded')]
  mkdirSync(single, {recursive: true})
  mkdirSync(join(parts, 'parts'), {recursive: true})
  const one = runCli([...args, '--quiet', '--out', 'report.json'], {cwd: single})
  for (let k = 0; k < n; k++) {
    const {args: extra = [], env} = part(k)
    const r = runCli([...args, ...extra, '--quiet', '--out', `parts/part-${k}.json`], {cwd: parts, env})
    assert.equal(r.status, 0, r.stderr) // a part never applies the gate: the merge does
  }
  const partFiles = Array.from({length: n}, (_, k) => `parts/part-${n - 1 - k}.json`) // any order
  const merged = runCli(['report', 'merge', ...partFiles, '--out', 'report.json'], {cwd: parts})
  return {one, merged, single, parts}
}

function assertSameReport(single: string, parts: string) {
  const [a, b] = [comparableReportText(join(single, 'report.json')), comparableReportText(join(parts, 'report.json'))]
  assert.deepEqual(differingLines(a, b), [])
  assert.equal(a, b)
}

test('spectral analyze: 4 shards merged = the single-machine report (natural layer order, summary, gate)', () => {
  const {one, merged, single, parts} = singleAndMerged('spectral', analyze, 4, (k) =>
    // two parts from the flag, two from a Slurm array's environment: one plan either way
    k < 2 ? {args: ['--shard', `${k}/4`]} : {env: {SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_TASK_COUNT: '4'}},
  )
  assert.equal(merged.status, one.status, merged.stderr) // the --fail-on verdict (0 or 3) is the single run's
  assert.equal(merged.stderr, one.stderr)
  assertSameReport(single, parts)
  const report = JSON.parse(readFileSync(join(parts, 'report.json'), 'utf8'))
  assertMatchesSchema(report, 'spectral.schema.json')
  assert.deepEqual(
    report.result.layers.map((l: {layer_id: number}) => l.layer_id),
    report.result.layers.map((_: unknown, i: number) => i),
  )
  assert.equal(report.sharding.shards, 4)
  const ids = [0, 1, 2, 3].map((k) => JSON.parse(readFileSync(join(parts, `parts/part-${k}.json`), 'utf8')).shard)
  assert.ok(ids.every((s) => s.plan === ids[0].plan && s.items.length > 0))
  assert.ok(!report.command.includes('--shard'))
})

test('school sweep: 2 shards (Kubernetes index + --shards) merged = the single-machine report', () => {
  const args = ['school', 'sweep', '--param', 'noise=0.0:0.5:3', '--seeds', '3', '--agents', '30', '--steps', '20']
  const {one, merged, single, parts} = singleAndMerged('sweep', [...args], 2, (k) => ({
    args: ['--shards', '2'],
    env: {JOB_COMPLETION_INDEX: String(k)},
  }))
  assert.equal(one.status, 0, one.stderr)
  assert.equal(merged.status, 0, merged.stderr)
  assertSameReport(single, parts)
  assertMatchesSchema(JSON.parse(readFileSync(join(parts, 'report.json'), 'utf8')), 'school.schema.json')
})

test('kappa plan: 3 shards merged = the single-machine plan (budget selection once over all tensors)', () => {
  const args = ['kappa', 'plan', sharded, '--no-cache', '--count', '5']
  const {one, merged, single, parts} = singleAndMerged('kappa', args, 3, (k) => ({args: ['--shard', `${k}/3`]}))
  assert.equal(one.status, 0, one.stderr)
  assert.equal(merged.status, 0, merged.stderr)
  assertSameReport(single, parts)
  const report = JSON.parse(readFileSync(join(parts, 'report.json'), 'utf8'))
  assertMatchesSchema(report, 'kappa.schema.json')
  assert.equal(report.result.selection.parameters.length, 5)
})

test('school simulate --ensemble: 3 shards merged = the single-machine report (statistics over all members)', () => {
  const args = ['school', 'simulate', '--ensemble', '5', '--agents', '20', '--steps', '12', '--config', 'torus']
  const {one, merged, single, parts} = singleAndMerged('ensemble', args, 3, (k) => ({args: ['--shard', `${k}/3`]}))
  assert.equal(one.status, 0, one.stderr)
  assert.equal(merged.status, 0, merged.stderr)
  assertSameReport(single, parts)
  const r = runCli([...args.slice(0, 2), '--shard', '0/2'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: --shard: expected --ensemble M >= 2 with --shard[^\n]*\n$/)
})

/** Runs `report merge` in the spectral folder; asserts exit 2, one stderr line matching `message`, no output. */
function assertRefused(parts: string[], message: RegExp) {
  const dir = join(root, 'spectral', 'sharded')
  const out = join(root, 'refused.json')
  const r = runCli(['report', 'merge', ...parts, '--out', out], {cwd: dir})
  assert.equal(r.status, 2, r.stderr)
  assert.match(r.stderr, /^infolens: error: [^\n]+\n$/)
  assert.match(r.stderr, message)
  assert.ok(!existsSync(out))
}

test('report merge refuses missing, duplicate, truncated, foreign and mixed-plan parts (exit 2, one line)', () => {
  const dir = join(root, 'spectral', 'sharded')
  const p = (k: number) => `parts/part-${k}.json`
  assertRefused([p(0), p(1), p(3)], /missing shard\(s\) 2\/4/)
  assertRefused([p(0), p(1), p(2), p(3), p(2)], /duplicate shard 2\/4/)
  writeFileSync(join(dir, 'truncated.json'), readFileSync(join(dir, p(2)), 'utf8').slice(0, 500))
  assertRefused([p(0), p(1), 'truncated.json', p(3)], /truncated\.json: not a complete JSON report/)
  assertRefused([p(0), p(1), 'report.json', p(3)], /report\.json: not a shard part/)
  assertRefused([p(0), 'no-such.json'], /no-such\.json: file not found/)
  // a part of another option set and one of another checkpoint
  const other = runCli([...analyze, '--shard', '1/4', '--min-evals', '20', '--out', 'other-options.json'], {cwd: dir})
  assert.equal(other.status, 0, other.stderr)
  assertRefused([p(0), 'other-options.json', p(2), p(3)], /different plan .*options differ \(--min-evals\)/)
  const ck2 = join(root, 'ck2')
  assert.equal(runCli(['demo', 'checkpoint', ck2, '--seed', '1', '--quiet']).status, 0)
  const foreign = ['spectral', 'analyze', join(ck2, 'sharded'), ...analyze.slice(3)]
  assert.equal(runCli([...foreign, '--shard', '1/4', '--out', 'foreign.json'], {cwd: dir}).status, 0)
  assertRefused([p(0), 'foreign.json', p(2), p(3)], /different plan .*input files or their checksums differ/)
  assert.equal(runCli([...analyze, '--shard', '1/3', '--out', 'three.json'], {cwd: dir}).status, 0)
  assertRefused([p(0), 'three.json'], /different plan .*shard counts differ \(4 vs 3\)/)
})

test('--shard K >= N, N < 1, --plots with --shard and a sweep shard with --nc: exit 2, one line', () => {
  for (const [extra, message] of [
    [['--shard', '4/4'], /--shard: expected 0 <= K < N/],
    [['--shard', '0/0'], /expected N >= 1/],
    [['--shard', '0/2', '--plots', join(root, 'plots')], /--plots is not supported with --shard/],
  ] as const) {
    const r = runCli([...analyze, ...extra])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, message)
    assert.equal(r.stderr.split('\n').length, 2)
  }
  const sweep = runCli([...sweepArgs(), '--shard', '0/2', '--nc', join(root, 'x.nc')])
  assert.equal(sweep.status, 2, sweep.stderr)
  assert.match(
    sweep.stderr,
    /--nc: a shard writes no NetCDF table: write it at the merge \(report merge PARTS --netcdf FILE\)/,
  )
  assert.equal(existsSync(join(root, 'x.nc')), false)
})

const sweepArgs = () => [
  'school',
  'sweep',
  '--param',
  'noise=0:0.2:3',
  '--seeds',
  '2',
  '--steps',
  '30',
  '--agents',
  '12',
]

/** The NetCDF files' bytes with the creation stamps (`2026-12-05T00:49:51Z`, `…:51.188Z`) blanked in place. */
function ncWithoutStamps(path: string): Buffer {
  return Buffer.from(
    readFileSync(path)
      .toString('latin1')
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, (stamp) => 'T'.repeat(stamp.length)),
    'latin1',
  )
}

test('report merge --netcdf: spectral parts joined, a sweep table written, byte-identical to one machine', () => {
  const dir = join(root, 'netcdf')
  mkdirSync(dir, {recursive: true})
  const ok = (args: string[]) => {
    const r = runCli([...args, '--quiet'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
  }
  const spectral = ['spectral', 'analyze', sharded, '--no-cache']
  ok([...spectral, '--netcdf', 'one.nc', '--out', 'one.json'])
  for (let k = 0; k < 3; k++) ok([...spectral, '--shard', `${k}/3`, '--netcdf', `p${k}.nc`, '--out', `p${k}.json`])
  ok(['report', 'merge', 'p2.json', 'p0.json', 'p1.json', '--netcdf', 'merged.nc', '--out', 'merged.json'])
  assert.ok(ncWithoutStamps(join(dir, 'one.nc')).equals(ncWithoutStamps(join(dir, 'merged.nc'))))
  const merged = JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8'))
  assert.deepEqual(merged.result.outputs, {netcdf: 'merged.nc'})
  assert.equal(merged.options.netcdf, 'merged.nc')
  // without --netcdf the merged report names no NetCDF file (a part's own file is not the run's)
  ok(['report', 'merge', 'p0.json', 'p1.json', 'p2.json', '--out', 'plain.json'])
  const plain = JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8'))
  assert.deepEqual(plain.result.outputs, {})
  assert.equal('netcdf' in plain.options, false)
  assert.ok(!plain.command.includes('--netcdf'))

  ok([...sweepArgs(), '--nc', 'sweep-one.nc', '--out', 'sweep-one.json'])
  for (let k = 0; k < 2; k++) ok([...sweepArgs(), '--shard', `${k}/2`, '--out', `s${k}.json`])
  ok(['report', 'merge', 's0.json', 's1.json', '--netcdf', 'sweep-merged.nc', '--out', 'sweep-merged.json'])
  assert.ok(ncWithoutStamps(join(dir, 'sweep-one.nc')).equals(ncWithoutStamps(join(dir, 'sweep-merged.nc'))))
  assert.equal(JSON.parse(readFileSync(join(dir, 'sweep-merged.json'), 'utf8')).result.netcdf, 'sweep-merged.nc')
})

test('report merge --netcdf refuses a spectral part without its NetCDF file, or with the wrong layers', () => {
  const dir = join(root, 'netcdf-bad')
  mkdirSync(dir, {recursive: true})
  const run = (args: string[]) => runCli([...args, '--quiet'], {cwd: dir})
  const spectral = ['spectral', 'analyze', sharded, '--no-cache']
  for (let k = 0; k < 2; k++)
    assert.equal(run([...spectral, '--shard', `${k}/2`, '--netcdf', `p${k}.nc`, '--out', `p${k}.json`]).status, 0)
  assert.equal(run([...spectral, '--shard', '1/2', '--out', 'bare1.json']).status, 0)
  const refused = (parts: string[], message: RegExp) => {
    const r = run(['report', 'merge', ...parts, '--netcdf', 'm.nc', '--out', 'm.json'])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, message)
    assert.equal(r.stderr.split('\n').length, 2)
    assert.equal(existsSync(join(dir, 'm.nc')) || existsSync(join(dir, 'm.json')), false)
  }
  refused(
    ['p0.json', 'bare1.json'],
    /bare1\.json: result\.outputs\.netcdf: expected the shard to have written --netcdf/,
  )
  writeFileSync(join(dir, 'swap.json'), readFileSync(join(dir, 'p1.json'), 'utf8').replaceAll('"p1.nc"', '"p0.nc"'))
  refused(['p0.json', 'swap.json'], /p0\.nc: layer_name: expected the layers of its report/)
  const sweep = run(['report', 'merge', 'p0.json', 'p1.json', '--netcdf', 'm.nc'])
  assert.equal(sweep.status, 0, sweep.stderr)
})

test('report merge --emit: the kappa plan files from the merged plan = kappa plan --emit on one machine', () => {
  const dir = join(root, 'emit')
  mkdirSync(dir, {recursive: true})
  const ok = (args: string[]) => {
    const r = runCli([...args, '--quiet'], {cwd: dir})
    assert.equal(r.status, 0, r.stderr)
  }
  const kappa = ['kappa', 'plan', sharded, '--no-cache', '--count', '4', '--lora-r', '8']
  ok([...kappa, '--emit', 'one', '--out', 'one.json'])
  for (let k = 0; k < 2; k++) ok([...kappa, '--shard', `${k}/2`, '--out', `k${k}.json`])
  ok(['report', 'merge', 'k1.json', 'k0.json', '--emit', 'merged', '--out', 'merged.json'])
  const names = readdirSync(join(dir, 'one')).sort()
  assert.deepEqual(readdirSync(join(dir, 'merged')).sort(), names)
  for (const name of names.filter((n) => n !== 'kappa-plan.json'))
    assert.equal(readFileSync(join(dir, 'merged', name), 'utf8'), readFileSync(join(dir, 'one', name), 'utf8'), name)
  // the merge appends --emit to the command line (the parts had none): same words and options, other order
  const planOf = (folder: string) => {
    const report = JSON.parse(comparableReportText(join(dir, folder, 'kappa-plan.json')).replaceAll(`"${folder}`, '"X'))
    return {...report, command: [...report.command].sort(), options: canonicalJson(report.options)}
  }
  assert.deepEqual(planOf('merged'), planOf('one'))
  const shard = runCli([...kappa, '--shard', '0/2', '--emit', 'x'], {cwd: dir})
  assert.equal(shard.status, 2, shard.stderr)
  assert.match(shard.stderr, /--emit: a shard has no plan yet: write the plan files at the merge/)
  const wrong = runCli(['report', 'merge', 'k0.json', 'k1.json', '--netcdf', 'x.nc'], {cwd: dir})
  assert.equal(wrong.status, 2, wrong.stderr)
  assert.match(wrong.stderr, /--netcdf: parts of kappa:plan have no NetCDF output to merge/)
})

test("spectral analyze --fit TPL: the merged report has the single run's one at-bound warning", () => {
  const args = ['spectral', 'analyze', sharded, '--no-cache', '--fit', 'TPL']
  const {one, merged, single, parts} = singleAndMerged('spectral-tpl', args, 2, (k) => ({args: ['--shard', `${k}/2`]}))
  assert.equal(merged.status, one.status, merged.stderr)
  const warnings = (dir: string) => JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).warnings
  assert.equal(warnings(single).length, 1)
  assert.deepEqual(warnings(parts), warnings(single))
  assertSameReport(single, parts)
})
