import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {readReportFile} from '../../core/io/report-file.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import {appendStepSummary} from '../../core/io/step-summary.js'
import {renderReport} from '../../report-render/render-report.js'
import {renderHtmlReportPage} from '../../report-render/render-html-page.js'

export default class ReportRender extends InfolensCommand<{format: string; text: string}> {
  static override summary =
    'Render infolens reports as Markdown, plain text or one self-contained HTML page (CI summaries, artifacts, reviews).'
  static override description = [
    'With --out FILE the rendering (not a JSON report) is written to FILE atomically.',
    '--format html writes one page for all REPORT files, with a table of contents, sortable tables and inline charts; it works offline.',
    '--github appends the Markdown rendering to the file named by $GITHUB_STEP_SUMMARY (the GitHub Actions job summary).',
  ].join('\n')
  static override examples = [
    '<%= config.bin %> report render report.json',
    '<%= config.bin %> report render report.json --format text',
    '<%= config.bin %> report render spectral.json credit-bin.json --format html --out report.html',
    '<%= config.bin %> report render report.json --github',
  ]
  static override strict = false
  static override args = {
    report: Args.string({
      required: true,
      description: 'infolens JSON reports (written with --out); several for one page',
    }),
  }
  static override flags = {
    format: Flags.option({
      options: ['markdown', 'text', 'html'] as const,
      default: 'markdown' as const,
      summary: 'Output format.',
    })(),
    github: Flags.boolean({
      summary: 'Also append the Markdown rendering to $GITHUB_STEP_SUMMARY (GitHub Actions job summary).',
    }),
  }

  async run(): Promise<{format: string; text: string}> {
    const {argv, flags} = await this.parseWithBase(ReportRender)
    const files = argv.map(String)
    const reports = files.map((file) => ({file, report: readReportFile(file)}))
    const markdown = () => reports.map(({report}) => renderReport(report, 'markdown')).join('\n')
    const text =
      flags.format === 'html'
        ? await renderHtmlReportPage(reports)
        : flags.format === 'markdown'
          ? markdown()
          : reports.map(({report}) => renderReport(report, 'text')).join('\n')
    // --out here writes the rendering itself (Markdown, text or HTML), the file CI systems want; `-` is stdout.
    if (flags.out) writeFileAtomic(flags.out, text)
    if (flags.github) appendStepSummary(markdown())
    const printed = flags.out === '-' || (flags.format === 'html' && flags.out)
    if (this.humanOutput && !printed) process.stdout.write(text)
    return {format: flags.format, text}
  }
}
