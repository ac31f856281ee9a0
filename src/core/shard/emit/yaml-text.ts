/**
 * A small YAML writer for the emitted manifests: block mappings and sequences, every string double-quoted
 * with JSON escapes (valid YAML), so no value can turn into a number, boolean or comment.
 */
type Yaml = string | number | boolean | readonly Yaml[] | {readonly [key: string]: Yaml}

function scalar(v: string | number | boolean): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v)
}

function isScalar(v: Yaml): v is string | number | boolean {
  return typeof v !== 'object'
}

function lines(v: Yaml, indent: string): string[] {
  if (Array.isArray(v)) {
    return v.flatMap((item: Yaml) => {
      if (isScalar(item)) return [`${indent}- ${scalar(item)}`]
      const [first, ...rest] = lines(item, `${indent}  `)
      return [`${indent}- ${first.trimStart()}`, ...rest]
    })
  }
  return Object.entries(v as {[key: string]: Yaml}).flatMap(([k, item]) =>
    isScalar(item) ? [`${indent}${k}: ${scalar(item)}`] : [`${indent}${k}:`, ...lines(item, `${indent}  `)],
  )
}

export function toYaml(document: Yaml): string {
  return lines(document, '').join('\n') + '\n'
}
