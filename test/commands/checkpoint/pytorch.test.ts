/**
 * PyTorch checkpoints through the CLI: `checkpoint inspect`, `spectral analyze` and `kappa plan` of a
 * .bin equal those of the same weights in safetensors, and every hostile or corrupt
 * input (a real os.system payload, a zip entry escaping its root, a truncated archive,
 * a broken central directory, storages shorter than their tensors) is exit 2 with one
 * line naming the file and the field, and no output file.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {copyFileSync, existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {spawnSync} from 'node:child_process'
import {runCli, runCliJson, tempDir} from '../../helpers/cli.js'
import {NO_NUMPY, numpyPython} from '../../helpers/numpy-python.js'
import {assertMatchesSchema} from '../../helpers/schema.js'

const DIR = new URL('../../fixtures/pytorch/', import.meta.url).pathname
const SAFETENSORS = new URL('../../fixtures/spectral/real/real-weights.safetensors', import.meta.url).pathname
const BIN = join(DIR, 'real-weights.bin')

test('inspect: a .bin lists the same tensors as the safetensors file of the same weights', () => {
  const {json: bin, result} = runCliJson(['checkpoint', 'inspect', BIN])
  assert.equal(result.status, 0, result.stderr)
  assertMatchesSchema(bin, 'checkpoint.schema.json')
  const {json: st} = runCliJson(['checkpoint', 'inspect', SAFETENSORS])
  const rows = (j: any) => j.result.tensors.map((t: any) => [t.name, t.dtype, t.shape, t.parameters, t.bytes])
  assert.deepEqual(rows(bin), rows(st))
  assert.deepEqual(bin.result.totals.parametersByDtype, st.result.totals.parametersByDtype)
})

test('inspect: a shard directory and its index', () => {
  for (const path of [join(DIR, 'sharded'), join(DIR, 'sharded', 'pytorch_model.bin.index.json')]) {
    const {json, result} = runCliJson(['checkpoint', 'inspect', path])
    assert.equal(result.status, 0, result.stderr)
    assert.equal(json.result.totals.files, 2)
    assert.deepEqual(
      json.result.tensors.map((t: any) => t.shard),
      ['pytorch_model-00001-of-00002.bin', 'pytorch_model-00002-of-00002.bin'],
    )
  }
})

test('spectral analyze: model.bin gives the same layers as the same weights in safetensors', () => {
  const {json: bin, result} = runCliJson(['spectral', 'analyze', BIN, '--no-cache'])
  assert.equal(result.status, 0, result.stderr)
  const {json: st} = runCliJson(['spectral', 'analyze', SAFETENSORS, '--no-cache'])
  assert.ok(bin.result.layers.length === 2)
  assert.deepEqual(bin.result.layers, st.result.layers)
  assert.deepEqual(bin.result.summary, st.result.summary)
})

test('kappa plan: model.bin gives the same plan as the same weights in safetensors', () => {
  const plan = (path: string) => {
    const {json, result} = runCliJson(['kappa', 'plan', path, '--no-cache'])
    assert.equal(result.status, 0, result.stderr)
    const {model, ...rest} = json.result
    assert.equal(model, path)
    return rest
  }
  const bin = plan(BIN)
  assert.ok(bin.tensors.length > 0)
  assert.deepEqual(bin, plan(SAFETENSORS))
})

/** A copy of `source` with `edit` applied to its bytes. */
function edited(dir: string, name: string, source: string, edit: (b: Buffer) => Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, edit(Buffer.from(readFileSync(source))))
  return path
}

function centralDirectoryOffset(bytes: Buffer): number {
  return bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), bytes.length - 1) // last central header
}

