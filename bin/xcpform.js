#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in src/cli (compiled to dist/ by `npm ci` through `prepare`).
require('../dist/src/cli/main.js').run(process.argv).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`Error: internal error: ${err && err.message ? err.message : err}`); process.exitCode = 2; },
);
