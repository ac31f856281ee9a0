import {test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {NetCDFReader} from 'netcdfjs'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'
import {assertMatchesSchema} from '../../../helpers/schema.js'
import {metricNames, SchoolMetrics} from '../../../../src/families/school/kernels/school-metrics.js'

const dir = tempDir('infolens-school-')
const env = {SOURCE_DATE_EPOCH: '1700000000'}
const small = ['--agents', '40', '--steps', '30']

// Independent readers from Debian; a check whose tool is missing is skipped, visibly, saying why.
const PYTHON = '/usr/bin/python3' // Debian's python3: apt's python3-xarray and python3-netcdf4 live there
const noNcdump =
  spawnSync('sh', ['-c', 'command -v ncdump']).status === 0 ? undefined : 'ncdump not found (apt install netcdf-bin)'
const noXarray =
  spawnSync(PYTHON, ['-c', 'import xarray, netCDF4, scipy']).status === 0
    ? undefined
    : `${PYTHON} lacks xarray/netCDF4/scipy (apt install python3-xarray python3-netcdf4 python3-scipy)`

test('simulate writes CDF-2 NetCDF that netcdfjs reads, with metrics equal to the kernels on the stored frames', () => {
  const nc = join(dir, 'run.nc')
  const {json, result} = runCliJson(
    ['school', 'simulate', '--config', 'highly-parallel', ...small, '--nc', nc, '--plot', join(dir, 'run.svg')],
    {env},
  )
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  assert.equal(json.seed, 789)
  assert.equal(json.result.frames, 31)
  const r = new NetCDFReader(readFileSync(nc))
  assert.equal(r.version, '64-bit offset format')
  assert.deepEqual(
    r.dimensions.map((d: {name: string; size: number}) => d.name),
    ['time', 'fish', 'spatial'],
  )
  assert.equal(r.recordDimension.length, 31) // time is the record dimension (netcdfjs reports its size as 0)
  assert.equal(r.dimensions[1].size, 40)
  assert.equal(r.getAttribute('seed'), 789)
  assert.equal(r.getAttribute('n_fish'), 40)
  const pos = (r.getDataVariable('positions') as number[][]).flat()
  const vel = (r.getDataVariable('velocities') as number[][]).flat()
  const last = 30 * 40 * 3
  const m = new SchoolMetrics(40, 35, 'periodic').compute(
    Float64Array.from(pos.slice(last)),
    Float64Array.from(vel.slice(last)),
  )
  metricNames.forEach((name, k) => assert.equal((r.getDataVariable(name) as number[])[30], m[k], name))
  assert.equal(
    (r.getDataVariable('oceanic_schooling_index') as number[])[30],
    json.result.summary.oceanic_schooling_index.final,
  )
  assert.match(readFileSync(join(dir, 'run.svg'), 'utf8'), /^<svg/)
})

test('same seed → byte-identical NetCDF (SOURCE_DATE_EPOCH fixes the history date)', () => {
  const a = join(dir, 'a.nc')
  const b = join(dir, 'b.nc')
  for (const f of [a, b])
    assert.equal(runCli(['school', 'simulate', '--config', 'swarm', ...small, '--nc', f, '--quiet'], {env}).status, 0)
  assert.ok(readFileSync(a).equals(readFileSync(b)))
})

test('ncdump and xarray (netcdf4 and scipy engines) read the file', async (t) => {
  const nc = join(dir, 'x.nc')
  assert.equal(runCli(['school', 'simulate', '--config', 'torus', ...small, '--nc', nc, '--quiet'], {env}).status, 0)
  await t.test('ncdump -h', (st) => {
    if (noNcdump) return st.skip(noNcdump)
    const dump = spawnSync('ncdump', ['-h', nc], {encoding: 'utf8'})
    assert.equal(dump.status, 0, dump.stderr)
    assert.match(dump.stdout, /int n_fish = 40 ;|:n_fish = 40 ;/)
  })
  await t.test('xarray, netcdf4 and scipy engines', (st) => {
    if (noXarray) return st.skip(noXarray)
    const py = `import xarray as xr\nfor e in ("netcdf4", "scipy"):\n    d = xr.open_dataset("${nc}", engine=e)\n    print(e, d.sizes["time"], d.sizes["fish"], float(d.polarization[-1]))`
    const x = spawnSync(PYTHON, ['-c', py], {encoding: 'utf8'})
    assert.equal(x.status, 0, x.stderr)
    assert.match(x.stdout, /netcdf4 31 40/)
    assert.match(x.stdout, /scipy 31 40/)
  })
})

test('analyze reproduces the metrics stored by simulate (naive and periodic centroid)', () => {
  const nc = join(dir, 'an.nc')
  for (const centroid of ['naive', 'periodic']) {
    const sim = runCliJson(
      ['school', 'simulate', '--config', 'dynamic-parallel', ...small, '--nc', nc, '--centroid', centroid],
      {env},
    )
    assert.equal(sim.result.status, 0, sim.result.stderr)
    const {json, result} = runCliJson(['school', 'analyze', nc, '--centroid', centroid])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'school.schema.json')
    for (const [name, d] of Object.entries(json.result.maxDifferenceFromStored)) assert.equal(d, 0, name)
    assert.deepEqual(json.result.summary, sim.json.result.summary)
    assert.equal(json.result.ensemble, null)
  }
})

