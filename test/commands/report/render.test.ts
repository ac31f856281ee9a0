import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
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
