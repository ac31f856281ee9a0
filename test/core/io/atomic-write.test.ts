/**
 * writeFileAtomic under SIGTERM, in a child process. A synchronous write cannot be
 * interrupted half-way by a JS signal handler (node runs it once the write returns),
 * so the two observable moments are: killed before writing (nothing at all is left)
 * and killed while a write is in flight (no temporary file, and the target is either
 * absent or complete: never partial).
 */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {tempDir} from '../../helpers/cli.js'
import {killAndWait, startTsChild, tempFilesIn, waitForLine} from '../../helpers/kill-child.js'

const child = new URL('../../fixtures/report/slow-atomic-writer.ts', import.meta.url).pathname

test('a run killed with SIGTERM before its write leaves neither the target nor a temporary file', async () => {
  const dir = tempDir()
  const target = join(dir, 'report.json')
  const c = startTsChild(child, [target, 'compute'])
  await waitForLine(c, 'computing')
  const r = await killAndWait(c, 'SIGTERM')
  // No temporary file reserved yet, so node's default action (death by SIGTERM) applies.
  assert.ok(r.code === 143 || r.signal === 'SIGTERM', `exit ${r.code} ${r.signal}: ${r.stderr}`)
  assert.equal(existsSync(target), false)
  assert.deepEqual(readdirSync(dir), [])
})

test('a run killed with SIGTERM during writeFileAtomic leaves no temporary file and no partial target', async () => {
  const dir = tempDir()
  const target = join(dir, 'report.json')
  const c = startTsChild(child, [target, 'write'])
  await waitForLine(c, 'writing')
  // Kill while a temporary file exists, i.e. during a write (give up waiting after 5 s).
  const deadline = Date.now() + 5000
  while (tempFilesIn(dir).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 1))
  const sawTemp = tempFilesIn(dir).length > 0
  const r = await killAndWait(c, 'SIGTERM')
  assert.ok(sawTemp, 'the child was killed during a write')
  assert.equal(r.code, 143, r.stderr)
  assert.deepEqual(tempFilesIn(dir), [])
  if (existsSync(target)) {
    const bytes = readFileSync(target)
    assert.equal(bytes.length, 32 << 20, 'the target, if present, is complete')
    assert.ok(bytes.every((b) => b === 0x61))
  }
})
