/**
 * The fallback view of a report the page has no section for (a schema version this infolens
 * does not know): its JSON, pretty-printed and escaped, cut at MAX_RAW_JSON_CHARS.
 */
import {escapeHtml} from './escape-html.js'

export const MAX_RAW_JSON_CHARS = 200_000

export function renderRawJsonHtml(value: unknown, reason: string): string {
  const json = JSON.stringify(value, null, 2) ?? 'null'
  const cut = json.length > MAX_RAW_JSON_CHARS
  const shown = cut ? json.slice(0, MAX_RAW_JSON_CHARS) : json
  return [
    `<p class="note">${escapeHtml(reason)}</p>`,
    `<pre class="raw-json">${escapeHtml(shown)}</pre>`,
    cut ? `<p class="note">Cut at ${MAX_RAW_JSON_CHARS} of ${json.length} characters; see the JSON report.</p>` : '',
  ].join('')
}
