import {test} from 'node:test'
import assert from 'node:assert/strict'
import {join} from 'node:path'
import {tempDir} from '../../../helpers/cli.js'
import {keyValuesUnder, makeAndRender, records, tableUnder} from './markdown-tables.js'

test('doctor: versions, CPUs, linear algebra, temp dir and one row per tfjs backend', () => {
  const dir = tempDir('infolens-render-doctor-')
  const {report, md} = makeAndRender(['doctor'], join(dir, 'doctor.json'), 'doctor.schema.json')
  const r = report.result
  const env = keyValuesUnder(md, 'Environment')
  assert.equal(env.get('node'), r.node)
  assert.equal(env.get('infolens'), r.infolens)
  assert.equal(env.get('cpus'), `${r.cpus.count} × ${r.cpus.model}`)
  assert.equal(env.get('linear algebra'), r.linalg.active)
  assert.equal(env.get('temp dir'), `${r.tempDir.path} (${r.tempDir.writable ? 'writable' : 'NOT writable'})`)
  assert.deepEqual(
    records(tableUnder(md, 'tfjs backends')).map((b) => [b.backend, b.loads]),
    r.backends.map((b: any) => [b.name, b.loaded ? 'yes' : 'no']),
  )
})
