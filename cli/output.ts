/** Where a command writes: results to `out` (stdout), progress and errors to `err` (stderr). */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => {
    process.stdout.write(`${line}\n`);
  },
  err: (line) => {
    process.stderr.write(`${line}\n`);
  },
};

export const printJson = (io: Io, value: unknown) => io.out(JSON.stringify(value, null, 2));

type Cell = string | number | boolean | null | undefined;

const cellText = (value: Cell) => (value === null || value === undefined ? '-' : String(value));

/** A plain text table: a header row and left-aligned columns separated by two spaces. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string[] {
  const texts = [headers.map(String), ...rows.map((row) => row.map(cellText))];
  const widths = headers.map((_, column) => Math.max(...texts.map((row) => row[column]?.length ?? 0)));
  return texts.map((row) =>
    row
      .map((text, column) => (column === row.length - 1 ? text : text.padEnd(widths[column] ?? 0)))
      .join('  '),
  );
}

export const printTable = (io: Io, headers: readonly string[], rows: readonly (readonly Cell[])[]) => {
  for (const line of formatTable(headers, rows)) io.out(line);
};

/** A JSON value on one line, as the difference and the history show old and new values. */
export const compactJson = (value: unknown) => (value === undefined ? '(none)' : JSON.stringify(value));