test('bad inputs: one line naming the file and the field, exit 2, no output file', () => {
  const dir = tempDir()
  const h = (name: string) => join(DIR, 'hostile', name)
  const views = join(DIR, 'views.pt')
  const cases: [string, RegExp][] = [
    [h('malicious.pt'), /malicious\.pt: malicious\/data\.pkl: global posix\.system is not allowed/],
    [h('eval.pt'), /eval\.pt: archive\/data\.pkl: global builtins\.eval is not allowed/],
    [
      h('build-object.pt'),
      /build-object\.pt: archive\/data\.pkl: BUILD \(__setstate__\) on TorchTensor is not allowed/,
    ],
    [h('legacy.pt'), /legacy\.pt: the legacy \(torch < 1\.6\) serialization format is not supported/],
    [h('scripted.pt'), /scripted\.pt: a TorchScript archive is not supported/],
    [
      h('escape.pt'),
      /escape\.pt: entry "archive\/\.\.\/\.\.\/etc\/data\/0": expected a relative path inside the archive/,
    ],
    [h('other-root.pt'), /other-root\.pt: entry "elsewhere\/data\/0": outside the archive's root folder archive\//],
    [h('short-storage.pt'), /short-storage\.pt: tensor w: storage 0 holds 16 bytes, its 6 F32 elements need 24/],
    [h('view-past-storage.pt'), /view-past-storage\.pt: tensor w: .* reach element 4, the storage 0 holds 4/],
    [h('shape-overflow.pt'), /shape-overflow\.pt: tensor w: shape \[1099511627776,1099511627776\] .* overflows/],
    [h('compressed-storage.pt'), /compressed-storage\.pt: tensor .*: storage entry views\/data\/0 is compressed/],
    [
      edited(dir, 'bare.pkl', BIN, () => Buffer.from([0x80, 0x02, 0x7d, 0x71, 0x00, 0x2e])), // pickle.dumps({})
      /bare\.pkl: a bare pickle is not a PyTorch checkpoint \(expected a torch\.save zip archive\)/,
    ],
    [
      edited(dir, 'truncated.bin', BIN, (b) => b.subarray(0, b.length - 200)),
      /truncated\.bin: end of central directory: record not found \(not a zip file, or truncated\)/,
    ],
    [
      edited(dir, 'cut-data.bin', BIN, (b) => Buffer.concat([b.subarray(0, 4096), b.subarray(b.length - 1000)])),
      /cut-data\.bin: central directory: .*(truncated or corrupt|signature not found)/,
    ],
    [
      edited(dir, 'bad-cd.bin', views, (b) => {
        const copy = Buffer.from(b)
        copy.writeUInt32LE(0xdeadbeef, centralDirectoryOffset(copy))
        return copy
      }),
      /bad-cd\.bin: central directory: entry \d+ of \d+: header signature not found/,
    ],
    [
      edited(dir, 'bad-crc.bin', views, (b) => {
        const copy = Buffer.from(b)
        copy[copy.indexOf('views/data.pkl') + 70] ^= 0xff // a byte inside the pickle, past the header's padding
        return copy
      }),
      /bad-crc\.bin: zip entry views\/data\.pkl: size or CRC-32 does not match the central directory/,
    ],
  ]
  for (const [path, message] of cases) {
    for (const command of [
      ['checkpoint', 'inspect'],
      ['spectral', 'analyze'],
    ]) {
      const out = join(dir, 'report.json')
      const r = runCli([...command, path, '--out', out])
      assert.equal(r.status, 2, `${command.join(' ')} ${path}: exit ${r.status}\n${r.stderr}`)
      const lines = r.stderr.trim().split('\n')
      assert.equal(lines.length, 1, r.stderr)
      assert.match(lines[0], message)
      assert.equal(existsSync(out), false)
    }
  }
  assert.equal(existsSync('/tmp/infolens-pwned'), false) // the payload never ran
})

test('a zip that is not a torch checkpoint (an .npz) is refused as such', (t) => {
  const python = numpyPython()
  if (!python) return t.skip(NO_NUMPY)
  const npz = join(tempDir(), 'arrays.npz')
  const r = spawnSync(python, ['-c', 'import numpy, sys; numpy.savez(sys.argv[1], a=numpy.ones(3))', npz])
  assert.equal(r.status, 0, String(r.stderr))
  const cli = runCli(['checkpoint', 'inspect', npz])
  assert.equal(cli.status, 2)
  assert.match(cli.stderr.trim(), /arrays\.npz: a zip archive without <root>\/data\.pkl is not a PyTorch checkpoint/)
})

test('a directory holding both safetensors and pytorch_model.bin is read as safetensors', () => {
  const dir = tempDir()
  copyFileSync(SAFETENSORS, join(dir, 'model.safetensors'))
  copyFileSync(BIN, join(dir, 'pytorch_model.bin'))
  const {json, result} = runCliJson(['checkpoint', 'inspect', dir])
  assert.equal(result.status, 0, result.stderr)
  assert.deepEqual(
    json.result.files.map((f: any) => f.path),
    [join(dir, 'model.safetensors')],
  )
})

test('an incomplete shard set is refused, not read as a partial model', () => {
  const dir = tempDir()
  copyFileSync(join(DIR, 'sharded', 'pytorch_model-00002-of-00002.bin'), join(dir, 'pytorch_model-00002-of-00002.bin'))
  const r = runCli(['checkpoint', 'inspect', dir])
  assert.equal(r.status, 2)
  assert.match(r.stderr.trim(), /: shards pytorch_model-00002-of-00002\.bin are not a complete set/)
})
