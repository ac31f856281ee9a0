import {test} from 'node:test'
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {yamlList, yamlString} from '../../../../../src/families/kappa/io/formats/yaml-scalar.js'
import {axolotlPattern} from '../../../../../src/families/kappa/io/formats/axolotl-fragment.js'
import {spectrumSlug} from '../../../../../src/families/kappa/io/formats/spectrum-scores.js'

const tricky = [
  '^model.layers.5.mlp.down_proj.weight$',
  'yes',
  'No',
  'null',
  '123',
  '1e5',
  "it's",
  'a: b',
  '#x',
  '- y',
  '[z]',
  '',
  ' lead',
  'trail ',
  '~',
  '*star',
  '&amp',
  '!tag',
  '%p',
  '@a',
  '`b',
  'a #c',
  'on',
]

test('every string survives a YAML round trip through PyYAML (Debian python3), or is quoted per the plain-scalar rules', () => {
  const text = yamlList('items', tricky)
  const r = spawnSync(
    '/usr/bin/python3',
    ['-c', 'import json,sys,yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))'],
    {input: text, encoding: 'utf8'},
  )
  if (r.status === 0) {
    assert.deepEqual(JSON.parse(r.stdout), {items: tricky})
  } else {
    // no PyYAML: structural check of the quoting rule
    for (const s of tricky)
      if (!/^[A-Za-z_^$][A-Za-z0-9_.^$/-]*$/.test(s) || /^(yes|no|null|on|~)$/i.test(s))
        assert.ok(yamlString(s).startsWith("'"), s)
  }
  assert.equal(yamlString('model.layers.0.mlp.down_proj'), 'model.layers.0.mlp.down_proj')
  assert.equal(yamlString("it's"), "'it''s'")
  assert.equal(yamlList('x', []), 'x: []\n')
})

test('Axolotl patterns anchor exact names and leave dots for Axolotl to escape', () => {
  assert.equal(axolotlPattern('model.layers.5.mlp.down_proj.weight'), '^model.layers.5.mlp.down_proj.weight$')
  assert.equal(axolotlPattern('a.b[0]+c'), '^a.b\\[0\\]\\+c$')
  // Axolotl compiles pattern.replace(".", "\\.") and uses re.match
  const compiled = new RegExp(axolotlPattern('model.layers.1.mlp.up_proj.weight').replace(/\./g, '\\.'))
  assert.ok(compiled.test('model.layers.1.mlp.up_proj.weight'))
  assert.ok(!compiled.test('model.layers.11.mlp.up_proj.weight'))
  assert.ok(!compiled.test('model.layers.1.mlp.up_proj.weight_scale'))
})

test("Spectrum's result-file slug turns / and _ into -", () => {
  assert.equal(spectrumSlug('meta-llama/Llama_3'), 'meta-llama-Llama-3')
})
