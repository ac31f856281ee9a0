/**
 * A real one-node Slurm (test/cluster/slurm-up.sh): `cluster emit` job files submitted with their submit.sh, an
 * array of INFOLENS_SLURM_SHARDS tasks (default 2; 4 for the full run in the README) then the dependent merge,
 * for `spectral analyze` over a sharded checkpoint and for `school sweep`. Each merged report must equal the
 * single-machine report. Skipped without sbatch or root (the recipe runs the daemons as root).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {after, before, test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, tempDir} from '../helpers/cli.js'
import {infolensOnPath} from '../helpers/infolens-on-path.js'
import {comparableReportText, differingLines} from '../helpers/report-diff.js'

const here = new URL('.', import.meta.url).pathname
const shards = Number(process.env.INFOLENS_SLURM_SHARDS ?? 2)
const skip =
  spawnSync('sh', ['-c', 'command -v sbatch slurmctld slurmd munged'], {encoding: 'utf8'}).status !== 0
    ? 'Slurm is not installed (apt-get install slurm-wlm munge)'
    : process.getuid?.() !== 0
      ? 'the one-node Slurm recipe runs its daemons as root'
      : undefined
const root = tempDir('infolens-slurm-')
const clusterDir = join(root, 'cluster')
const bin = infolensOnPath()
let env: Record<string, string> = {}

before(() => {
  if (skip) return
  const up = spawnSync('bash', [join(here, 'slurm-up.sh'), clusterDir], {encoding: 'utf8', timeout: 60_000})
  assert.equal(up.status, 0, `slurm-up.sh failed:\n${up.stdout}\n${up.stderr}`)
  env = {...bin.env, SLURM_CONF: join(clusterDir, 'slurm.conf')}
})
after(() => {
  if (!skip) spawnSync('bash', [join(here, 'slurm-down.sh'), clusterDir], {timeout: 30_000})
})

/** Polls squeue until none of `jobs` is queued or running; fails after `limitMs`. */
function waitForJobs(jobs: string[], limitMs: number, logs: string): void {
  const deadline = Date.now() + limitMs
  for (;;) {
    const q = spawnSync('squeue', ['-h', '-j', jobs.join(','), '-o', '%i %T %r'], {
      encoding: 'utf8',
      env: {...process.env, ...env},
    })
    if (q.status === 0 && q.stdout.trim() === '') return
    if (Date.now() > deadline) assert.fail(`jobs ${jobs} still queued after ${limitMs} ms:\n${q.stdout}\n${logs}`)
    spawnSync('sleep', ['0.5'])
  }
}

/** Emits, submits and waits for a sharded `command`; returns the merged and the single-machine report texts. */
function runOnSlurm(name: string, command: string[]): {merged: string; single: string} {
  const work = join(root, name)
  const single = join(root, `${name}-single`)
  mkdirSync(work, {recursive: true})
  mkdirSync(single, {recursive: true})
  const emitted = runCli(
    ['cluster', 'emit', '--quiet', '--shards', String(shards), '--out', 'jobs', '--', ...command],
    {
      cwd: work,
    },
  )
  assert.equal(emitted.status, 0, emitted.stderr)
  const submit = spawnSync('bash', [join(work, 'jobs', 'submit.sh')], {
    cwd: work,
    encoding: 'utf8',
    env: {...process.env, ...env},
  })
  assert.equal(submit.status, 0, submit.stderr)
  const ids = /array job (\d+), merge job (\d+)/.exec(submit.stdout)
  assert.ok(ids, submit.stdout)
  // meanwhile, the single-machine run (the cluster has the cores for it only after the array; fine for 2 tasks)
  const one = runCli([...command], {cwd: single})
  assert.equal(one.status, 0, one.stderr)
  const logs = () =>
    ['merge.out', ...Array.from({length: shards}, (_, k) => `shard-${k}.out`)]
      .map((f) => join(work, 'jobs', 'logs', f))
      .filter(existsSync)
      .map((f) => `${f}:\n${readFileSync(f, 'utf8')}`)
      .join('\n')
  waitForJobs([ids[1], ids[2]], 90_000, logs())
  const report = join(work, 'report.json')
  assert.ok(existsSync(report), `no merged report; logs:\n${logs()}`)
  return {merged: comparableReportText(report), single: comparableReportText(join(single, 'report.json'))}
}

test(`spectral analyze as a ${shards}-task Slurm array + merge job = the single-machine report`, (t) => {
  if (skip) return t.skip(skip)
  const ck = join(root, 'ck')
  assert.equal(runCli(['demo', 'checkpoint', ck, '--quiet']).status, 0)
  const {merged, single} = runOnSlurm('spectral', [
    'spectral',
    'analyze',
    join(ck, 'sharded'),
    '--no-cache',
    '--out',
    'report.json',
  ])
  assert.deepEqual(differingLines(single, merged), [])
})

test(`school sweep as a ${shards}-task Slurm array + merge job = the single-machine report`, (t) => {
  if (skip) return t.skip(skip)
  const sweep = ['school', 'sweep', '--param', 'noise=0.0:0.5:4', '--seeds', '2', '--agents', '30', '--steps', '20']
  const {merged, single} = runOnSlurm('sweep', [...sweep, '--out', 'report.json'])
  assert.deepEqual(differingLines(single, merged), [])
})
