import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {writeSafetensors} from '../../../src/core/safetensors/index.js'
import {writeDemoCheckpoint} from '../../../src/core/checkpoint/demo-checkpoint.js'
import {buildDemoTransformer} from '../../../src/core/checkpoint/synthetic/demo-transformer.js'
import {runCli, runCliJson, tempDir} from '../../helpers/cli.js'
import {NO_NUMPY, numpyPython, runPythonJson} from '../../helpers/numpy-python.js'
import {rawSafetensors} from '../../helpers/safetensors-bytes.js'
import {assertMatchesSchema} from '../../helpers/schema.js'

const reader = new URL('../../fixtures/checkpoint/read_safetensors.py', import.meta.url).pathname
const python = numpyPython()

function demoCheckpoints(): Record<string, string> {
  const dir = tempDir()
  writeDemoCheckpoint(dir, 0)
  const f16 = join(dir, 'model-f16.safetensors')
  writeSafetensors(
    f16,
    buildDemoTransformer(0).map((t) => ({name: t.name, dtype: 'F16' as const, shape: t.shape, data: t.data})),
  )
  return {
    F32: join(dir, 'model.safetensors'),
    F16: f16,
    BF16: join(dir, 'model-bf16.safetensors'),
    sharded: join(dir, 'sharded'),
    index: join(dir, 'sharded', 'model.safetensors.index.json'),
  }
}

test('inspect --json matches the independent numpy reader on F32, F16, BF16 and sharded checkpoints', (t) => {
  if (!python) return t.skip(NO_NUMPY)
  const paths = demoCheckpoints()
  const reference = runPythonJson<any[]>(python, reader, Object.values(paths))
  for (const [i, [kind, path]] of Object.entries(paths).entries()) {
    const {json, result} = runCliJson(['checkpoint', 'inspect', path])
    assert.equal(result.status, 0, result.stderr)
    assertMatchesSchema(json, 'checkpoint.schema.json')
    const ref = reference[i]
    assert.deepEqual(
      json.result.tensors,
      ref.tensors.map(({name, dtype, shape, parameters, bytes, shard}: any) => ({
        name,
        dtype,
        shape,
        parameters,
        bytes,
        shard,
      })),
      kind,
    )
    const {parametersByDtype, bytesByDtype, quantizedDtypes: _q, ...totals} = json.result.totals
    assert.deepEqual(totals, ref.totals, kind)
    const dtype = kind === 'sharded' || kind === 'index' ? 'F32' : kind
    assert.deepEqual(parametersByDtype, {[dtype]: ref.totals.parameters})
    assert.deepEqual(bytesByDtype, {[dtype]: ref.totals.bytes})
    assert.equal(json.result.format, 'safetensors', kind)
    assert.deepEqual(json.result.totals.quantizedDtypes, [], kind) // plain floats: nothing quantized
    assert.equal(json.result.source.kind, kind === 'sharded' ? 'directory' : kind === 'index' ? 'index' : 'file')
    assert.equal(json.inputs.length, kind === 'sharded' || kind === 'index' ? 4 : 1) // 3 shards + the index
  }
})

test('inspect: human table, --filter, --out writes the same report', () => {
  const paths = demoCheckpoints()
  const human = runCli(['checkpoint', 'inspect', paths.sharded, '--filter', 'layers\\.1\\.self_attn'])
  assert.equal(human.status, 0, human.stderr)
  assert.match(
    human.stdout,
    /model\.layers\.1\.self_attn\.q_proj\.weight\s+│ F32\s+│ \[128, 128\]\s+│\s+16384 │\s+65536 │ model-0000\d-of-00003\.safetensors/,
  )
  assert.match(human.stdout, /│ tensors\s+│ 4\s+│/)
  assert.match(human.stdout, /│ parameters\s+│ 49152 \(F32 49152\)/)
  assert.doesNotMatch(human.stdout, /layers\.0|mlp/)
  const out = join(tempDir(), 'report.json')
  const {json} = runCliJson(['checkpoint', 'inspect', paths.F32, '--filter', 'norm', '--out', out])
  assertMatchesSchema(json, 'checkpoint.schema.json')
  const written = JSON.parse(readFileSync(out, 'utf8'))
  assert.deepEqual(written.result, json.result)
  assert.equal(json.result.filter, 'norm')
  assert.equal(json.result.totals.tensors, 7) // 3 layers x 2 norms + final norm
  assert.ok(json.result.tensors.every((x: any) => /norm/.test(x.name)))
})

