#!/usr/bin/env node
'use strict';
// Output piped into `head` and closed early is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => { if (err && err.code === 'EPIPE') process.exit(process.exitCode || 0); throw err; });
}
// Thin launcher: the CLI lives in src/cli (compiled to dist/ by `npm ci` through `prepare`).
require('../dist/src/cli/main.js').run(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`Error: internal error: ${err && err.message ? err.message : err}`); process.exitCode = 2; },
);
