/**
 * Signals when one stored frame is many seconds of steps away (issue 18): 6,000 fish in the paper
 * box (all pairs, about 0.1–0.3 s per step on the default threads) with --save-every 1000, so the
 * first frame after t = 0 would take minutes. The pipeline yields to the event loop between steps,
 * so SIGINT/SIGTERM must stop the run within about a step: exit 130/143, no temporary file left,
 * the target untouched. The 10 s bound is a hang detector on a loaded box, not a timing.
 */
import {spawn} from 'node:child_process'
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {tempDir} from '../../../helpers/cli.js'

const runJs = new URL('../../../../bin/run.js', import.meta.url).pathname
const temps = (dir: string) => readdirSync(dir).filter((n) => n.includes('.tmp-'))

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  test(`${signal} while a frame is minutes of 6,000-fish steps away: exit ${code} within seconds, nothing left`, async () => {
    const dir = tempDir()
    const target = join(dir, 'big.nc')
    writeFileSync(target, 'previous run\n')
    const args = ['school', 'simulate', '--agents', '6000', '--steps', '2000', '--save-every', '1000', '--nc', target]
    const child = spawn(process.execPath, [runJs, ...args, '--quiet'], {stdio: 'ignore'})
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
    for (let i = 0; i < 600 && temps(dir).length === 0; i++) await new Promise((r) => setTimeout(r, 50))
    assert.ok(temps(dir).length > 0, 'the run started writing')
    await new Promise((r) => setTimeout(r, 1500)) // well inside the steps between frame 0 and frame 1
    const sent = Date.now()
    child.kill(signal)
    const hang = new Promise<'hang'>((resolve) => setTimeout(() => resolve('hang'), 10_000).unref())
    const result = await Promise.race([exited, hang])
    if (result === 'hang') child.kill('SIGKILL')
    assert.notEqual(result, 'hang', `still running ${Date.now() - sent} ms after ${signal}`)
    assert.equal(result, code)
    assert.deepEqual(temps(dir), [])
    assert.equal(readFileSync(target, 'utf8'), 'previous run\n')
  })
}
