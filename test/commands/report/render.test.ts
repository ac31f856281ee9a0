import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, tempDir} from '../../helpers/cli.js'

test('report render turns a doctor report into Markdown with the envelope and result sections', () => {
  const dir = tempDir()
  const reportPath = join(dir, 'doctor.json')
  const made = runCli(['doctor', '--quiet', '--out', reportPath])
  assert.equal(made.status, 0, made.stderr)
  assert.equal(made.stdout, '', '--quiet prints nothing on stdout')
  assert.ok(existsSync(reportPath))
  const md = runCli(['report', 'render', reportPath])
  assert.equal(md.status, 0, md.stderr)
  assert.match(md.stdout, /^## infolens doctor report/)
  assert.match(md.stdout, /\| schema \| infolens\.doctor\/1 \|/)
  assert.match(md.stdout, /\| command \| infolens doctor --quiet --out /)
  assert.match(md.stdout, /\| node \| v20\./)
  const text = runCli(['report', 'render', reportPath, '--format', 'text'])
  assert.doesNotMatch(text.stdout, /\*\*|^##/m)
})

test('report render refuses a JSON file that is not a report, naming the file and field', () => {
  const dir = tempDir()
  const bad = join(dir, 'bad.json')
  writeFileSync(bad, JSON.stringify({hello: 1}))
  const r = runCli(['report', 'render', bad])
  assert.equal(r.status, 2)
  assert.equal(
    r.stderr,
    `infolens: error: ${bad}: /schema: not an infolens report: must have required property 'schema'\n`,
  )
  const missing = runCli(['report', 'render', join(dir, 'nope.json')])
  assert.equal(missing.status, 2)
  assert.match(missing.stderr, /nope\.json: file not found\n$/)
  writeFileSync(bad, '{not json')
  const garbled = runCli(['report', 'render', bad])
  assert.equal(garbled.status, 2)
  assert.match(garbled.stderr, /bad\.json: expected a JSON report/)
})

test('an invalid option value is a usage error with exit code 2', () => {
  const r = runCli(['report', 'render', 'x.json', '--format', 'pdf'])
  assert.equal(r.status, 2)
  assert.equal(r.stderr.split('\n').filter(Boolean).length, 1)
})

test('report render --out writes the rendering itself', () => {
  const dir = tempDir()
  const reportPath = join(dir, 'doctor.json')
  assert.equal(runCli(['doctor', '--quiet', '--out', reportPath]).status, 0)
  const mdPath = join(dir, 'summary.md')
  const r = runCli(['report', 'render', reportPath, '--out', mdPath, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, '')
  const shown = runCli(['report', 'render', reportPath])
  assert.equal(readFileSync(mdPath, 'utf8'), shown.stdout)
})

test('report render --format html writes one self-contained page for several reports, with a table of contents', () => {
  const dir = tempDir()
  const doctor = join(dir, 'doctor.json')
  assert.equal(runCli(['doctor', '--quiet', '--out', doctor]).status, 0)
  const newer = join(dir, 'newer.json')
  const report = JSON.parse(readFileSync(doctor, 'utf8'))
  writeFileSync(newer, JSON.stringify({...report, schema: 'infolens.doctor/2', result: {note: '<b>x</b>'}}))
  const page = join(dir, 'report.html')
  const r = runCli(['report', 'render', doctor, newer, '--format', 'html', '--out', page])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, '', 'the page goes to --out only')
  assert.deepEqual(readdirSync(dir).sort(), ['doctor.json', 'newer.json', 'report.html'], 'no temp file is left')
  const html = readFileSync(page, 'utf8')
  assert.match(html, /^<!DOCTYPE html>/)
  assert.match(html, /<nav class="toc"/)
  assert.equal(html.match(/<section class="report"/g)?.length, 2)
  assert.match(html, /infolens\.doctor\/2 is not one this infolens/)
  assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/)
  const stdout = runCli(['report', 'render', doctor, '--format', 'html'])
  assert.equal(stdout.status, 0)
  assert.match(stdout.stdout, /^<!DOCTYPE html>/, 'without --out the page is printed')
})

test('report render refuses bad input with one line and exit 2, writing nothing', () => {
  const dir = tempDir()
  const doctor = join(dir, 'doctor.json')
  assert.equal(runCli(['doctor', '--quiet', '--out', doctor]).status, 0)
  const text = readFileSync(doctor, 'utf8')
  const truncated = join(dir, 'truncated.json')
  writeFileSync(truncated, text.slice(0, text.length / 2))
  const unknown = join(dir, 'unknown.json')
  writeFileSync(unknown, JSON.stringify({...JSON.parse(text), schema: 'infolens.future/1'}))
  const page = join(dir, 'page.html')
  const cases: [string[], RegExp][] = [
    [[doctor, truncated], /truncated\.json: expected a JSON report/],
    [[unknown], /unknown\.json: \/schema: unknown report family "future"/],
  ]
  for (const [files, message] of cases) {
    const r = runCli(['report', 'render', ...files, '--format', 'html', '--out', page])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, message)
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr)
    assert.equal(existsSync(page), false)
  }
  const missingDir = runCli(['report', 'render', doctor, '--format', 'html', '--out', join(dir, 'nope', 'page.html')])
  assert.equal(missingDir.status, 2)
  assert.match(missingDir.stderr, /nope\/page\.html: --out: expected an existing directory \S*nope\n$/)
})

test('report render --github appends the Markdown summary to GITHUB_STEP_SUMMARY', () => {
  const dir = tempDir()
  const doctor = join(dir, 'doctor.json')
  assert.equal(runCli(['doctor', '--quiet', '--out', doctor]).status, 0)
  const summary = join(dir, 'summary.md')
  writeFileSync(summary, 'earlier step\n')
  const env = {GITHUB_STEP_SUMMARY: summary}
  const page = join(dir, 'page.html')
  const r = runCli(['report', 'render', doctor, '--format', 'html', '--out', page, '--github'], {env})
  assert.equal(r.status, 0, r.stderr)
  const markdown = runCli(['report', 'render', doctor]).stdout
  assert.equal(readFileSync(summary, 'utf8'), 'earlier step\n' + markdown)
  assert.match(readFileSync(page, 'utf8'), /^<!DOCTYPE html>/)
  const unset = runCli(['report', 'render', doctor, '--github'], {env: {GITHUB_STEP_SUMMARY: ''}})
  assert.equal(unset.status, 2)
  assert.match(unset.stderr, /GITHUB_STEP_SUMMARY is not set/)
})
