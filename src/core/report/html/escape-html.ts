/**
 * Escaping for the HTML report page. Every string that comes from a report (tensor, layer,
 * feature and column names, paths, warnings, options) passes through `escapeHtml` before it
 * reaches the page, so a name like `<img src=x onerror=alert(1)>` shows as text. Data handed to
 * the page's script goes through `jsonForScript`, which cannot close the `<script>` element.
 */

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text or attribute value → HTML with `& < > " '` escaped (safe in element content and quoted attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c])
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>`, `&` and the JavaScript line
 * separators are written as \u escapes, so no report string can end the element or open a comment.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** An `id`/anchor from any text: characters outside [A-Za-z0-9_-] become `-`. */
export function anchorId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'section'
}
