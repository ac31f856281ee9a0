/**
 * One line from an error message. oclif's parse errors span several lines: a heading ("Parsing --threads",
 * "Missing 1 required arg:"), the details (a line deeper indented than its item continues it) and a help hint.
 * The heading alone says nothing, so heading and details share the one line the project promises.
 */
export function firstLine(message: string): string {
  const norm = (l: string) => l.trim().replace(/\s+/g, ' ')
  const raw = message
    .replace(/\u001B\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => norm(l).length > 0 && norm(l) !== 'See more help with --help')
  if (raw.length === 0) return 'unknown error'
  const head = norm(raw[0])
  const details: string[] = []
  let itemIndent = 0
  for (const line of raw.slice(1)) {
    const indent = line.length - line.trimStart().length
    if (details.length > 0 && indent > itemIndent) {
      details[details.length - 1] += ` ${norm(line)}`
    } else {
      details.push(norm(line))
      itemIndent = indent
    }
  }
  return details.length === 0 ? head : `${head}${head.endsWith(':') ? ' ' : ': '}${details.join('; ')}`
}
