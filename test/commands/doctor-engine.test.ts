import assert from 'node:assert/strict'
import {test} from 'node:test'
import {runCli, runCliJson} from '../helpers/cli.js'
import {assertMatchesSchema} from '../helpers/schema.js'

test('doctor --json reports the tfjs backend and lapack native|typescript; INFOLENS_LAPACK=off forces typescript', () => {
  const on = runCliJson(['doctor'])
  assert.equal(on.result.status, 0, on.result.stderr)
  assertMatchesSchema(on.json, 'doctor.schema.json')
  assert.match(on.json.result.lapack, /^(native|typescript)$/)
  assert.equal(on.json.engine.lapack, on.json.result.lapack === 'native' ? 'lapack' : 'typescript')
  assert.equal(on.json.result.backends.length, 4)
  const off = runCliJson(['doctor'], {env: {INFOLENS_LAPACK: 'off'}})
  assert.equal(off.result.status, 0, off.result.stderr)
  assert.equal(off.json.result.lapack, 'typescript')
  assert.equal(off.json.engine.lapack, 'typescript')
  assert.match(off.json.result.linalg.native.detail, /INFOLENS_LAPACK=off/)
})

test('--backend tensorflow without tfjs-node: exit 2, one line naming the backend and the install command', (t) => {
  if (/tfjs-node(-gpu)? \d/.test(runCli(['doctor']).stdout))
    return t.skip('@tensorflow/tfjs-node is installed here, so the backend is available and there is no error to check')
  const r = runCli(['doctor', '--backend', 'tensorflow'])
  assert.equal(r.status, 2)
  assert.equal(r.stdout, '')
  assert.match(
    r.stderr,
    /^infolens: error: --backend: backend tensorflow is not available .*npm install @tensorflow\/tfjs-node@4\.22\.0.*\n$/,
  )
})
