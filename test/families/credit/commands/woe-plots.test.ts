import {test} from 'node:test'
import assert from 'node:assert/strict'
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCliJson, tempDir} from '../../../helpers/cli.js'
import {plotFileNames} from '../../../../src/families/credit/render/woe-plot.js'
import {germanCsv} from './german-split.js'

/** Well-formedness: one <svg> root, every start tag closed in order (a small XML tag-balance check). */
function assertWellFormed(svg: string, name: string): void {
  assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, name)
  const stack: string[] = []
  for (const m of svg.matchAll(/<(\/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*?)?(\/?)>/g)) {
    if (m[1]) assert.equal(stack.pop(), m[2], `${name}: </${m[2]}> closes the wrong element`)
    else if (!m[3]) stack.push(m[2])
  }
  assert.deepEqual(stack, [], `${name}: unclosed elements`)
  assert.ok(!/<(?![A-Za-z/!?])/.test(svg), `${name}: stray "<"`)
}

test('credit bin --plots writes one well-formed WoE bar chart per feature, bars equal to the WoE column', () => {
  const dir = join(tempDir('infolens-credit-plots-'), 'plots')
  const {json, result} = runCliJson([
    'credit',
    'bin',
    germanCsv,
    '--target',
    'creditability',
    '--bad',
    'bad',
    '--plots',
    dir,
  ])
  assert.equal(result.status, 0, result.stderr)
  const features: any[] = json.result.features
  assert.deepEqual(readdirSync(dir).sort(), features.map((f) => `${f.feature}.svg`).sort())
  assert.ok(
    readdirSync(dir).every((f) => !f.includes('.tmp')),
    'no temporary files left',
  )
  for (const f of features) {
    const svg = readFileSync(join(dir, `${f.feature}.svg`), 'utf8')
    assertWellFormed(svg, f.feature)
    const bars = [
      ...svg.matchAll(/<path aria-label="bin: [^"]*; WoE: ([^;"]+)[^"]*"[^>]*aria-roledescription="bar"/g),
    ].map((m) => Number(m[1].replace('−', '-')))
    assert.equal(bars.length, f.table.length, f.feature)
    bars.forEach((w, i) =>
      assert.ok(Math.abs(w - f.table[i].woe) < 1e-9, `${f.feature} bin ${i}: ${w} vs ${f.table[i].woe}`),
    )
  }
})

test('plot file names are safe and unique', () => {
  assert.deepEqual(plotFileNames(['a/b', 'a b', 'A_B', '..x', '', 'ok.1']), [
    'a_b.svg',
    'a_b-2.svg',
    'A_B-3.svg',
    '_x.svg',
    'feature.svg',
    'ok.1.svg',
  ])
})
