import { Command, CommanderError } from 'commander';
import { DEFAULT_URL, PalauteClient } from './client';
import { applyCommand } from './commands/apply';
import { validateEvents } from './commands/events';
import { previewUnit } from './commands/preview';
import { getQuestionSet, listQuestionSets } from './commands/questionSets';
import { type ReportOptions, report } from './commands/reports';
import { getUnit, listUnits, unitHistory } from './commands/units';
import type { CommandContext } from './context';
import { CliError, EXIT, EXIT_CODES_HELP, type ExitCode } from './errors';
import { type Io, processIo } from './output';

export interface RunOptions {
  io?: Io;
  env?: Record<string, string | undefined>;
}

interface GlobalOptions {
  url?: string;
  token?: string;
  debug?: boolean;
}

function buildProgram(io: Io, env: Record<string, string | undefined>, setExit: (code: ExitCode) => void) {
  const program = new Command('palaute')
    .description('Command-line tool for the Palaute HTTP API: units, question sets, events and reports.')
    .option('--url <url>', `Palaute server (default: $PALAUTE_URL, else ${DEFAULT_URL})`)
    .option('--token <token>', 'bearer token: admin, or reports:read for reports (default: $PALAUTE_TOKEN)')
    .option('--debug', 'print the stack trace of an unexpected error')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.replace(/\n$/, '')),
      writeErr: (text) => io.err(text.replace(/\n$/, '')),
    })
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true });

  // Flags override the environment, which is passed in rather than read here (tests run in-process).
  const context = (command: Command): CommandContext => {
    const globals = command.optsWithGlobals<GlobalOptions>();
    const url = globals.url ?? (env.PALAUTE_URL || DEFAULT_URL);
    const token = globals.token ?? (env.PALAUTE_TOKEN || undefined);
    let client: PalauteClient | undefined;
    return { io, client: () => (client ??= new PalauteClient({ url, token })) };
  };
  /** Runs a command's function with the context and remembers its exit code. */
  const run =
    <A extends unknown[]>(action: (ctx: CommandContext, ...args: A) => Promise<ExitCode>) =>
    async (...args: unknown[]) => {
      const command = args[args.length - 1] as Command;
      setExit(await action(context(command), ...(args.slice(0, -1) as A)));
    };

  const units = program.command('units').description('care units: list, read, apply, preview, history');
  units
    .command('list')
    .description('the units of an organization: id, name, enabled')
    .option('--organization <organizationId>', "the organization (default: the token's own)")
    .option('--json', 'print JSON instead of a table')
    .action(run((ctx, options: { organization?: string; json?: boolean }) => listUnits(ctx, options)));
  units
    .command('get')
    .description('one unit as JSON')
    .argument('<unitId>')
    .action(run((ctx, unitId: string) => getUnit(ctx, unitId)));
  units
    .command('apply')
    .description(
      'create or update units from JSON files { "unitId", ...unit }: checks each file, shows the difference, writes it',
    )
    .requiredOption('-f, --file <fileOrFolder>', 'a unit file, or a folder: every *.json in name order')
    .option('--dry-run', 'show the difference only; write nothing')
    .action(
      run((ctx, options: { file: string; dryRun?: boolean }) => applyCommand(ctx, options.file, options)),
    );
  units
    .command('preview')
    .description('what the unit would decide for a visit and when the SMS would go; stores and sends nothing')
    .argument('<unitId>')
    .requiredOption('-f, --file <visit.json>', 'an Appointment Completed detail (or an event carrying one)')
    .option('--rules <rules.json>', 'try these rules instead of the unit’s own')
    .option('--json', 'print the answer as JSON')
    .action(
      run((ctx, unitId: string, options: { file: string; rules?: string; json?: boolean }) =>
        previewUnit(ctx, unitId, options),
      ),
    );
  units
    .command('history')
    .description('who changed what in the unit, version by version')
    .argument('<unitId>')
    .option('--json', 'print the answer as JSON')
    .action(run((ctx, unitId: string, options: { json?: boolean }) => unitHistory(ctx, unitId, options)));

  const questionSets = program.command('question-sets').description('question sets: list, read');
  questionSets
    .command('list')
    .description('the question sets the token can see')
    .option('--json', 'print JSON instead of a table')
    .action(run((ctx, options: { json?: boolean }) => listQuestionSets(ctx, options)));
  questionSets
    .command('get')
    .description('one question set as JSON')
    .argument('<questionSetId>')
    .action(run((ctx, id: string) => getQuestionSet(ctx, id)));

  const events = program.command('events').description('visit events');
  events
    .command('validate')
    .description(
      'check a file of visit events (an EventBridge event, a PutEvents entry, or an array) against the event contract',
    )
    .argument('<file>')
    .option('--remote', 'ask the server (POST /api/v1/events/validate) instead of checking locally')
    .action(run((ctx, file: string, options: { remote?: boolean }) => validateEvents(ctx, file, options)));

  const reports = program.command('reports').description('nightly figures: daily or monthly');
  for (const [kind, format] of [
    ['daily', 'YYYY-MM-DD'],
    ['monthly', 'YYYY-MM'],
  ] as const) {
    reports
      .command(kind)
      .description(`${kind} rows of a unit, an area or an organization`)
      .option('--unit <unitId>')
      .option('--organization <organizationId>')
      .option('--area <areaId>')
      .requiredOption('--from <date>', format)
      .requiredOption('--to <date>', format)
      .option('--csv', 'print CSV as the API writes it')
      .option('--json', 'print JSON as the API answers')
      .action(run((ctx, options: ReportOptions) => report(ctx, kind, options)));
  }
  const withExitCodes = (command: Command): void => {
    command.addHelpText('after', EXIT_CODES_HELP);
    command.commands.forEach(withExitCodes);
  };
  withExitCodes(program);
  return program;
}

/** Runs the tool with the arguments after `palaute`; returns the exit code (never throws, never exits). */
export async function runCli(argv: readonly string[], options: RunOptions = {}): Promise<ExitCode> {
  const io = options.io ?? processIo;
  const env = options.env ?? process.env;
  let exitCode: ExitCode = EXIT.ok;
  const program = buildProgram(io, env, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its message (or the help) already.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? EXIT.ok
        : EXIT.invalid;
    }
    if (error instanceof CliError) {
      io.err(`palaute: ${error.message}`);
      for (const detail of error.details) io.err(`  ${detail}`);
      return error.exitCode;
    }
    io.err(`palaute: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    if (argv.includes('--debug') && error instanceof Error && error.stack) io.err(error.stack);
    else io.err('(run again with --debug for details)');
    return EXIT.unexpected;
  }
}
