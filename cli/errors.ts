/**
 * Exit codes of the `palaute` command. Scripts branch on them, so they are a contract: see docs/cli.md.
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  invalid: 2,
  notFoundOrUnauthorized: 3,
  conflict: 4,
  serverOrUnreachable: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `
Exit codes:
  0  ok
  1  unexpected error (run again with --debug for the stack trace)
  2  invalid input or usage (nothing was sent)
  3  not found, unauthorized or forbidden (the message says which)
  4  conflict or precondition failed (changed by someone else; run again)
  5  server error, or the server could not be reached (the message says the URL and the cause)`;

/** A failure with its exit code: printed as one line (plus `details`, one per line) without a stack. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export const invalidInput = (message: string, details: readonly string[] = []) =>
  new CliError(EXIT.invalid, message, details);
