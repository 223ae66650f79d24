// The only module that writes to stdout. In server mode stdout carries JSON-RPC and nothing else, so
// human-facing output (help, version, later `status` and `call`) goes through here and only here.

export function writeOut(text: string): void {
  process.stdout.write(text);
}

export function writeErr(text: string): void {
  process.stderr.write(text);
}
