import {Args, Flags} from '@oclif/core'
import {InfolensCommand} from '../../base-command.js'
import {readReportFile} from '../../core/io/report-file.js'
import {writeFileAtomic} from '../../core/io/atomic-write.js'
import {renderReport} from '../../report-render/render-report.js'

export default class ReportRender extends InfolensCommand<{format: string; text: string}> {
  static override summary = 'Render any infolens report as Markdown or plain text (CI step summaries, PR comments).'
  static override description = 'With --out FILE the rendering (not a JSON report) is written to FILE atomically.'
  static override examples = [
    '<%= config.bin %> report render report.json',
    '<%= config.bin %> report render report.json --format text',
    '<%= config.bin %> report render report.json >> "$GITHUB_STEP_SUMMARY"',
  ]
  static override args = {
    report: Args.string({required: true, description: 'an infolens JSON report (written with --out)'}),
  }
  static override flags = {
    format: Flags.option({
      options: ['markdown', 'text'] as const,
      default: 'markdown' as const,
      summary: 'Output format.',
    })(),
  }

  async run(): Promise<{format: string; text: string}> {
    const {args, flags} = await this.parseWithBase(ReportRender)
    const report = readReportFile(args.report)
    const text = renderReport(report, flags.format)
    // --out here writes the rendering itself (Markdown or text), the file CI systems want.
    if (flags.out) writeFileAtomic(flags.out, text)
    if (this.humanOutput) process.stdout.write(text)
    return {format: flags.format, text}
  }
}
