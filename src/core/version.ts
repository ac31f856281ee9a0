import {readFileSync} from 'node:fs'

/** The infolens package.json, read once (works from src/ under tsx and from dist/). */
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string
  version: string
}

export const toolName: string = pkg.name
export const toolVersion: string = pkg.version
