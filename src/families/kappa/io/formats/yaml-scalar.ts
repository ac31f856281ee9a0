/**
 * YAML output for the small fragments kappa writes (lists of names and
 * patterns, a few scalar keys): a string is written plain when it cannot be
 * read as anything but that string, and single-quoted otherwise (YAML 1.2 §7.3.2;
 * a quote inside is doubled). Safe for YAML 1.1 readers such as PyYAML too,
 * since booleans like `yes`/`on` and numbers always get quotes.
 */
const PLAIN = /^[A-Za-z_^$][A-Za-z0-9_.^$/-]*$/
const RESERVED = /^(true|false|yes|no|y|n|on|off|null|~)$/i

export function yamlString(value: string): string {
  if (PLAIN.test(value) && !RESERVED.test(value)) return value
  return `'${value.replace(/'/g, "''")}'`
}

/** `key:` followed by a block list (or `key: []` when empty), with optional comment lines before groups. */
export function yamlList(key: string, items: readonly (string | {comment: string})[]): string {
  if (items.filter((i) => typeof i === 'string').length === 0) return `${key}: []\n`
  const lines = items.map((i) => (typeof i === 'string' ? `- ${yamlString(i)}` : `# ${i.comment.replace(/\n/g, ' ')}`))
  return `${key}:\n${lines.join('\n')}\n`
}
