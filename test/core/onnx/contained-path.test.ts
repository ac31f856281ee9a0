/** Files a checkpoint names must stay inside its directory: `..`, absolute paths and symlinks leading out are refused. */
import {test} from 'node:test'
import assert from 'node:assert/strict'
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {pathInside} from '../../../src/core/checkpoint/contained-path.js'
import {tempDir} from '../../helpers/cli.js'

test('pathInside: names inside the directory pass; escapes are undefined', () => {
  const root = tempDir()
  const dir = join(root, 'model')
  mkdirSync(join(dir, 'weights'), {recursive: true})
  writeFileSync(join(root, 'secret.bin'), 'x')
  writeFileSync(join(dir, 'weights', 'a.bin'), 'x')
  symlinkSync(join(root, 'secret.bin'), join(dir, 'link.bin'))
  symlinkSync(join(dir, 'weights', 'a.bin'), join(dir, 'inner-link.bin'))
  assert.equal(pathInside(dir, 'weights/a.bin'), join(dir, 'weights', 'a.bin'))
  assert.equal(pathInside(dir, './weights/../weights/a.bin'), join(dir, 'weights', 'a.bin'))
  assert.equal(pathInside(dir, 'inner-link.bin'), join(dir, 'inner-link.bin'))
  assert.equal(pathInside(dir, 'not-yet.bin'), join(dir, 'not-yet.bin'), 'missing files are reported by the caller')
  for (const escape of ['../secret.bin', 'weights/../../secret.bin', join(root, 'secret.bin'), 'link.bin', '', '.'])
    assert.equal(pathInside(dir, escape), undefined, escape)
})
