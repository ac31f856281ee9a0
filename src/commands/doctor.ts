import {accessSync, constants, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {availableParallelism, cpus, freemem, tmpdir, totalmem} from 'node:os'
import {join} from 'node:path'
import {InfolensCommand} from '../base-command.js'
import {probeBackends, type BackendProbe} from '../core/engine/tensor-engine.js'
import {simdStatus} from '../core/linalg/simd-kernels.js'
import {linalgStatus, type LinalgStatus} from '../core/linalg/index.js'
import type {Report} from '../core/report/envelope.js'
import {renderKeyValues, renderTable, style} from '../core/terminal/terminal.js'
import {toolVersion} from '../core/version.js'

export interface DoctorResult {
  infolens: string
  node: string
  platform: string
  arch: string
  cpus: {count: number; model: string}
  memory: {totalBytes: number; freeBytes: number}
  backends: BackendProbe[]
  /** Float64 linear algebra in use: `native` (LAPACK addon) or `typescript` (INFOLENS_LAPACK=off forces it). */
  lapack: 'native' | 'typescript'
  linalg: LinalgStatus
  /** The TypeScript path's inner loops: WebAssembly SIMD kernels, or why not (INFOLENS_WASM=off disables them). */
  typescriptKernels: string
  tempDir: {path: string; writable: boolean}
}

export default class Doctor extends InfolensCommand<Report<DoctorResult>> {
  static override summary = 'Check the environment: versions, CPUs, memory, tfjs backends, LAPACK addon, temp dir.'
  static override examples = ['<%= config.bin %> doctor', '<%= config.bin %> doctor --json']

  async run(): Promise<Report<DoctorResult>> {
    await this.parseWithBase(Doctor)
    await this.engine() // doctor reports the backend --backend selects (and fails if it cannot load)
    const result = await this.stopwatch.time('probe', () => diagnose())
    const report = await this.envelope({schema: 'infolens.doctor/1', inputs: [], options: {}, result})
    return this.emit(report, (r) => renderDoctor(r.result))
  }
}

async function diagnose(): Promise<DoctorResult> {
  const cpuList = cpus()
  return {
    infolens: toolVersion,
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: {count: availableParallelism(), model: cpuList[0]?.model ?? 'unknown'},
    memory: {totalBytes: totalmem(), freeBytes: freemem()},
    backends: await probeBackends(),
    lapack: linalgStatus().active === 'lapack' ? 'native' : 'typescript',
    linalg: linalgStatus(),
    typescriptKernels: simdStatus(),
    tempDir: {path: tmpdir(), writable: tempWritable()},
  }
}

function tempWritable(): boolean {
  try {
    accessSync(tmpdir(), constants.W_OK)
    const dir = mkdtempSync(join(tmpdir(), 'infolens-doctor-'))
    writeFileSync(join(dir, 'probe'), 'ok')
    rmSync(dir, {recursive: true, force: true})
    return true
  } catch {
    return false
  }
}

function renderDoctor(r: DoctorResult): string {
  const gib = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`
  const ok = (b: boolean) => (b ? style.green('yes') : style.red('no'))
  const summary = renderKeyValues([
    ['infolens', r.infolens],
    ['node', r.node],
    ['platform', `${r.platform} ${r.arch}`],
    ['cpus', `${r.cpus.count} x ${r.cpus.model}`],
    ['memory', `${gib(r.memory.totalBytes)} total, ${gib(r.memory.freeBytes)} free`],
    [
      'float64 linear algebra',
      `${r.lapack} (${r.linalg.native.loaded ? '' : 'native addon not loaded: '}${r.linalg.native.detail})`,
    ],
    ['TypeScript kernels', r.typescriptKernels],
    ['temp dir', `${r.tempDir.path} writable: ${ok(r.tempDir.writable)}`],
  ])
  const backends = renderTable(
    ['tfjs backend', 'loads', 'detail'],
    r.backends.map((b) => [b.name, ok(b.loaded), b.detail]),
  )
  return `${summary}\n${backends}`
}
