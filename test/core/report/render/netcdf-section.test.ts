import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {runCli, tempDir} from '../../../helpers/cli.js'
import {keyValuesUnder, makeAndRender, records, shown, tableUnder} from './markdown-tables.js'

test('netcdf dump: format, dimensions, global attributes and a summary row per variable', () => {
  const dir = tempDir('infolens-render-netcdf-')
  const nc = join(dir, 'school.nc')
  const sim = runCli(['school', 'simulate', '--agents', '8', '--steps', '10', '--nc', nc, '--quiet'])
  assert.equal(sim.status, 0, sim.stderr)
  const {report, md} = makeAndRender(['netcdf', 'dump', nc], join(dir, 'dump.json'), 'netcdf.schema.json')
  const r = report.result
  const head = keyValuesUnder(md, 'File')
  assert.equal(head.get('format'), `${r.format} (CDF-${r.formatVersion})`)
  assert.equal(head.get('records'), String(r.numRecords))
  assert.deepEqual(
    records(tableUnder(md, 'Dimensions')).map((d) => [d.dimension, d.size, d.unlimited]),
    r.dimensions.map((d: any) => [d.name, String(d.size), d.unlimited ? 'yes' : 'no']),
  )
  assert.deepEqual(
    records(tableUnder(md, 'Global attributes')).map((a) => a.attribute),
    r.attributes.map((a: any) => a.name),
  )
  assert.deepEqual(
    records(tableUnder(md, 'Variables')).map((v) => [v.variable, v.type, v.dimensions, v.valid, v.min, v.max, v.mean]),
    r.variables.map((v: any) => [
      v.name,
      v.type,
      `(${v.dimensions.join(', ')})`,
      String(v.summary.valid),
      shown(v.summary.min),
      shown(v.summary.max),
      shown(v.summary.mean),
    ]),
  )
})
