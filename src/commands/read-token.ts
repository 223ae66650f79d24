// Reading the token: a hidden prompt on a terminal (no echo; readline in raw mode, which works in Windows
// terminals too), or all of stdin with `--with-token`. Node's readline is enough: its echo goes to an output
// stream that drops it, and it handles line editing, paste and Ctrl+C.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CommandError } from './io.js';

const MAX_STDIN = 64 * 1024;

/** Asks on stderr, reads one line from a TTY without showing it. */
export function promptHidden(question: string, input: NodeJS.ReadableStream, write: (text: string) => void): Promise<string> {
  write(question);
  const muted = new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
  const rl = createInterface({ input, output: muted, terminal: true });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      write('\n');
      resolve(line);
    });
    rl.once('SIGINT', () => {
      answered = true;
      rl.close();
      write('\n');
      reject(new CommandError('cancelled; nothing was stored'));
    });
    rl.once('close', () => {
      if (!answered) resolve('');
    });
  });
}

/** All of stdin (at most 64 kB), for `--with-token < token.txt`. */
export async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.length > MAX_STDIN) throw new CommandError('standard input is larger than any access token (64 kB read); pass only the token');
  }
  return text;
}

/** Printable ASCII, no spaces: what an Authorization header can carry (as the Intercom client requires). */
export function checkTokenShape(token: string): void {
  if (token === '') throw new CommandError('no token given; nothing was stored');
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new CommandError(
      'that does not look like an Intercom access token (it has spaces, line breaks or non-ASCII characters); copy it again from the Developer Hub (your app > Authentication)',
    );
  }
}
