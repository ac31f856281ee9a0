/**
 * `cluster emit`: the Kubernetes manifests parse (PyYAML) as Indexed + merge Jobs whose command lines, run here
 * with JOB_COMPLETION_INDEX set as Kubernetes would, produce the single-machine report; the Slurm array script
 * run by bash with SLURM_ARRAY_TASK_ID set does the same (the real Slurm run is test/cluster/slurm.test.ts).
 */
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {runCli, tempDir} from '../../helpers/cli.js'
import {infolensOnPath} from '../../helpers/infolens-on-path.js'
import {comparableReportText, differingLines} from '../../helpers/report-diff.js'

const root = tempDir('infolens-emit-')
const bin = infolensOnPath()
const sweep = ['school', 'sweep', '--param', 'noise=0.0:0.4:3', '--seeds', '2', '--agents', '24', '--steps', '15']

function hasPyYaml(): boolean {
  return spawnSync('python3', ['-c', 'import yaml'], {encoding: 'utf8'}).status === 0
}

function loadYaml(path: string): any {
  const r = spawnSync(
    'python3',
    ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', path],
    {
      encoding: 'utf8',
    },
  )
  assert.equal(r.status, 0, r.stderr)
  return JSON.parse(r.stdout)
}

/** `cluster emit --json` (before the --: after it, --json would belong to the emitted command line). */
function emit(shards: number, cwd: string) {
  const argv = [
    'cluster',
    'emit',
    '--json',
    '--shards',
    String(shards),
    '--out',
    'jobs',
    '--',
    ...sweep,
    '--out',
    'sweep.json',
  ]
  const result = runCli(argv, {cwd})
  assert.equal(result.status, 0, result.stderr)
  return JSON.parse(result.stdout)
}

function sh(line: string, cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync('sh', ['-c', line], {cwd, encoding: 'utf8', env: {...process.env, ...bin.env, ...env}})
  assert.equal(r.status, 0, `${line}\n${r.stderr}`)
}

/** The single-machine report of `sweep` (run in its own folder, same relative --out). */
function singleReport(): string {
  const dir = join(root, 'single')
  mkdirSync(dir, {recursive: true})
  const r = runCli([...sweep, '--out', 'sweep.json'], {cwd: dir})
  assert.equal(r.status, 0, r.stderr)
  return comparableReportText(join(dir, 'sweep.json'))
}

test('the Kubernetes Indexed Job and merge Job parse and their command lines reproduce the single-machine report', (t) => {
  if (!hasPyYaml()) return t.skip('python3 with PyYAML (python3-yaml) is not installed')
  const work = join(root, 'k8s')
  mkdirSync(work, {recursive: true})
  const json = emit(3, work)
  const job = loadYaml(json.files.kubernetesJob)
  assert.equal(job.apiVersion, 'batch/v1')
  assert.equal(job.kind, 'Job')
  assert.equal(job.spec.completionMode, 'Indexed')
  assert.equal(job.spec.completions, 3)
  assert.equal(job.spec.template.spec.restartPolicy, 'Never')
  const [container] = job.spec.template.spec.containers
  assert.equal(container.workingDir, container.volumeMounts[0].mountPath)
  assert.equal(container.command[0], 'sh')
  const merge = loadYaml(json.files.kubernetesMerge)
  assert.equal(merge.spec.completionMode, undefined)
  // each pod's command line with the index Kubernetes sets, in the shared working directory, in any order
  for (const k of [2, 0, 1]) sh(container.command[2], work, {JOB_COMPLETION_INDEX: String(k)})
  sh(merge.spec.template.spec.containers[0].command[2], work)
  const [a, b] = [singleReport(), comparableReportText(join(work, 'sweep.json'))]
  assert.deepEqual(differingLines(a, b), [])
})

test('the Slurm array script run by bash per task index, then the merge script, gives the same report', () => {
  const work = join(root, 'slurm-bash')
  mkdirSync(work, {recursive: true})
  const json = emit(2, work)
  const array = readFileSync(json.files.slurmArray, 'utf8')
  assert.match(array, /^#SBATCH --array=0-1$/m)
  assert.match(readFileSync(json.files.submit, 'utf8'), /--dependency=afterok:/)
  for (const k of [0, 1]) {
    const r = spawnSync('bash', [json.files.slurmArray], {
      cwd: work,
      encoding: 'utf8',
      env: {...process.env, ...bin.env, SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_TASK_COUNT: '2'},
    })
    assert.equal(r.status, 0, r.stderr)
  }
  const m = spawnSync('bash', [json.files.slurmMerge], {cwd: work, encoding: 'utf8', env: {...process.env, ...bin.env}})
  assert.equal(m.status, 0, m.stderr)
  assert.deepEqual(differingLines(singleReport(), comparableReportText(join(work, 'sweep.json'))), [])
})

test('cluster emit refuses N < 1, a command that cannot be sharded and --shard in the command (exit 2, one line)', () => {
  const out = join(root, 'refused')
  for (const [argv, message] of [
    [['--shards', '0', '--out', out, '--', ...sweep], /--shards: expected N >= 1/],
    [
      ['--shards', '2', '--out', out, '--', 'school', 'analyze', 'run.nc'],
      /expected a shardable infolens command line/,
    ],
    [['--shards', '2', '--out', out], /expected a shardable infolens command line after --/],
    [['--shards', '2', '--out', out, '--', ...sweep, '--shard', '0/2'], /leave --shard out/],
  ] as const) {
    const r = runCli(['cluster', 'emit', ...argv])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /^infolens: error: [^\n]+\n$/)
    assert.match(r.stderr, message)
  }
  assert.ok(!existsSync(out))
})
