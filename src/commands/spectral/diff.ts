import {Args} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import type {Report} from '../../core/report/envelope.js'
import {diffSpectral, readSpectralReport, type SpectralDiff} from '../../families/spectral/pipeline/diff.js'
import {runAnalyze} from '../../families/spectral/pipeline/analyze.js'
import {renderKeyValues, renderTable} from '../../core/terminal/terminal.js'

const defaults = {
  'min-evals': 10,
  'max-evals': 15000,
  'max-n': 50000,
  'fix-fingers': 'none',
  fit: 'PL',
  'mp-fit': false,
  randomize: false,
  seed: 0,
  gram: 'float64',
} as const

export default class SpectralDiffCommand extends InfolensCommand<Report<{a: string; b: string; diff: SpectralDiff}>> {
  static override summary =
    'Compare two checkpoints (or two spectral --out reports) layer by layer: per-metric deltas B − A, layers that moved most.'
  static override description =
    'A and B are safetensors checkpoints (analysed with the default options) or infolens.spectral/1 JSON reports. Exit codes: 0 ok, 2 bad input, 1 internal error.'
  static override examples = [
    '<%= config.bin %> spectral diff base/ finetuned/',
    '<%= config.bin %> spectral diff base.json tuned.json --json',
  ]
  static override args = {
    a: Args.string({required: true, description: 'base'}),
    b: Args.string({required: true, description: 'other (e.g. fine-tuned)'}),
  }

  async run(): Promise<Report<{a: string; b: string; diff: SpectralDiff}>> {
    const {args} = await this.parseWithBase(SpectralDiffCommand)
    const load = async (path: string) => {
      const report = readSpectralReport(path)
      if (report) return {result: report, inputs: [path]}
      const {result, inputs} = await runAnalyze(path, {...defaults}, this.stopwatch, (total) =>
        this.progress(total, 'spectral'),
      )
      return {result: {layers: result.layers, summary: {means: result.summary.means as Record<string, number>}}, inputs}
    }
    const A = await load(args.a)
    const B = await load(args.b)
    const diff = diffSpectral(A.result, B.result)
    const report = await this.envelope({
      schema: 'infolens.spectral/1',
      inputs: [...A.inputs, ...B.inputs],
      options: {},
      result: {a: args.a, b: args.b, diff},
    })
    return this.emit(report, (r) => {
      const d = r.result.diff
      const moved = renderTable(
        ['layer', 'α (A)', 'α (B)', 'Δα'],
        d.movedMost.map((m) => [m.name, m.alpha_a, m.alpha_b, m.delta_alpha]),
      )
      const sum = renderKeyValues([
        ['matched layers', d.matched],
        ['only in A', d.onlyInA.length],
        ['only in B', d.onlyInB.length],
        ...Object.entries(d.summaryDelta).map(([k, v]) => [`Δ mean ${k}`, v] as [string, number]),
      ])
      return `${moved}\n${sum}`
    })
  }
}
