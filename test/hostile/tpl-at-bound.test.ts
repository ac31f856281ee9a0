/**
 * `spectral refit --fit TPL` on the demo checkpoint (issue 18, item 5): the layers whose α stopped on the
 * fit's bound α = 1 are named in one report warning and marked `bound` in the table, not silently `over`.
 * Which layers: those whose α is within TPL_BOUND_TOLERANCE of 1 in the report itself (the kernel test
 * checks that these are the ones an independent scipy fit puts below 1 when α is free).
 */
import assert from 'node:assert/strict'
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {runCli, tempDir} from '../helpers/cli.js'

const dir = tempDir()
const at = (f: string) => join(dir, f)

describe('spectral refit --fit TPL on the demo checkpoint', () => {
  it('names the layers at the bound in a warning and marks them in the table', () => {
    assert.equal(runCli(['demo', 'checkpoint', at('ck'), '--quiet']).status, 0)
    const analyze = [
      'spectral',
      'analyze',
      at('ck/model.safetensors'),
      '--no-cache',
      '--netcdf',
      at('esd.nc'),
      '--quiet',
    ]
    assert.equal(runCli(analyze).status, 0)
    const r = runCli(['spectral', 'refit', at('esd.nc'), '--fit', 'TPL', '--out', at('tpl.json')], {env: {COLUMNS: ''}})
    assert.equal(r.status, 0, r.stderr)
    const report = JSON.parse(readFileSync(at('tpl.json'), 'utf8'))
    const layers = report.result.layers as {name: string; alpha: number | null; warning: string}[]
    const atBound = layers.filter((l) => l.alpha !== null && l.alpha - 1 < 1e-3)
    assert.ok(atBound.length >= 10, `${atBound.length} layers at the bound`) // 12 of 19 when written
    assert.equal(report.warnings.length, 1, JSON.stringify(report.warnings))
    assert.match(report.warnings[0], new RegExp(`bound alpha = 1 in ${atBound.length} of ${layers.length} layers`))
    for (const l of atBound.slice(0, 5)) assert.ok(report.warnings[0].includes(l.name), l.name)
    assert.equal(r.stdout.match(/│ bound +│/g)?.length, atBound.length, r.stdout)
    assert.match(r.stdout, /warning: --fit TPL: alpha reached the fit's bound/)
  })

  it('the PL fit of the same layers has no such warning', () => {
    const r = runCli(['spectral', 'refit', at('esd.nc'), '--out', at('pl.json'), '--quiet'])
    assert.equal(r.status, 0, r.stderr)
    assert.deepEqual(JSON.parse(readFileSync(at('pl.json'), 'utf8')).warnings, [])
  })
})
