/**
 * Debian's Chromium, headless, driven over the DevTools protocol through a pipe
 * (--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4), so the browser tests
 * need no npm package and no download. The browser is started with a fresh profile in a temp dir
 * and stopped (and the profile removed) by `close()`.
 */
import {spawn, type ChildProcess} from 'node:child_process'
import {existsSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Readable, Writable} from 'node:stream'

export const CHROMIUM_PATH = '/usr/bin/chromium'

export function isChromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH)
}

interface Message {
  id?: number
  method?: string
  params?: any
  result?: any
  error?: {message: string}
  sessionId?: string
}

export class HeadlessChromium {
  /** Every event received, in order (console calls, exceptions, log entries, dialogs…). */
  readonly events: Message[] = []
  private nextId = 1
  private readonly pending = new Map<number, {resolve: (v: any) => void; reject: (e: Error) => void}>()
  private readonly waiters: {method: string; resolve: (m: Message) => void}[] = []
  private buffer = ''

  private constructor(
    private readonly child: ChildProcess,
    private readonly profile: string,
  ) {
    const input = child.stdio[4] as Readable
    input.setEncoding('utf8')
    input.on('data', (chunk: string) => {
      this.buffer += chunk
      let end: number
      while ((end = this.buffer.indexOf('\0')) >= 0) {
        this.dispatch(JSON.parse(this.buffer.slice(0, end)) as Message)
        this.buffer = this.buffer.slice(end + 1)
      }
    })
  }

  static launch(): HeadlessChromium {
    const profile = mkdtempSync(join(tmpdir(), 'infolens-chromium-'))
    const child = spawn(
      CHROMIUM_PATH,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--remote-debugging-pipe',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      {stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe']},
    )
    return new HeadlessChromium(child, profile)
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined) {
      const p = this.pending.get(m.id)
      this.pending.delete(m.id)
      if (m.error) p?.reject(new Error(m.error.message))
      else p?.resolve(m.result)
      return
    }
    this.events.push(m)
    // a dialog (alert) would block the page: dismiss it; errors() still reports it
    if (m.method === 'Page.javascriptDialogOpening')
      void this.send('Page.handleJavaScriptDialog', {accept: false}, m.sessionId).catch(() => {})
    for (const [i, w] of this.waiters.entries())
      if (w.method === m.method) {
        this.waiters.splice(i, 1)
        w.resolve(m)
        break
      }
  }

  send(method: string, params: object = {}, sessionId?: string): Promise<any> {
    const id = this.nextId++
    const out = this.child.stdio[3] as Writable
    out.write(JSON.stringify({id, method, params, ...(sessionId ? {sessionId} : {})}) + '\0')
    return new Promise((resolve, reject) => this.pending.set(id, {resolve, reject}))
  }

  waitFor(method: string, timeoutMs = 30_000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), timeoutMs)
      this.waiters.push({method, resolve: (m) => (clearTimeout(timer), resolve(m))})
    })
  }

  /** A new tab with Runtime, Log and Page events on; returns its session id. */
  async openPage(url: string, options: {javascript?: boolean} = {}): Promise<string> {
    const {targetId} = await this.send('Target.createTarget', {url: 'about:blank'})
    const {sessionId} = await this.send('Target.attachToTarget', {targetId, flatten: true})
    await this.send('Runtime.enable', {}, sessionId)
    await this.send('Log.enable', {}, sessionId)
    await this.send('Page.enable', {}, sessionId)
    await this.send(
      'Emulation.setDeviceMetricsOverride',
      {width: 1280, height: 900, deviceScaleFactor: 1, mobile: false},
      sessionId,
    )
    if (options.javascript === false) await this.send('Emulation.setScriptExecutionDisabled', {value: true}, sessionId)
    const loaded = this.waitFor('Page.loadEventFired')
    await this.send('Page.navigate', {url}, sessionId)
    await loaded
    return sessionId
  }

  /** Evaluates an expression in the page and returns its JSON value. */
  async evaluate<T = unknown>(sessionId: string, expression: string): Promise<T> {
    const r = await this.send('Runtime.evaluate', {expression, returnByValue: true, awaitPromise: true}, sessionId)
    if (r.exceptionDetails)
      throw new Error(`page threw: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`)
    return r.result.value as T
  }

  /** A real mouse click at the centre of the first element matching `selector`. */
  async click(sessionId: string, selector: string): Promise<void> {
    const box = await this.evaluate<{x: number; y: number} | null>(
      sessionId,
      `(() => { const e = document.querySelector(${JSON.stringify(selector)}); if (!e) return null;
        e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2} })()`,
    )
    if (!box) throw new Error(`no element matches ${selector}`)
    for (const type of ['mousePressed', 'mouseReleased'])
      await this.send('Input.dispatchMouseEvent', {type, x: box.x, y: box.y, button: 'left', clickCount: 1}, sessionId)
  }

  /** A PNG of the element matching `selector` (the whole page when omitted). */
  async screenshot(sessionId: string, selector?: string): Promise<Buffer> {
    const clip = selector
      ? await this.evaluate<object>(
          sessionId,
          `(() => { const e = document.querySelector(${JSON.stringify(selector)}); e.scrollIntoView({block: 'center'});
            const r = e.getBoundingClientRect();
            return {x: r.left + scrollX, y: r.top + scrollY, width: Math.max(1, r.width), height: Math.max(1, r.height), scale: 1} })()`,
        )
      : undefined
    const shot = await this.send(
      'Page.captureScreenshot',
      {format: 'png', captureBeyondViewport: true, ...(clip ? {clip} : {})},
      sessionId,
    )
    return Buffer.from(shot.data, 'base64')
  }

  /** Console errors, uncaught exceptions and error log entries (CSP violations, failed loads). */
  errors(): string[] {
    return this.events.flatMap((m) => {
      if (m.method === 'Runtime.consoleAPICalled' && m.params.type === 'error')
        return [m.params.args.map((a: any) => a.value ?? a.description).join(' ')]
      if (m.method === 'Runtime.exceptionThrown')
        return [m.params.exceptionDetails.exception?.description ?? 'exception']
      if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') return [m.params.entry.text]
      if (m.method === 'Page.javascriptDialogOpening') return [`dialog opened: ${m.params.message}`]
      return []
    })
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    try {
      await Promise.race([this.send('Browser.close'), new Promise((r) => setTimeout(r, 2000))])
    } catch {}
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    if (this.child.exitCode === null) await exited
    clearTimeout(timer)
    rmSync(this.profile, {recursive: true, force: true})
  }
}
