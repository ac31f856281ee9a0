/**
 * Connection strings as they may appear in reports and errors: the password is replaced by
 * "***" (postgres://user:secret@host/db → postgres://user:***@host/db), also in a `password=`
 * query parameter. Reports record the engine, its version and the query text, never credentials.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/gi, '$1:***@')
    .replace(/([?&]password=)[^&]*/gi, '$1***')
}

/** Removes every occurrence of a secret from a text (e.g. a driver's error message). */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text
}
