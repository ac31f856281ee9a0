/**
 * Wall time of `spectral analyze` as 1, 2 and 4 Slurm array tasks (plus the merge job) on the local one-node
 * Slurm of test/cluster/slurm-up.sh, for a sharded checkpoint of 8 large matrices (default 1536 × 1536 F32,
 * 3 safetensors shards). Prints one line per task count with the machine's CPUs and its load average before
 * and after (other work on the machine changes the result). Needs root, slurm-wlm and munge, and a build.
 * Run: npm run build && node --import tsx bench/cluster/slurm-array.ts [--size 1536] [--tasks 1,2,4]
 */
import {spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {availableParallelism, loadavg, tmpdir} from 'node:os'
import {join} from 'node:path'
import {createGaussianSampler} from '../../src/core/random/gaussian-sampler.js'
import {createXoshiro128} from '../../src/core/random/xoshiro128.js'
import {writeShardedSafetensors} from '../../src/core/safetensors/index.js'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const size = Number(arg('size', '1536'))
const taskCounts = arg('tasks', '1,2,4').split(',').map(Number)
const repo = new URL('../../', import.meta.url).pathname
const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-cluster-'))
const cluster = join(dir, 'cluster')
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join('/')

function sh(cmd: string, args: string[], env: Record<string, string> = {}, cwd = dir): string {
  const r = spawnSync(cmd, args, {cwd, encoding: 'utf8', env: {...process.env, ...env}})
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`)
  return r.stdout
}

const normal = createGaussianSampler(createXoshiro128(7))
const tensors = Array.from({length: 8}, (_, k) => ({
  name: `model.layers.${k}.mlp.weight`,
  dtype: 'F32' as const,
  shape: [size, size],
  data: Float32Array.from(normal.fill(size * size), (x) => x * 0.02),
}))
mkdirSync(join(dir, 'ckpt'))
writeShardedSafetensors(join(dir, 'ckpt'), tensors, {shards: 3})
const bin = join(dir, 'bin')
mkdirSync(bin)
sh('sh', [
  '-c',
  `printf '#!/bin/sh\\nexec "%s" "%s" "$@"\\n' "${process.execPath}" "${repo}bin/run.js" > ${bin}/infolens && chmod +x ${bin}/infolens`,
])
const env = {PATH: `${bin}:${process.env.PATH}`, SLURM_CONF: join(cluster, 'slurm.conf')}
sh('bash', [join(repo, 'test/cluster/slurm-up.sh'), cluster])
try {
  for (const n of taskCounts) {
    const work = join(dir, `tasks-${n}`)
    mkdirSync(work)
    const before = load()
    sh(
      'infolens',
      [
        'cluster',
        'emit',
        '--quiet',
        '--shards',
        String(n),
        '--out',
        'jobs',
        '--',
        'spectral',
        'analyze',
        join(dir, 'ckpt'),
        '--no-cache',
        '--out',
        'report.json',
      ],
      env,
      work,
    )
    const t0 = performance.now()
    const ids = /array job (\d+), merge job (\d+)/.exec(sh('bash', [join(work, 'jobs/submit.sh')], env, work))!
    while (sh('squeue', ['-h', '-j', `${ids[1]},${ids[2]}`], env).trim() !== '') spawnSync('sleep', ['0.2'])
    const wall = (performance.now() - t0) / 1000
    const layers = JSON.parse(readFileSync(join(work, 'report.json'), 'utf8')).result.layers.length
    console.log(
      `slurm array spectral analyze 8×${size}² F32  tasks ${n}  wall ${wall.toFixed(2)} s (incl. merge job)  layers ${layers}  cpus ${availableParallelism()}  load ${before} → ${load()}`,
    )
  }
} finally {
  spawnSync('bash', [join(repo, 'test/cluster/slurm-down.sh'), cluster])
  rmSync(dir, {recursive: true, force: true})
}
