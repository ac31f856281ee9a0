/**
 * Hostile report files (issue 18, item 11): `report render` on a report whose envelope is intact but whose
 * result is corrupted, and `spectral diff` against another command's report. Exit 2, one line naming the
 * file and the field, never an empty rendering with exit 0.
 */
import assert from 'node:assert/strict'
import {copyFileSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'
import {runCli, tempDir} from '../helpers/cli.js'

const ONE_LINE = /^infolens: error: [^\n]+\n$/
const dir = tempDir()
const model = join(dir, 'm.safetensors')
writeSafetensors(model, [
  {
    name: 'fc.weight',
    dtype: 'F32',
    shape: [40, 30],
    data: Float32Array.from({length: 1200}, (_, i) => Math.sin(i * 1.7)),
  },
])
const spectral = join(dir, 'spectral.json')
const credit = join(dir, 'credit.json')
copyFileSync(new URL('../fixtures/credit/generated.csv', import.meta.url).pathname, join(dir, 'g.csv'))

function variant(name: string, edit: (doc: any) => void): string {
  const doc = JSON.parse(readFileSync(spectral, 'utf8'))
  edit(doc)
  const p = join(dir, name)
  writeFileSync(p, JSON.stringify(doc))
  return p
}

function refused(args: string[], pattern: RegExp): void {
  const r = runCli(args)
  assert.equal(r.status, 2, `${args.join(' ')}\n${r.stdout.slice(0, 300)}\n${r.stderr}`)
  assert.match(r.stderr, ONE_LINE)
  assert.match(r.stderr, pattern)
}

describe('report render and spectral diff on hostile reports', () => {
  it('setup: a spectral and a credit report', () => {
    assert.equal(runCli(['spectral', 'analyze', model, '--no-cache', '--out', spectral, '--quiet']).status, 0)
    assert.equal(runCli(['credit', 'bin', join(dir, 'g.csv'), '--target', 'y', '--out', credit, '--quiet']).status, 0)
    assert.equal(runCli(['report', 'render', spectral]).status, 0)
  })

  const corrupted: [string, (doc: any) => void, RegExp][] = [
    [
      'layers a string',
      (d) => (d.result.layers = 'garbage'),
      /layers-string\.json: \/result\/layers: expected a valid infolens\.spectral\/1 report/,
    ],
    ['no result', (d) => delete d.result, /no-result\.json: /],
    [
      'a layer whose alpha is text',
      (d) => (d.result.layers[0].alpha = 'high'),
      /alpha-text\.json: \/result\/layers\/0\/alpha: /,
    ],
    ['the summary removed', (d) => delete d.result.summary, /no-summary\.json: \/result: /],
  ]
  const names = ['layers-string.json', 'no-result.json', 'alpha-text.json', 'no-summary.json']
  corrupted.forEach(([label, edit, pattern], i) =>
    it(`report render: ${label}`, () => refused(['report', 'render', variant(names[i], edit)], pattern)),
  )

  it('spectral diff against a credit report says which report it got', () =>
    refused(
      ['spectral', 'diff', spectral, credit],
      /credit\.json: schema: expected an infolens\.spectral\/1 report or a checkpoint, got a report of schema infolens\.credit\.bin\/1/,
    ))
})