test("analyze on an ensemble file: every member's metrics equal those stored by simulate --ensemble, and the ensemble summary equals simulate's", () => {
  const nc = join(dir, 'ens-an.nc')
  const sim = runCliJson(
    ['school', 'simulate', '--config', 'torus', ...small, '--ensemble', '3', '--seed', '7', '--nc', nc],
    {env},
  )
  assert.equal(sim.result.status, 0, sim.result.stderr)
  const {json, result} = runCliJson(['school', 'analyze', nc])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  const r = json.result
  assert.equal(Object.keys(r.maxDifferenceFromStored).length, metricNames.length)
  for (const [name, d] of Object.entries(r.maxDifferenceFromStored)) assert.equal(d, 0, name)
  assert.deepEqual(r.summary, sim.json.result.summary) // member 0
  assert.deepEqual(r.ensemble.seeds, [7, 8, 9])
  assert.deepEqual(r.ensemble.states, sim.json.result.ensemble.states)
  assert.deepEqual(r.ensemble.statistics, sim.json.result.ensemble.statistics)
  // each member's summary against the values stored in the file (read independently with netcdfjs)
  const stored = new NetCDFReader(readFileSync(nc))
  for (const name of ['polarization', 'oceanic_schooling_index'] as const) {
    const perRecord = stored.getDataVariable(name) as number[][] // (time, member)
    for (let m = 0; m < 3; m++) {
      const series = perRecord.map((row) => row[m])
      assert.equal(r.ensemble.summaries[m][name].final, series.at(-1), `${name} member ${m}`)
      assert.equal(r.ensemble.summaries[m][name].max, Math.max(...series), `${name} member ${m}`)
    }
  }
  assert.notDeepEqual(r.ensemble.summaries[1], r.ensemble.summaries[2])
  const text = runCli(['school', 'analyze', nc])
  assert.equal(text.status, 0, text.stderr)
  assert.match(text.stdout, /ensemble \(3 members, seeds 7…9\)/)
})

test('sweep produces one row per value with one run per seed, and a NetCDF table', () => {
  const nc = join(dir, 'sweep.nc')
  const {json, result} = runCliJson([
    'school',
    'sweep',
    '--param',
    'noise=0.0:0.4:3',
    '--config',
    'swarm',
    '--seeds',
    '2',
    '--agents',
    '20',
    '--steps',
    '10',
    '--nc',
    nc,
  ])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  assert.deepEqual(
    json.result.rows.map((r: {value: number}) => r.value),
    [0, 0.2, 0.4],
  )
  assert.deepEqual(json.result.seeds, [42, 43])
  const r = new NetCDFReader(readFileSync(nc))
  assert.deepEqual(
    r.dimensions.map((d: {name: string; size: number}) => d.size),
    [3, 2],
  )
  assert.deepEqual(
    Array.from(r.getDataVariable('polarization') as number[]),
    json.result.rows.flatMap((x: {runs: {polarization: number[]}}) => x.runs.polarization),
  )
  // worker threads change nothing: the same rows from 2 threads and from this thread alone, and
  // each run equals a plain simulate of that (value, seed)
  const sweepArgs = [
    'school',
    'sweep',
    '--param',
    'noise=0.0:0.4:3',
    '--config',
    'swarm',
    '--seeds',
    '2',
    '--agents',
    '20',
    '--steps',
    '10',
  ]
  const one = runCliJson([...sweepArgs, '--threads', '1'])
  const two = runCliJson([...sweepArgs, '--threads', '2'])
  assert.equal(two.result.status, 0, two.result.stderr)
  assert.deepEqual(one.json.result.rows, json.result.rows)
  assert.deepEqual(two.json.result.rows, json.result.rows)
  const single = runCliJson([
    'school',
    'simulate',
    '--config',
    'swarm',
    '--agents',
    '20',
    '--steps',
    '10',
    '--noise',
    '0.4',
    '--seed',
    '43',
  ])
  assert.equal(
    json.result.rows[2].runs.oceanic_schooling_index[1],
    single.json.result.summary.oceanic_schooling_index.mean2,
  )
})

