import { runCli } from './program';

// Set, not process.exit(): stdout may still be draining into a pipe.
process.exitCode = await runCli(process.argv.slice(2));
