/**
 * Writing a fish-school-shaped CDF-2 file frame by frame (school.md §3.2 schema with
 * `time` unlimited): infolens NetcdfWriter vs netCDF-C through netCDF4-python
 * (Debian /usr/bin/python3) on the same sizes. Prints seconds and the ratio.
 * Run: node --import tsx bench/netcdf/write-school.ts [N=250] [frames=2001]
 */
import {spawnSync} from 'node:child_process'
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {NetcdfWriter, type VariableSpec} from '../../src/core/netcdf/index.js'

const n = Number(process.argv[2] ?? 250)
const frames = Number(process.argv[3] ?? 2001)
const dir = mkdtempSync(join(tmpdir(), 'infolens-bench-'))
const scalars = [
  'polarization',
  'rotation',
  'order_index',
  'spread',
  ...Array.from({length: 7}, (_, k) => `entropy_${k}`),
]
const components = ['x', 'vx', 'y', 'vy', 'z', 'vz']

async function writeOurs(path: string): Promise<number> {
  const start = performance.now()
  const variables: VariableSpec[] = [
    {name: 'time', type: 'double', dimensions: ['time']},
    ...['positions', 'velocities'].map((name) => ({
      name,
      type: 'double' as const,
      dimensions: ['time', 'fish', 'spatial'],
    })),
    ...components.map((name) => ({name, type: 'double' as const, dimensions: ['time', 'fish']})),
    ...scalars.map((name) => ({name, type: 'double' as const, dimensions: ['time']})),
  ]
  const w = NetcdfWriter.create(path, {
    format: '64bit-offset',
    dimensions: [
      {name: 'time', size: 'unlimited'},
      {name: 'fish', size: n},
      {name: 'spatial', size: 3},
    ],
    variables,
  })
  const frame = Float64Array.from({length: n * 3}, (_, i) => i)
  const pos = new Float64Array(n * 3)
  const vel = new Float64Array(n * 3)
  const comp = components.map(() => new Float64Array(n))
  for (let t = 0; t < frames; t++) {
    for (let i = 0; i < n * 3; i++) {
      pos[i] = frame[i] + t
      vel[i] = frame[i] - t
    }
    comp.forEach((c, k) => {
      for (let i = 0; i < n; i++) c[i] = frame[3 * i + (k >> 1)] + t
    })
    const record: Record<string, ArrayLike<number>> = {time: [t], positions: pos, velocities: vel}
    components.forEach((name, k) => (record[name] = comp[k]))
    for (const name of scalars) record[name] = [t * 0.5]
    w.appendRecord(record)
  }
  await w.close()
  return (performance.now() - start) / 1000
}

const ours = join(dir, 'ours.nc')
const seconds = await writeOurs(ours)
const py = spawnSync(
  '/usr/bin/python3',
  [new URL('write_school.py', import.meta.url).pathname, join(dir, 'ref.nc'), String(n), String(frames)],
  {encoding: 'utf8'},
)
const mb = statSync(ours).size / 1e6
console.log(`school-shaped CDF-2, N=${n}, ${frames} frames, ${mb.toFixed(1)} MB`)
console.log(`infolens NetcdfWriter: ${seconds.toFixed(3)} s (${(mb / seconds).toFixed(0)} MB/s)`)
if (py.status === 0) {
  const ref = Number(py.stdout.trim())
  console.log(
    `netCDF-C via netCDF4-python: ${ref.toFixed(3)} s; ratio infolens/netCDF-C = ${(seconds / ref).toFixed(2)}`,
  )
  console.log(`files byte-identical: ${spawnSync('cmp', [ours, join(dir, 'ref.nc')]).status === 0}`)
} else {
  console.log(`netCDF4-python unavailable: ${py.stderr.trim().split('\n').pop()}`)
}
rmSync(dir, {recursive: true, force: true})
