/**
 * `cluster emit` with a merged output in the command line: spectral tasks each write their own NetCDF part
 * next to their JSON part and the merge job joins them into the command's file; sweep tasks write none and the
 * merge job writes the table; kappa's plan files come from the merge job. Checked on the emitted lines (the
 * end-to-end merges are in test/commands/report/merge.test.ts).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {parseJobCommand} from '../../../src/core/shard/emit/job-command.js'
import {kubernetesMergeLine, kubernetesShardLine} from '../../../src/core/shard/emit/kubernetes-jobs.js'
import {slurmArrayScript, slurmMergeScript} from '../../../src/core/shard/emit/slurm-scripts.js'
import {mergeOutputFlags} from '../../../src/report-render/merge-registry.js'

const shardable = ['spectral:analyze', 'school:sweep']
const slurm = {shards: 3, workdir: '/w', dir: '/w/jobs', jobName: 'j'}

test('spectral --netcdf: each task writes parts/part-K.nc, the merge writes the command file', () => {
  const command = parseJobCommand(
    ['spectral', 'analyze', 'ck', '--netcdf', 'esd.nc', '--out', 'r.json'],
    shardable,
    mergeOutputFlags,
  )
  assert.deepEqual(command.words, ['spectral', 'analyze', 'ck'])
  assert.deepEqual(command.outputs, [{flag: '--netcdf', mergeFlag: '--netcdf', fromParts: true, path: 'esd.nc'}])
  assert.match(slurmArrayScript(command, slurm), /--netcdf "\$parts\/part-\$\{SLURM_ARRAY_TASK_ID\}\.nc" --out/)
  assert.match(
    slurmMergeScript(command, slurm),
    /report merge "\$parts"\/part-\{0\.\.2\}\.json --netcdf esd\.nc --out r\.json/,
  )
  assert.match(kubernetesShardLine(command, 3), /--netcdf "infolens-parts\/part-\$\{JOB_COMPLETION_INDEX\}\.nc"/)
  assert.match(kubernetesMergeLine(command, 3), /part-2\.json --netcdf esd\.nc --out r\.json$/)
})

test('sweep --nc=FILE: the tasks write no NetCDF, the merge writes the table', () => {
  const command = parseJobCommand(
    ['school', 'sweep', '--param', 'noise=0:1:3', '--nc=t.nc'],
    shardable,
    mergeOutputFlags,
  )
  assert.deepEqual(command.words, ['school', 'sweep', '--param', 'noise=0:1:3'])
  assert.doesNotMatch(slurmArrayScript(command, slurm), /\.nc/)
  assert.match(slurmMergeScript(command, slurm), /--netcdf t\.nc --out report\.json/)
  assert.throws(
    () => parseJobCommand(['school', 'sweep', '--nc'], shardable, mergeOutputFlags),
    /expected a path after --nc/,
  )
})

test('kappa --emit DIR: the merge job writes the plan files', () => {
  const command = parseJobCommand(['kappa', 'plan', 'ck', '--emit', 'plan dir'], ['kappa:plan'], mergeOutputFlags)
  assert.deepEqual(command.words, ['kappa', 'plan', 'ck'])
  assert.doesNotMatch(slurmArrayScript(command, slurm), /--emit/)
  assert.match(slurmMergeScript(command, slurm), /--emit 'plan dir' --out report\.json/)
})
