/**
 * Real reports of every family, made by the CLI on generated and bundled data, for the HTML
 * page tests: spectral (with its eigenvalue NetCDF, on a checkpoint whose tensor names are HTML
 * injection attempts), checkpoint inspect, kappa, credit bin (a column renamed to an injection
 * attempt), credit psi (odd rows against even rows) and credit scorecard on it, school simulate
 * with its NetCDF, school sweep, uq score and evaluate, doctor.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, tempDir} from './cli.js'
import {writeRawSafetensors} from './safetensors-bytes.js'

/** spectral analyze reads tensors whose name ends in "weight". */
export const HOSTILE_LAYER = '<script>alert(1)</script>.weight'
export const HOSTILE_FEATURE = '<img src=x onerror=alert(1)>'

export interface DemoReports {
  readonly dir: string
  /**
   * Report paths by short name: spectral, hostile, checkpoint, kappa, credit, psi, scorecard, school, sweep, uq,
   * uqEvaluate, doctor.
   */
  readonly paths: Readonly<Record<string, string>>
}

/** F32 bytes of a rows×cols matrix from a fixed LCG (deterministic, roughly Gaussian). */
function matrixBytes(rows: number, cols: number, seed: number): Uint8Array {
  const values = new Float32Array(rows * cols)
  let s = seed >>> 0
  const u = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32
  for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())
  return new Uint8Array(values.buffer)
}

/** A checkpoint with one tensor named HOSTILE_LAYER beside two ordinary ones. */
function writeHostileCheckpoint(path: string): void {
  const names = ['model.layers.0.mlp.up_proj.weight', HOSTILE_LAYER, 'model.layers.1.mlp.down_proj.weight']
  const [rows, cols] = [64, 32]
  const size = rows * cols * 4
  const header = Object.fromEntries(
    names.map((name, i) => [name, {dtype: 'F32', shape: [rows, cols], data_offsets: [i * size, (i + 1) * size]}]),
  )
  const data = new Uint8Array(size * names.length)
  names.forEach((_, i) => data.set(matrixBytes(rows, cols, i + 1), i * size))
  writeRawSafetensors(path, header, data)
}

function mustRun(args: string[]): void {
  const r = runCli([...args, '--quiet'], {timeoutMs: 180_000})
  if (r.status !== 0) throw new Error(`infolens ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
}

export function buildDemoReports(): DemoReports {
  const dir = tempDir('infolens-html-')
  const at = (name: string) => join(dir, name)
  const paths = {
    spectral: at('spectral.json'),
    hostile: at('spectral-hostile.json'),
    checkpoint: at('checkpoint.json'),
    kappa: at('kappa.json'),
    credit: at('credit-bin.json'),
    psi: at('credit-psi.json'),
    scorecard: at('credit-scorecard.json'),
    school: at('school.json'),
    sweep: at('sweep.json'),
    uq: at('uq.json'),
    uqEvaluate: at('uq-evaluate.json'),
    doctor: at('doctor.json'),
  }
  mustRun(['demo', 'checkpoint', at('ck')])
  const model = join(at('ck'), 'model.safetensors')
  mustRun(['spectral', 'analyze', model, '--netcdf', at('esd.nc'), '--out', paths.spectral])
  writeHostileCheckpoint(at('hostile.safetensors'))
  mustRun(['spectral', 'analyze', at('hostile.safetensors'), '--netcdf', at('hostile.nc'), '--out', paths.hostile])
  mustRun(['checkpoint', 'inspect', model, '--out', paths.checkpoint])
  mustRun(['kappa', 'plan', model, '--fraction', '0.2', '--out', paths.kappa])
  const csv = readFileSync(new URL('../fixtures/credit/germancredit.csv', import.meta.url), 'utf8').split('\n')
  csv[0] = csv[0].replace('purpose', `"${HOSTILE_FEATURE}"`)
  writeFileSync(at('credit.csv'), csv.join('\n'))
  mustRun(['credit', 'bin', at('credit.csv'), '--target', 'creditability', '--bad', 'bad', '--out', paths.credit])
  const rows = csv.slice(1).filter((line) => line.trim() !== '')
  writeFileSync(at('credit-odd.csv'), [csv[0], ...rows.filter((_, i) => i % 2 === 0), ''].join('\n'))
  writeFileSync(at('credit-even.csv'), [csv[0], ...rows.filter((_, i) => i % 2 === 1), ''].join('\n'))
  mustRun(['credit', 'psi', at('credit-odd.csv'), at('credit-even.csv'), '--bins', paths.credit, '--out', paths.psi])
  mustRun([
    'credit',
    'scorecard',
    at('credit.csv'),
    '--target',
    'creditability',
    '--bins',
    paths.credit,
    '--out',
    paths.scorecard,
  ])
  mustRun(['school', 'simulate', '--agents', '20', '--steps', '40', '--nc', at('school.nc'), '--out', paths.school])
  mustRun(['school', 'sweep', '--param', 'noise=0:0.5:3', '--agents', '20', '--steps', '20', '--out', paths.sweep])
  mustRun(['demo', 'uq', at('uq')])
  mustRun(['uq', 'score', join(at('uq'), 'items.jsonl'), '--out', paths.uq])
  mustRun(['uq', 'evaluate', join(at('uq'), 'items.jsonl'), '--bootstrap', '20', '--out', paths.uqEvaluate])
  mustRun(['doctor', '--out', paths.doctor])
  return {dir, paths}
}
