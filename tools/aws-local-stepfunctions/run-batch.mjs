#!/usr/bin/env node
// Runs ASL executions on aws-local-stepfunctions 3.0.0 in one long-lived Node process, for SageBuild's differential
// tests and its benchmark. Start with `node --import ./polyfill.mjs run-batch.mjs` (Node 20 lacks Promise.withResolvers).
//
// Protocol: one JSON object per line on stdin, one JSON object per line on stdout, in the same order.
//   {"id": "...", "definition": <ASL object or text>, "input": <JSON value>}
//     -> {"id": "...", "status": "SUCCEEDED", "output": <JSON value>}
//     -> {"id": "...", "status": "FAILED", "error": "...", "cause": "..."}
//     -> {"id": "...", "status": "REFUSED", "cause": "..."}   (the library would not take the definition)
//   {"id": "...", "bench": N, "definition": ..., "input": ...}
//     runs N executions one after another (after one untimed warm-up) and answers
//     -> {"id": "...", "executions": N, "elapsedNs": "<integer>", "status": "<status of the last one>", ...}
// Tasks are not part of the differential tests (they are pure definitions); Wait states and retries run without delay.
import { createInterface } from "node:readline";
import { StateMachine } from "aws-local-stepfunctions";

const validationOptions = { checkArn: false, checkPaths: false };

function waitOverrides(definition, overrides = {}) {
  // Every Wait state, at any depth, waits 0 ms: the differential tests compare data, not time.
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (state.Type === "Wait") overrides[name] = 0;
    for (const branch of state.Branches ?? []) waitOverrides(branch, overrides);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) waitOverrides(processor, overrides);
  }
  return overrides;
}

function retryOverrides(definition, overrides = {}) {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    if (Array.isArray(state.Retry)) overrides[name] = state.Retry.map(() => 0);
    for (const branch of state.Branches ?? []) retryOverrides(branch, overrides);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) retryOverrides(processor, overrides);
  }
  return overrides;
}

function prepare(request) {
  const definition = typeof request.definition === "string" ? JSON.parse(request.definition) : request.definition;
  const machine = new StateMachine(definition, { validationOptions });
  const options = { overrides: { waitTimeOverrides: waitOverrides(definition), retryIntervalOverrides: retryOverrides(definition) } };
  return { machine, options };
}

async function runOnce(machine, input, options) {
  try {
    const output = await machine.run(input, options).result;
    return { status: "SUCCEEDED", output: output === undefined ? null : output };
  } catch (e) {
    const cause = e && e.cause;
    if (cause && typeof cause.name === "string") {
      return { status: "FAILED", error: cause.name, cause: cause.message ?? null };
    }
    return { status: "FAILED", error: e && e.name ? String(e.name) : "Error", cause: String(e && e.message) };
  }
}

async function handle(request) {
  let prepared;
  try {
    prepared = prepare(request);
  } catch (e) {
    return { id: request.id, status: "REFUSED", cause: String(e && e.message) };
  }
  const input = request.input === undefined ? {} : request.input;
  if (request.bench) {
    const count = Number(request.bench);
    let last = await runOnce(prepared.machine, input, prepared.options); // warm-up: JIT and caches, not timed
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; i++) last = await runOnce(prepared.machine, input, prepared.options);
    const elapsedNs = process.hrtime.bigint() - start;
    return { id: request.id, executions: count, elapsedNs: elapsedNs.toString(), status: last.status, error: last.error, cause: last.cause };
  }
  return { id: request.id, ...(await runOnce(prepared.machine, input, prepared.options)) };
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let request;
  try {
    request = JSON.parse(line);
  } catch (e) {
    process.stdout.write(JSON.stringify({ id: null, status: "REFUSED", cause: "not JSON: " + e.message }) + "\n");
    continue;
  }
  let answer;
  try {
    answer = await handle(request);
  } catch (e) {
    answer = { id: request.id, status: "REFUSED", cause: String(e && e.stack) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