test('--ensemble M: member dimension in the NetCDF, member m = the run with seed + m, mean ± sd across members', async (t) => {
  const nc = join(dir, 'ens.nc')
  const single = join(dir, 'single44.nc')
  const {json, result} = runCliJson(
    ['school', 'simulate', '--config', 'swarm', ...small, '--ensemble', '3', '--nc', nc],
    {env},
  )
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  const e = json.result.ensemble
  assert.deepEqual(e.seeds, [42, 43, 44])
  // member 0 is the plain run with the base seed
  const plain = runCliJson(['school', 'simulate', '--config', 'swarm', ...small], {env})
  assert.deepEqual(json.result.summary, plain.json.result.summary)
  assert.equal(plain.json.result.ensemble, null)
  // member 2 is bit-identical to a single run with seed 44
  assert.equal(
    runCli(['school', 'simulate', '--config', 'swarm', ...small, '--seed', '44', '--nc', single, '--quiet'], {env})
      .status,
    0,
  )
  const r = new NetCDFReader(readFileSync(nc))
  assert.deepEqual(
    r.dimensions.map((d: {name: string}) => d.name),
    ['time', 'member', 'fish', 'spatial'],
  )
  assert.deepEqual(Array.from(r.getDataVariable('member_seed') as number[]), [42, 43, 44])
  const one = new NetCDFReader(readFileSync(single))
  const perRecord = 3 * 40 * 3
  const ens = (r.getDataVariable('positions') as number[][]).flat()
  const ref = (one.getDataVariable('positions') as number[][]).flat()
  for (const frame of [0, 30])
    assert.deepEqual(
      ens.slice(frame * perRecord + 2 * 120, frame * perRecord + 3 * 120),
      ref.slice(frame * 120, (frame + 1) * 120),
      `frame ${frame}`,
    )
  // statistics from the stored last-frame OSI of each member (sample sd, n − 1)
  const osi = (r.getDataVariable('oceanic_schooling_index') as number[][]).flat().slice(-3)
  const mean = (osi[0] + osi[1] + osi[2]) / 3
  const sd = Math.sqrt(osi.reduce((a, v) => a + (v - mean) ** 2, 0) / 2)
  assert.ok(Math.abs(e.statistics.final.oceanic_schooling_index.mean - mean) <= 1e-15)
  assert.ok(Math.abs(e.statistics.final.oceanic_schooling_index.sd - sd) <= 1e-15)
  assert.ok(sd > 0)
  await t.test('xarray reads the ensemble file', (st) => {
    if (noXarray) return st.skip(noXarray)
    const py = `import xarray as xr\nd = xr.open_dataset("${nc}", engine="scipy")\nprint(dict(d.positions.sizes), float(d.oceanic_schooling_index.sel(member=2)[-1]))`
    const x = spawnSync(PYTHON, ['-c', py], {encoding: 'utf8'})
    assert.equal(x.status, 0, x.stderr)
    assert.match(x.stdout, /\{'time': 31, 'member': 3, 'fish': 40, 'spatial': 3\}/)
    assert.equal(Number(x.stdout.trim().split(' ').pop()), osi[2])
  })
})

test('--precision float32 runs the batched tensor kernel on the chosen tfjs backend', () => {
  const {json, result} = runCliJson(
    [
      'school',
      'simulate',
      '--config',
      'highly-parallel',
      '--agents',
      '30',
      '--steps',
      '10',
      '--ensemble',
      '2',
      '--precision',
      'float32',
      '--backend',
      'cpu',
    ],
    {env},
  )
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(json, 'school.schema.json')
  assert.equal(json.result.search, 'tensor-all-pairs')
  assert.equal(json.engine.backend, 'cpu')
  const f64 = runCliJson(['school', 'simulate', '--config', 'highly-parallel', '--agents', '30', '--steps', '10'], {
    env,
  })
  // same seeds and noise, float32 arithmetic: P agrees to float32 accuracy, not bit for bit
  const a = json.result.summary.polarization.final
  const b = f64.json.result.summary.polarization.final
  assert.ok(Math.abs(a - b) <= 1e-5 && a !== b, `${a} vs ${b}`)
})

