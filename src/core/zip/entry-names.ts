/**
 * Entry names of an archive that must hold exactly one root folder (`archive/…`, as
 * torch.save writes). Names are data from the file: an entry that is absolute, climbs
 * with `..`, uses backslashes or a drive letter, or sits under another root is refused,
 * so nothing downstream can be led to a path outside the archive's own tree.
 */
import {ZipFormatError} from './zip-format-error.js'

/** The one root folder all `names` share, checking every name on the way. */
export function singleRootFolder(names: readonly string[]): string {
  if (names.length === 0) throw new ZipFormatError('central directory', 'the archive is empty')
  const root = names[0].split('/')[0]
  for (const name of names) {
    checkRelative(name)
    const parts = name.split('/')
    if (parts.length < 2 || parts[0] !== root)
      throw new ZipFormatError(`entry ${JSON.stringify(name)}`, `outside the archive's root folder ${root}/`)
  }
  return root
}

function checkRelative(name: string): void {
  const bad =
    name === '' ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((p) => p === '..' || p === '.')
  if (bad)
    throw new ZipFormatError(
      `entry ${JSON.stringify(name)}`,
      'expected a relative path inside the archive (no "..", ".", absolute path, backslash or drive letter)',
    )
}
