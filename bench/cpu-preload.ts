/**
 * Preloaded (`node -r`) into a command the rehearsal bench times: writes the process's own CPU
 * time (user + system, ms) to the file named by BENCH_CPU_FILE as it exits. The parent cannot
 * read a finished child's CPU from Node, and sampling /proc misses the last moments.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_CPU_FILE;
if (file) {
  process.on('exit', () => {
    const c = process.cpuUsage();
    writeFileSync(file, String((c.user + c.system) / 1000));
  });
}
