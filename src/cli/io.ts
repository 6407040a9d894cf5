/**
 * The console and environment as seen by a command. Commands never touch `process` directly,
 * so tests can run them in-process with captured output.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** True when stdout is a terminal (progress bars, colour). */
  readonly isTty: boolean;
  /** Terminal width in columns (80 when unknown). */
  readonly columns: number;
  /** Asks a question and resolves to the answer line (empty at end of input). */
  prompt(question: string): Promise<string>;
  /** Registers a Ctrl-C handler for the duration of a command; returns its remover. */
  onInterrupt(handler: () => void): () => void;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stdout.isTTY),
    columns: process.stdout.columns || 80,
    prompt: (question) => new Promise((resolve) => {
      process.stdout.write(question);
      let buf = '';
      const onData = (chunk: Buffer) => {
        buf += chunk.toString('utf8');
        const nl = buf.indexOf('\n');
        if (nl >= 0) { done(buf.slice(0, nl).replace(/\r$/, '')); }
      };
      const onEnd = () => done(buf);
      const done = (answer: string) => {
        process.stdin.off('data', onData);
        process.stdin.off('end', onEnd);
        process.stdin.pause();
        resolve(answer);
      };
      process.stdin.on('data', onData);
      process.stdin.on('end', onEnd);
      process.stdin.resume();
    }),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => { process.off('SIGINT', handler); };
    },
  };
}
