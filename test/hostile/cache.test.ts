/**
 * Hostile spectra-cache entries (issue 18, item 8): the reader checks the entry's size against the key before
 * reading, opens regular files only and hashes in chunks. A data file that is a symlink to /dev/zero, a FIFO,
 * a huge sparse file, or an oversized entry JSON reads as a miss, at once. The checks run in a child process
 * so that a regression hangs that child (killed at the timeout), not the test runner.
 */
import assert from 'node:assert/strict'
import {spawnSync} from 'node:child_process'
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, it} from 'node:test'
import {tempDir} from '../helpers/cli.js'

const cacheModule = new URL('../../src/core/cache/spectra-cache.ts', import.meta.url).pathname
const repo = new URL('../../', import.meta.url).pathname

const script = (dir: string) => `
import {execFileSync} from 'node:child_process'
import {readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {getCachedSingularValues, putCachedSingularValues} from '${cacheModule}'
const key = {fileSha256: 'c'.repeat(64), tensor: 'w', shape: [4, 3], dtype: 'F32', view: 'matrix'}
const dir = ${JSON.stringify(dir)}
const values = Float64Array.from([3, 2, 1])
const results = {}
async function entry() {
  await putCachedSingularValues(key, values, 'svd', {dir})
  const f = readdirSync(dir)
  return {data: join(dir, f.find((x) => x.endsWith('.f64'))), meta: join(dir, f.find((x) => x.endsWith('.json')))}
}
async function check(name, damage) {
  const {data, meta} = await entry()
  const json = JSON.parse(readFileSync(meta, 'utf8'))
  damage(data, meta, json)
  results[name] = (await getCachedSingularValues(key, {dir})) === undefined ? 'miss' : 'hit'
}
await check('intact', () => {})
const claim = (meta, json, count) => writeFileSync(meta, JSON.stringify({...json, count, byteLength: count * 8}))
await check('data: symlink to /dev/zero, 1 TB claimed', (data, meta, json) => {
  rmSync(data); symlinkSync('/dev/zero', data); claim(meta, json, 2 ** 37)
})
await check('data: symlink to /dev/zero, plausible size', (data, meta, json) => {
  rmSync(data); symlinkSync('/dev/zero', data)
})
await check('data: symlink to a copy of the right bytes', (data) => {
  const copy = data + '.copy'; writeFileSync(copy, readFileSync(data)); rmSync(data); symlinkSync(copy, data)
})
await check('data: a FIFO nobody writes', (data) => {
  rmSync(data); execFileSync('mkfifo', [data])
})
await check('data: 4 GiB sparse, count claimed to match', (data, meta, json) => {
  truncateSync(data, 2 ** 32); claim(meta, json, 2 ** 29)
})
await check('data: 4 GiB sparse, count within the tensor', (data) => truncateSync(data, 2 ** 32))
await check('meta: symlink to /dev/zero', (data, meta) => { rmSync(meta); symlinkSync('/dev/zero', meta) })
await check('meta: 10 MB of padding', (data, meta, json) =>
  writeFileSync(meta, JSON.stringify(json) + ' '.repeat(10 * 2 ** 20)))
await check('meta: a FIFO', (data, meta) => { rmSync(meta); execFileSync('mkfifo', [meta]) })
process.stdout.write(JSON.stringify(results))
`

describe('spectra cache reader on hostile entries', () => {
  it('every damaged entry is a miss, quickly; the intact one a hit', () => {
    const dir = tempDir('infolens-hostile-cache-')
    const file = join(tempDir(), 'probe.mts')
    writeFileSync(file, script(dir))
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], {cwd: repo, encoding: 'utf8', timeout: 60_000})
    assert.equal(r.status, 0, `exit ${r.status} signal ${r.signal} (a hang is killed at 60 s)\n${r.stderr}`)
    const results = JSON.parse(r.stdout) as Record<string, string>
    assert.equal(results.intact, 'hit')
    const damaged = Object.entries(results).filter(([k]) => k !== 'intact')
    assert.equal(damaged.length, 9)
    for (const [name, got] of damaged) assert.equal(got, 'miss', name)
  })
})
