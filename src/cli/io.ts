import { readFile, writeFile } from 'node:fs/promises';

/** What the CLI touches of the outside world, so tests can run it in-process. */
export type CliIo = {
  stdout(text: string): void;
  stderr(text: string): void;
  readStdin(): Promise<string>;
  readFile(path: string): Promise<string>;
  /** Writes a report file (`netpol test --junit`); tests may capture it instead. */
  writeFile?(path: string, text: string): Promise<void>;
};

/** An error meant for the user: printed without a stack trace, with an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Exit codes: 0 success, 1 lint found errors, 2 bad usage or bad input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** The real process streams and file system. */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin as AsyncIterable<Buffer | string>)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      return Buffer.concat(chunks).toString('utf8');
    },
    readFile: (path) => readFile(path, 'utf8'),
    writeFile: (path, text) => writeFile(path, text, 'utf8'),
  };
}

/** Reads each named input; `-` is standard input (read once). */
export async function readInputs(
  files: readonly string[],
  io: CliIo,
): Promise<{ name: string; text: string }[]> {
  if (files.length === 0)
    throw new CliError('no input files (give one or more FILE, or - for standard input)');
  if (files.filter((f) => f === '-').length > 1)
    throw new CliError('standard input (-) can be read only once');
  const out: { name: string; text: string }[] = [];
  for (const file of files) {
    if (file === '-') {
      out.push({ name: '<stdin>', text: await io.readStdin() });
      continue;
    }
    try {
      out.push({ name: file, text: await io.readFile(file) });
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : e instanceof Error
              ? e.message
              : String(e);
      throw new CliError(`cannot read ${file}: ${why}`);
    }
  }
  return out;
}