test('--threads N: the step runs on N worker threads and the velocity-correlation pairs on two (from dist/); the NetCDF file is byte-identical to one thread', () => {
  const files = [1, 2, 3].map((t) => join(dir, `threads-${t}.nc`))
  const args = [
    'school',
    'simulate',
    '--config',
    'torus',
    '--agents',
    '400',
    '--box',
    '40',
    '--steps',
    '12',
    '--save-every',
    '4',
  ]
  const reports = files.map((nc, k) => {
    const {json, result} = runCliJson([...args, '--threads', String(k + 1), '--nc', nc], {env})
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'school.schema.json')
    return json
  })
  assert.deepEqual(
    reports.map((r) => [r.result.threads, r.result.search]),
    [
      [1, 'grid'],
      [2, 'grid'],
      [3, 'grid'],
    ],
  )
  for (const f of files.slice(1)) assert.ok(readFileSync(f).equals(readFileSync(files[0])), f)
  assert.deepEqual(reports[2].result.summary, reports[0].result.summary)
  // default: one thread below the crossover (2,000 fish)
  const byDefault = runCliJson([
    'school',
    'simulate',
    '--config',
    'torus',
    '--agents',
    '400',
    '--box',
    '40',
    '--steps',
    '2',
  ])
  assert.equal(byDefault.result.status, 0, byDefault.result.stderr)
  assert.equal(byDefault.json.result.threads, 1)
})

function assertInputError(args: string[], pattern: RegExp, outFile?: string) {
  const r = runCli(args)
  assert.equal(r.status, 2, r.stderr)
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr)
  assert.match(r.stderr, pattern)
  if (outFile) assert.equal(existsSync(outFile), false)
}

test('bad inputs: one-line error, exit 2, no output file', () => {
  const out = join(dir, 'never.nc')
  const params = join(dir, 'bad.json')
  writeFileSync(params, JSON.stringify({r_repulsion: -1}))
  assertInputError(
    ['school', 'simulate', '--params', params, '--nc', out],
    new RegExp(`^infolens: error: ${params}: r_repulsion: expected a radius > 0`),
    out,
  )
  writeFileSync(params, JSON.stringify({r_repulsion: 5, r_orientation: 3}))
  assertInputError(
    ['school', 'simulate', '--params', params, '--nc', out],
    /: r_orientation: expected a radius > r_repulsion/,
    out,
  )
  writeFileSync(params, JSON.stringify({n_fishes: 3}))
  assertInputError(['school', 'simulate', '--params', params, '--nc', out], /: n_fishes: unknown parameter/, out)
  writeFileSync(params, '{"n_fish": ')
  assertInputError(['school', 'simulate', '--params', params, '--nc', out], /bad\.json: expected a JSON object/, out)
  assertInputError(
    ['school', 'simulate', '--agents', '0', '--nc', out],
    /^infolens: error: --agents: expected an integer in \[1, 10000000\], got "0"/,
    out,
  )
  assertInputError(
    ['school', 'simulate', '--steps', '0', '--nc', out],
    /--steps: expected an integer >= 1, got "0"/,
    out,
  )
  assertInputError(['school', 'simulate', '--noise', 'abc', '--nc', out], /--noise: expected a number/, out)
  const notNc = join(dir, 'not.nc')
  writeFileSync(notNc, 'hello')
  assertInputError(['school', 'analyze', notNc], new RegExp(`^infolens: error: ${notNc}: `))
  assertInputError(['school', 'sweep', '--param', 'noise=1:0'], /--param: expected NAME=START:STOP:COUNT/)
  assertInputError(
    ['school', 'simulate', '--ensemble', '0', '--nc', out],
    /^infolens: error: --ensemble: expected an integer in \[1, 100000\], got "0"/,
    out,
  )
  assertInputError(
    ['school', 'simulate', '--seed', '4294967295', '--ensemble', '2', '--nc', out],
    /--ensemble: expected seed \+ M − 1 <= 4294967295/,
    out,
  )
})
