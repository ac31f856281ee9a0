/**
 * The zip parsers are pure and know no file name, so they throw this; the archive
 * reader turns it into an InputError naming the file and the zip record.
 */
export class ZipFormatError extends Error {
  constructor(
    readonly record: string,
    readonly expected: string,
  ) {
    super(`${record}: ${expected}`)
    this.name = 'ZipFormatError'
  }
}
