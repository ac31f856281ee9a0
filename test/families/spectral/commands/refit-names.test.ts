// Regression: netcdfjs returns a char variable with its 4-byte padding, so layer names read back by
// `spectral refit` drifted whenever layers × name length was not a multiple of 4 (the demo has 19 layers).
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {runCli, runCliJson, tempDir} from '../../../helpers/cli.js'

test('spectral refit reads back every layer name exactly (padded char variable)', () => {
  const dir = tempDir()
  assert.equal(runCli(['demo', 'checkpoint', dir, '--quiet']).status, 0)
  const nc = join(dir, 'evals.nc')
  const {json: analyzed} = runCliJson([
    'spectral',
    'analyze',
    join(dir, 'model.safetensors'),
    '--netcdf',
    nc,
    '--no-cache',
  ])
  const {json: refit, result} = runCliJson(['spectral', 'refit', nc])
  assert.equal(result.status, 0, result.stderr)
  const names = (report: any) => report.result.layers.map((l: any) => l.name).sort()
  assert.deepEqual(names(refit), names(analyzed))
  for (const layer of refit.result.layers) assert.match(layer.name, /^model\.[a-z_.0-9]+weight$/)
})
