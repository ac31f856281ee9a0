/**
 * Damaged ONNX and TF.js checkpoints through the CLI (`checkpoint inspect` and `spectral analyze`):
 * exit 2, one stderr line naming the file and the tensor or field and what was expected, nothing on
 * stdout, no --out file.
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {cpSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync, appendFileSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, tempDir} from '../../helpers/cli.js'

const onnxFixtures = new URL('../../fixtures/onnx/', import.meta.url).pathname
const tfjsFixtures = new URL('../../fixtures/tfjs/', import.meta.url).pathname

/** The storage fixture with dense.weight's raw_data length (1536 = varint 80 0c) raised to 2047 (ff 0f). */
function rawDataPastEnd(dir: string): string {
  const bytes = readFileSync(join(onnxFixtures, 'storage.onnx'))
  const marker = Buffer.concat([Buffer.from('dense.weight'), Buffer.from([0x4a, 0x80, 0x0c])])
  const at = bytes.indexOf(marker)
  assert.ok(at > 0, 'fixture layout changed: dense.weight raw_data not found')
  bytes[at + marker.length - 2] = 0xff
  bytes[at + marker.length - 1] = 0x0f
  const path = join(dir, 'raw-past-end.onnx')
  writeFileSync(path, bytes)
  return path
}

/** A copy of the generated TF.js model, damaged by `damage(dir, modelJson)`. */
function tfjsCopy(root: string, name: string, damage: (dir: string, model: any) => void): string {
  const dir = join(root, name)
  cpSync(join(tfjsFixtures, 'generated'), dir, {recursive: true})
  const model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'))
  damage(dir, model)
  writeFileSync(join(dir, 'model.json'), JSON.stringify(model))
  return dir
}

function badInputs(root: string): [string, string, RegExp][] {
  const truncated = join(root, 'truncated.onnx')
  const storage = readFileSync(join(onnxFixtures, 'storage.onnx'))
  writeFileSync(truncated, storage.subarray(0, storage.length >> 1))
  const bad = (name: string) => join(onnxFixtures, 'bad', name)
  return [
    [
      'truncated .onnx',
      truncated,
      /truncated\.onnx: model: graph \(field 7\) of \d+ bytes at byte \d+ runs past the end of the file \(\d+ bytes; truncated\?\)$/,
    ],
    [
      'raw_data past the end of its tensor',
      rawDataPastEnd(root),
      /raw-past-end\.onnx: graph\.initializer\[0\] \(dense\.weight\): raw_data \(field 9\) of 2047 bytes at byte \d+ runs past the end of its message/,
    ],
    [
      'external data outside the directory',
      bad('outside.onnx'),
      /outside\.onnx: tensor w: external_data\.location: "\.\.\/storage\.onnx" is outside the model's directory/,
    ],
    [
      'external data at an absolute path',
      bad('absolute.onnx'),
      /absolute\.onnx: tensor w: external_data\.location: "\/etc\/hostname" is outside the model's directory/,
    ],
    [
      'external data file missing',
      bad('missing-data.onnx'),
      /missing-data\.onnx: tensor w: external_data\.location: data file "no-such-file\.bin" does not exist$/,
    ],
    [
      'external data file short',
      bad('short-data.onnx'),
      /short-data\.onnx: tensor w: external_data\.offset: bytes 0\.\.64 lie past the end of "short\.bin" \(40 bytes; truncated\?\)$/,
    ],
    [
      'external length disagreeing with dims',
      bad('wrong-length.onnx'),
      /wrong-length\.onnx: tensor w: external_data\.length: 40 bytes, but dtype and dims call for 64 bytes$/,
    ],
    [
      'TF.js shard missing',
      tfjsCopy(root, 'missing-shard', (dir) => rmSync(join(dir, 'group1-shard2of3.bin'))),
      /model\.json: weightsManifest\[0\]\.paths: shard "group1-shard2of3\.bin" does not exist$/,
    ],
    [
      'TF.js shard short',
      tfjsCopy(root, 'short-shard', (dir) => truncateSync(join(dir, 'group1-shard3of3.bin'), 267)),
      /model\.json: weight after_string: needs 2277 bytes of group 0, but its shards \(group1-shard1of3\.bin, group1-shard2of3\.bin, group1-shard3of3\.bin\) hold 2267 \(a shard is short or missing\?\)$/,
    ],
    [
      'TF.js shard longer than the weights',
      tfjsCopy(root, 'long-shard', (dir) => appendFileSync(join(dir, 'group2-shard1of1.bin'), Buffer.alloc(3))),
      /model\.json: weightsManifest\[1\]\.paths: shards hold 35 bytes, but the weights take 32/,
    ],
    [
      'TF.js quantized weight without scale',
      tfjsCopy(root, 'no-scale', (_, model) => delete model.weightsManifest[0].weights[2].quantization.scale),
      /model\.json: weight conv\/kernel: quantization\.scale: expected a finite number \(uint8 quantization needs scale and min\)$/,
    ],
    [
      'TF.js shard outside the directory',
      tfjsCopy(root, 'escape', (_, model) => (model.weightsManifest[1].paths = ['../storage.bin'])),
      /model\.json: weightsManifest\[1\]\.paths: shard "\.\.\/storage\.bin" is outside the manifest's directory/,
    ],
  ]
}

for (const command of [
  ['checkpoint', 'inspect'],
  ['spectral', 'analyze', '--no-cache'],
]) {
  test(`${command.slice(0, 2).join(' ')}: damaged ONNX and TF.js inputs give one line, exit 2, no output`, () => {
    const root = tempDir()
    for (const [what, path, pattern] of badInputs(root)) {
      const out = join(root, `out-${what.replace(/\W+/g, '-')}.json`)
      const r = runCli([...command, path, '--out', out])
      assert.equal(r.status, 2, `${what}: exit ${r.status}\n${r.stderr}`)
      assert.equal(r.stdout, '', what)
      const lines = r.stderr.split('\n').filter((l) => l !== '')
      assert.equal(lines.length, 1, `${what}: ${r.stderr}`)
      assert.ok(lines[0].startsWith(`infolens: error: ${path}`), `${what}: ${lines[0]}`)
      assert.match(lines[0], pattern, what)
      assert.equal(existsSync(out), false, `${what}: --out file left behind`)
    }
  })
}
