/** POSIX shell quoting for the command lines written into job scripts: plain words stay as typed. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_/.:=,+@%^-]+$/.test(word)) return word
  return `'${word.replace(/'/g, `'\\''`)}'`
}

export function shellLine(words: readonly string[]): string {
  return words.map(shellQuote).join(' ')
}
