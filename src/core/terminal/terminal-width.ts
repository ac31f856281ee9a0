/**
 * The width human tables must fit: the COLUMNS variable when set (the POSIX way to force a width, and how the
 * tests force one), else the terminal's own width when stdout is one. Piped or redirected output has no
 * width, so a file or `grep` gets every character of every cell.
 */

/** Columns to fit, or undefined for no limit. */
export function terminalColumns(
  env: Readonly<Record<string, string | undefined>> = process.env,
  stdout: {isTTY?: boolean; columns?: number} = process.stdout,
): number | undefined {
  const forced = Number(env.COLUMNS)
  if (env.COLUMNS !== undefined && Number.isInteger(forced) && forced > 0) return forced
  if (stdout.isTTY === true && Number.isInteger(stdout.columns) && stdout.columns! > 0) return stdout.columns
  return undefined
}
