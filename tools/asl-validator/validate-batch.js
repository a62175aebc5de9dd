#!/usr/bin/env node
// Validates many ASL definitions with asl-validator in one Node process and prints one JSON line per definition:
//   {"id": "...", "valid": true|false, "errors": [{"code": "...", "message": "..."}]}
// Input: a file (or stdin when the argument is "-") holding a JSON array of {"id": "...", "definition": "<ASL text>"}.
// Options: --no-arn-check and --no-path-check turn off the library's checkArn and checkPaths.
// The library mutates its input (it fills in QueryLanguage), so every definition is parsed afresh from its text.
"use strict";
const fs = require("fs");
const validator = require("asl-validator");

function main(argv) {
  const files = argv.filter((a) => !a.startsWith("--"));
  const unknown = argv.filter((a) => a.startsWith("--") && a !== "--no-arn-check" && a !== "--no-path-check");
  if (files.length !== 1 || unknown.length > 0) {
    process.stderr.write("usage: validate-batch.js [--no-arn-check] [--no-path-check] FILE|-\n");
    return 2;
  }
  const options = { checkArn: !argv.includes("--no-arn-check"), checkPaths: !argv.includes("--no-path-check") };
  const text = fs.readFileSync(files[0] === "-" ? 0 : files[0], "utf8");
  const batch = JSON.parse(text);
  if (!Array.isArray(batch)) {
    process.stderr.write("the input must be a JSON array of {id, definition}\n");
    return 2;
  }
  const lines = [];
  for (const item of batch) {
    lines.push(JSON.stringify(validateOne(item, options)));
  }
  process.stdout.write(lines.join("\n") + (lines.length ? "\n" : ""));
  return 0;
}

function validateOne(item, options) {
  let definition;
  try {
    definition = JSON.parse(item.definition);
  } catch (e) {
    return { id: item.id, valid: false, errors: [{ code: "INVALID_JSON", message: String(e.message) }] };
  }
  try {
    const result = validator(definition, options);
    const errors = result.errors.map((e) => ({ code: String(e["Error code"] ?? ""), message: String(e.Message ?? "") }));
    return { id: item.id, valid: result.isValid, errors };
  } catch (e) {
    // A definition the library cannot even walk (such as "States" that is not an object) is one it does not accept.
    return { id: item.id, valid: false, errors: [{ code: "EXCEPTION", message: String(e && e.message) }] };
  }
}

process.exitCode = main(process.argv.slice(2));
