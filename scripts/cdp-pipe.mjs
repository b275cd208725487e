// A minimal Chrome DevTools Protocol client over `--remote-debugging-pipe` (the browser reads
// commands on fd 3 and writes replies and events on fd 4, each a JSON message ended by NUL).
//
// The click-to-view benchmark drives Chromium with it instead of Playwright because Playwright
// attaches to every new frame target and holds the frame's navigation until its session has set
// the frame up (a navigation throttle resumed by a DevTools message, and a utility world created
// in the frame): seen in a trace as 7-8 ms of held commit and about 20 ms added to the reader
// view frame's start. A person's browser has no debugger attached; this client attaches only
// where it is told to, and never to the view frame before it has painted.
import { spawn } from 'node:child_process';

/** Starts `executable` with `args` and a DevTools pipe; returns { send, on, close }. */
export function launchWithPipe(executable, args) {
  const proc = spawn(executable, [...args, '--remote-debugging-pipe'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
  });
  proc.stderr.resume(); // Chromium's own logging: not needed, but must not fill the pipe
  const toBrowser = proc.stdio[3];
  const fromBrowser = proc.stdio[4];
  const pending = new Map();
  const listeners = new Set();
  let nextId = 1;
  let buffered = '';
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  exited.then(() => {
    for (const { reject } of pending.values()) reject(new Error('the browser exited'));
    pending.clear();
  });

  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf('\0')) >= 0) {
      const msg = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const waiting = msg.id !== undefined ? pending.get(msg.id) : undefined;
      if (waiting) {
        pending.delete(msg.id);
        if (msg.error) waiting.reject(new Error(`${msg.error.message} (${msg.error.code})`));
        else waiting.resolve(msg.result);
      } else {
        for (const listener of listeners) listener(msg);
      }
    }
  });

  return {
    /** Sends one command (to `sessionId`'s target when given); resolves with its result. */
    send(method, params = {}, sessionId = undefined) {
      const id = nextId++;
      const msg = sessionId ? { id, method, params, sessionId } : { id, method, params };
      toBrowser.write(`${JSON.stringify(msg)}\0`);
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    /** Calls `listener` with every event; returns the function that removes it. */
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Asks the browser to close; kills it if it has not exited within 5 s. */
    async close() {
      this.send('Browser.close').catch(() => {});
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      await exited;
    },
  };
}
