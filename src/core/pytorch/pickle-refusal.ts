/**
 * What the unpickler and its policy throw when a pickle asks for something outside
 * the allow-list or is malformed. It knows no file name; the archive reader turns it
 * into a one-line InputError naming the file, the pickle entry and the refused thing.
 */
export class PickleRefusal extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PickleRefusal'
  }
}
