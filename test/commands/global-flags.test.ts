import {test} from 'node:test'
import assert from 'node:assert/strict'
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../helpers/cli.js'
import {assertMatchesSchema} from '../helpers/schema.js'

const dir = tempDir()
const made = runCli(['demo', 'checkpoint', dir, '--quiet'])
const model = join(dir, 'model.safetensors')

test('reports record each input with its size and SHA-256 (independently recomputed)', () => {
  assert.equal(made.status, 0, made.stderr)
  const {json} = runCliJson(['checkpoint', 'inspect', model])
  assertMatchesSchema(json, 'checkpoint.schema.json')
  const expected = createHash('sha256').update(readFileSync(model)).digest('hex')
  assert.deepEqual(json.inputs, [{path: model, bytes: statSync(model).size, sha256: expected}])
  assert.deepEqual(json.command.slice(0, 3), ['infolens', 'checkpoint', 'inspect'])
  assert.equal(json.tool.name, 'infolens')
})

test('--no-checksum records the size but skips hashing (sha256 null)', () => {
  const {json} = runCliJson(['checkpoint', 'inspect', model, '--no-checksum'])
  assertMatchesSchema(json, 'checkpoint.schema.json')
  assert.deepEqual(json.inputs, [{path: model, bytes: statSync(model).size, sha256: null}])
})

test('--out writes the same report that --json prints; --quiet prints nothing', () => {
  const out = join(dir, 'inspect.json')
  const r = runCli(['checkpoint', 'inspect', model, '--out', out, '--quiet'])
  assert.equal(r.status, 0, r.stderr)
  assert.equal(r.stdout, '')
  const written = JSON.parse(readFileSync(out, 'utf8'))
  const {json} = runCliJson(['checkpoint', 'inspect', model])
  assert.deepEqual(written.result, json.result)
})

test('a failing run leaves no --out file behind', () => {
  const out = join(dir, 'never.json')
  const r = runCli(['checkpoint', 'inspect', join(dir, 'missing.safetensors'), '--out', out])
  assert.equal(r.status, 2)
  assert.equal(existsSync(out), false)
})
