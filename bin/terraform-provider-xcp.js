#!/usr/bin/env node
'use strict';
require('../dist/src/tfplugin/main.js').run(process.argv, process.env).then(
  (code) => { if (typeof code === 'number') process.exitCode = code; },
  (err) => { process.stderr.write(`terraform-provider-xcp: internal error: ${err && err.message ? err.message : err}\n`); process.exitCode = 2; },
);
