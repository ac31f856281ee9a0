/**
 * Hostile inputs for every `--fail-on` gate (issue 18, items 2 and 11): a gate that has nothing to judge
 * (an empty or too-small sample, layers that all lack the gated field) is bad input, never a pass; a
 * hostile expression is a parse error, never a stack overflow.
 */
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {ExpressionError, parseGate} from '../../src/core/report/gate-expression.js'
import {writeSafetensors} from '../../src/core/safetensors/writer.js'
import {runCli, tempDir} from '../helpers/cli.js'

const credit = new URL('../fixtures/credit/generated.csv', import.meta.url).pathname
const ONE_LINE = /^infolens: error: [^\n]+\n$/

describe('credit psi --fail-on on an empty or too-small sample', () => {
  const dir = tempDir()
  const expected = join(dir, 'e.csv')
  copyFileSync(credit, expected)
  const lines = readFileSync(credit, 'utf8').split('\n')
  const headerOnly = join(dir, 'header-only.csv')
  writeFileSync(headerOnly, lines[0] + '\n')
  const twoRows = join(dir, 'two-rows.csv')
  writeFileSync(twoRows, lines.slice(0, 3).join('\n') + '\n')
  const bins = join(dir, 'bins.json')
  assert.equal(runCli(['credit', 'bin', expected, '--target', 'y', '--out', bins, '--quiet']).status, 0)

  it('a header-only ACTUAL is bad input naming the file, with or without a gate', () => {
    for (const gate of [['--fail-on', 'drift'], ['--fail-on', 'rule'], []]) {
      const out = join(dir, `psi-${gate.length}.json`)
      const r = runCli(['credit', 'psi', expected, headerOnly, '--bins', bins, ...gate, '--out', out])
      assert.equal(r.status, 2, r.stderr)
      assert.match(r.stderr, ONE_LINE)
      assert.match(r.stderr, /header-only\.csv: \w+: expected at least one row in the bins, got 0/)
      assert.ok(!existsSync(out), 'nothing written')
    }
  })

  it('a header-only EXPECTED is bad input naming that file', () => {
    const r = runCli(['credit', 'psi', headerOnly, expected, '--bins', bins, '--fail-on', 'drift'])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /header-only\.csv: /)
  })

  it('two rows against 10 bins cannot pass a drift gate (no power); without a gate PSI is still reported', () => {
    const gated = runCli(['credit', 'psi', expected, twoRows, '--bins', bins, '--fail-on', 'drift', '--quiet'])
    assert.equal(gated.status, 2, gated.stderr)
    assert.match(
      gated.stderr,
      /two-rows\.csv: \w+: expected at least \d+ rows \(one per bin\) for --fail-on drift, got 2/,
    )
    const plain = runCli(['credit', 'psi', expected, twoRows, '--bins', bins, '--quiet'])
    assert.equal(plain.status, 0, plain.stderr)
  })
})

describe('spectral --fail-on over layers that all lack the gated field', () => {
  const dir = tempDir()
  // rank-one: one eigenvalue above 1e-5, so every power-law fit fails and alpha is null
  const w = Float32Array.from({length: 600}, (_, k) => (Math.floor(k / 30) + 1) * 1e-4)
  const model = join(dir, 'rank-one.safetensors')
  writeSafetensors(model, [{name: 'fc.weight', dtype: 'F32', shape: [20, 30], data: w}])

  it('analyze: exit 2 naming the file and the field, nothing written', () => {
    const out = join(dir, 'a.json')
    const r = runCli(['spectral', 'analyze', model, '--no-cache', '--fail-on', 'alpha>6', '--out', out])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /rank-one\.safetensors: --fail-on: expected a value of alpha in at least one layer/)
    assert.match(r.stderr, ONE_LINE)
    assert.ok(!existsSync(out))
    // N is always known, so a gate on it judges every layer and passes
    assert.equal(runCli(['spectral', 'analyze', model, '--no-cache', '--fail-on', 'N>1e6', '--quiet']).status, 0)
  })

  it('analyze: a --layers selection that matches nothing is exit 2, not a pass', () => {
    const r = runCli(['spectral', 'analyze', model, '--no-cache', '--layers', 'nothing', '--fail-on', 'N>0'])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /expected at least one 2-D/)
  })

  it('refit: the same gate over the saved eigenvalues is exit 2', () => {
    const nc = join(dir, 'esd.nc')
    assert.equal(runCli(['spectral', 'analyze', model, '--no-cache', '--netcdf', nc, '--quiet']).status, 0)
    const r = runCli(['spectral', 'refit', nc, '--fail-on', 'alpha<2 || D>0.5'])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, /esd\.nc: --fail-on: expected a value of alpha, D in at least one layer/)
  })
})

describe('--fail-on expressions built to overflow the parser', () => {
  const fields = ['alpha']
  for (const [label, src] of [
    ['5,000 nested parentheses', '('.repeat(5000) + 'alpha>1' + ')'.repeat(5000)],
    ['5,000 negations', '!'.repeat(5000) + 'alpha>1'],
    ['100,000 unclosed parentheses', '('.repeat(100_000)],
  ]) {
    it(`${label}: a one-line ExpressionError`, () => {
      assert.throws(
        () => parseGate(src, fields),
        (e: unknown) => e instanceof ExpressionError && e.message.length < 200 && /nesting deeper/.test(e.message),
      )
    })
  }

  it('64 levels still parse', () => {
    assert.equal(parseGate('('.repeat(63) + 'alpha>1' + ')'.repeat(63), fields)({alpha: 2}), true)
  })

  it('the CLI answers exit 2 with one line', () => {
    const dir = tempDir()
    const model = join(dir, 'm.safetensors')
    writeSafetensors(model, [{name: 'fc.weight', dtype: 'F32', shape: [2, 2], data: new Float32Array(4)}])
    const r = runCli(['spectral', 'analyze', model, '--fail-on', '('.repeat(5000) + 'alpha>1' + ')'.repeat(5000)])
    assert.equal(r.status, 2, r.stderr)
    assert.match(r.stderr, ONE_LINE)
    assert.match(r.stderr, /--fail-on: expected an expression like .*nesting deeper than 64/)
  })
})