/** Each bad input: exit 2, one stderr line naming file (and tensor/field) and what was expected, no --out file. */
test('bad inputs: one-line error naming the file and tensor, exit 2, no output file', () => {
  const dir = tempDir()
  const f = (name: string, bytes: Buffer) => {
    const p = join(dir, name)
    writeFileSync(p, bytes)
    return p
  }
  const empty = join(dir, 'empty-dir')
  mkdirSync(empty)
  const escapeDir = join(dir, 'escape')
  mkdirSync(escapeDir)
  writeFileSync(join(escapeDir, 'model.safetensors.index.json'), JSON.stringify({weight_map: {w: '../w.safetensors'}}))
  const good = rawSafetensors({w: {dtype: 'F32', shape: [4], data_offsets: [0, 16]}}, 16)
  const cases: [string, string, RegExp][] = [
    [
      'missing path',
      join(dir, 'nope.safetensors'),
      /nope\.safetensors: no such file or directory \(expected (.*; or )?a \.safetensors file, a directory of shards or a model\.safetensors\.index\.json\)$/,
    ],
    [
      'directory without safetensors',
      empty,
      /empty-dir: directory holds no \.safetensors files and no model\.safetensors\.index\.json$/,
    ],
    [
      'truncated file',
      f('truncated.safetensors', good.subarray(0, good.length - 5)),
      /truncated\.safetensors: tensor w: data_offsets \[0, 16\] run past the end of the data buffer \(11 bytes\): file truncated/,
    ],
    [
      'header longer than file',
      f('long-header.safetensors', good.subarray(0, 20)),
      /long-header\.safetensors: header: header length \d+ runs past the end of the file \(20 bytes\)/,
    ],
    [
      'invalid JSON',
      f('json.safetensors', rawSafetensors('{"w": {"dtype": "F32",', 0)),
      /json\.safetensors: header: header is not valid JSON/,
    ],
    [
      'overlapping offsets',
      f(
        'overlap.safetensors',
        rawSafetensors(
          {a: {dtype: 'F32', shape: [2], data_offsets: [0, 8]}, b: {dtype: 'F32', shape: [2], data_offsets: [4, 12]}},
          12,
        ),
      ),
      /overlap\.safetensors: tensor b: data_offsets \[4, 12\] overlap tensor a \[0, 8\]$/,
    ],
    [
      'out-of-range offsets',
      f(
        'range.safetensors',
        rawSafetensors(
          {a: {dtype: 'F32', shape: [1], data_offsets: [0, 4]}, b: {dtype: 'U8', shape: [96], data_offsets: [4, 100]}},
          8,
        ),
      ),
      /range\.safetensors: tensor b: data_offsets \[4, 100\] run past the end of the data buffer \(8 bytes\)/,
    ],
    [
      'unknown dtype',
      f('dtype.safetensors', rawSafetensors({w: {dtype: 'Q4', shape: [4], data_offsets: [0, 16]}}, 16)),
      /dtype\.safetensors: tensor w: unknown dtype "Q4" \(expected one of BOOL, U8, I8/,
    ],
    [
      'shape/size mismatch',
      f('shape.safetensors', rawSafetensors({w: {dtype: 'F32', shape: [5], data_offsets: [0, 16]}}, 16)),
      /shape\.safetensors: tensor w: shape \[5\] x F32 \(4 bytes\) needs 20 bytes, but data_offsets \[0, 16\] span 16$/,
    ],
    [
      'weight_map escaping its directory',
      escapeDir,
      /escape\/model\.safetensors\.index\.json: weight_map: tensor w: shard "\.\.\/w\.safetensors" is outside the index's directory/,
    ],
  ]
  for (const [what, path, pattern] of cases) {
    const out = join(dir, `out-${what.replace(/\W+/g, '-')}.json`)
    const r = runCli(['checkpoint', 'inspect', path, '--out', out])
    assert.equal(r.status, 2, `${what}: exit ${r.status}\n${r.stderr}`)
    assert.equal(r.stdout, '', what)
    const lines = r.stderr.split('\n').filter((l) => l !== '')
    assert.equal(lines.length, 1, `${what}: ${r.stderr}`)
    assert.ok(lines[0].startsWith(`infolens: error: ${path}`), `${what}: ${lines[0]}`)
    assert.match(lines[0], pattern, what)
    assert.equal(existsSync(out), false, `${what}: --out file left behind`)
  }
})

test('bad --filter and --json errors: exit 2, and --json prints one JSON error document', () => {
  const paths = demoCheckpoints()
  const r = runCli(['checkpoint', 'inspect', paths.F32, '--filter', '(unclosed'])
  assert.equal(r.status, 2)
  assert.match(r.stderr, /^infolens: error: --filter: not a valid regular expression \(.*\)\n$/)
  const j = runCli(['checkpoint', 'inspect', join(paths.F32, '..', 'missing'), '--json'])
  assert.equal(j.status, 2)
  assert.equal(JSON.parse(j.stdout).error.exitCode, 2)
})
