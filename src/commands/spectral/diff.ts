import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {GateError} from '../../core/errors.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import type {Report} from '../../core/report/envelope.js'
import {diffSpectral, readSpectralReport, type SpectralDiff} from '../../families/spectral/pipeline/diff.js'
import {runDamage, type DamageResult} from '../../families/spectral/pipeline/damage-report.js'
import {
  compileDamageGate,
  damageFlags,
  keepRule,
  planFormat,
  refuseDamageFlags,
} from '../../families/spectral/damage-flags.js'
import {renderDamage} from '../../families/spectral/render/damage-table.js'
import {analyseSide} from '../../families/spectral/pipeline/diff-side.js'
import {renderReportDiff} from '../../families/spectral/render/diff-table.js'

type DiffResult = {a: string; b: string; diff: SpectralDiff} | DamageResult

/** analyze's defaults: the layers compared are the ones `spectral analyze` would analyse. */
const SELECTION = {minEvals: 10, maxEvals: 15000, maxN: 50000}

export default class SpectralDiffCommand extends InfolensCommand<Report<DiffResult>> {
  static override summary =
    'Compare two checkpoints (quantization damage per layer, ranked) or two spectral --out reports (per-metric deltas B − A).'
  static override description =
    'Two checkpoints in any format (e.g. a bf16 safetensors and its Q4_K_M GGUF): tensors matched by name or through the GGUF ↔ Hugging Face map, and per weight layer the relative Frobenius error (the ranking key), spectral-norm errors, top-k eigenvalue shift, Δκ, Δα, ΔD, Δxmin and Δ stable rank; --keep/--plan-out write llama.cpp overrides for the most damaged layers. Two infolens.spectral/1 reports: deltas of every metric. Exit codes: 0 ok, 2 bad input, 3 --fail-on matched, 1 internal error.'
  static override examples = [
    "<%= config.bin %> spectral diff model-bf16.safetensors model-Q4_K_M.gguf --keep 8 --plan-out keep.txt --fail-on 'rel_frobenius>0.1'",
    '<%= config.bin %> spectral diff base.json tuned.json --json',
  ]
  static override args = {
    a: Args.string({required: true, description: 'base (checkpoint or spectral report)'}),
    b: Args.string({required: true, description: 'other (quantized copy, fine-tune, or report)'}),
  }
  static override flags = {...damageFlags}

  async run(): Promise<Report<DiffResult>> {
    const {args, flags} = await this.parseWithBase(SpectralDiffCommand)
    const reportA = readSpectralReport(args.a)
    const reportB = readSpectralReport(args.b)
    if (reportA || reportB) {
      // a report on either side: the old per-metric diff, the other side analysed with analyze's defaults
      refuseDamageFlags(flags, reportA ? args.a : args.b)
      const A = reportA
        ? {result: reportA, inputs: [args.a]}
        : await analyseSide(args.a, this.stopwatch, (n) => this.progress(n, 'spectral'))
      const B = reportB
        ? {result: reportB, inputs: [args.b]}
        : await analyseSide(args.b, this.stopwatch, (n) => this.progress(n, 'spectral'))
      const report = await this.envelope({
        schema: 'infolens.spectral/1',
        inputs: [...A.inputs, ...B.inputs],
        options: {},
        result: {a: args.a, b: args.b, diff: diffSpectral(A.result, B.result)},
      })
      return this.emit(report, (r) => renderReportDiff((r.result as {diff: SpectralDiff}).diff))
    }
    const expression = flags['fail-on']
    const predicate = compileDamageGate(expression)
    const keep = keepRule(flags)
    const {result, files, planText} = await this.stopwatch.time('damage', () =>
      runDamage(args.a, args.b, {
        ...SELECTION,
        topK: flags['top-k'],
        allowMissing: flags['allow-missing'],
        threads: this.threads,
        gate: expression !== undefined && predicate ? {expression, predicate} : undefined,
        keep,
        planFormat: planFormat(flags),
      }),
    )
    const report = await this.envelope({
      schema: 'infolens.spectral/1',
      inputs: files,
      options: this.optionsAsTyped(flags),
      result,
    })
    if (flags['plan-out'] && planText !== undefined) writeFileAtomic(flags['plan-out'], planText)
    this.emit(report, (r) => renderDamage(r.result as DamageResult))
    const failed = result.damage.gate?.failed ?? []
    if (failed.length > 0) {
      const gate = new GateError(`--fail-on '${expression}' matched ${failed.length} layer(s): ${failed.join(', ')}`)
      process.stderr.write(`infolens: error: ${gate.oneLine}\n`)
      process.exitCode = gate.exitCode
    }
    return report
  }
}
