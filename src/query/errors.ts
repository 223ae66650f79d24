/**
 * The only error the query layer throws. Its message is shown to the assistant verbatim, so it must say
 * what was wrong, name the offending token and list the valid choices.
 */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(message: string) {
    // Tokens are echoed back; control characters from them must not reach the assistant's transcript.
    super(message.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' '));
  }
}

/** Quote a user token for an error message; long tokens are shortened so errors stay compact. */
export function show(token: string, max = 60): string {
  const oneLine = token.replace(/[\u0000-\u001f\u007f]/g, ' ');
  return '`' + (oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine) + '`';
}
