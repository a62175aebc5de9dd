// Drives a whole execution lifecycle against a Step Functions endpoint (such as `sagebuild serve`) with AWS's
// JavaScript SDK, and prints one JSON object of what each step returned or raised.
// Usage: node lifecycle.mjs <endpoint> <accessKeyId> <secretAccessKey> <definitions.json>
// definitions.json holds {"quick": "...", "hold": "...", "approval": "...", "broken": "...", "roleArn": "..."}.
import { readFileSync } from "node:fs";
import {
  SFNClient,
  CreateStateMachineCommand,
  StartExecutionCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StopExecutionCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";

const [endpoint, accessKeyId, secretAccessKey, definitionsFile] = process.argv.slice(2);
const definitions = JSON.parse(readFileSync(definitionsFile, "utf8"));
const client = new SFNClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId, secretAccessKey },
  disableHostPrefix: true,
  maxAttempts: 1,
});
const results = {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function step(name, command) {
  try {
    const { $metadata, ...output } = await client.send(command);
    results[name] = { ok: true, output };
    return output;
  } catch (error) {
    results[name] = { ok: false, error: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
    return undefined;
  }
}

async function untilEnded(name, executionArn) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const described = await step(name, new DescribeExecutionCommand({ executionArn }));
    if (!described || described.status !== "RUNNING" || Date.now() > deadline) return described;
    await sleep(200);
  }
}

async function taskToken(executionArn) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const history = await step("approvalHistory", new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = history?.events.find((e) => e.type === "TaskScheduled");
    if (scheduled) return JSON.parse(scheduled.taskScheduledEventDetails.parameters).MessageBody.taskToken;
    if (!history || Date.now() > deadline) return undefined;
    await sleep(200);
  }
}

const { roleArn } = definitions;
const quick = await step("create", new CreateStateMachineCommand({ name: "quick", definition: definitions.quick, roleArn }));
const started = quick && await step("start", new StartExecutionCommand({ stateMachineArn: quick.stateMachineArn, name: "run-1", input: "{\"n\":1}" }));
if (started) {
  await untilEnded("describe", started.executionArn);
  await step("history", new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
  await step("list", new ListExecutionsCommand({ stateMachineArn: quick.stateMachineArn }));
}

const hold = await step("createHold", new CreateStateMachineCommand({ name: "hold", definition: definitions.hold, roleArn }));
const holding = hold && await step("startHold", new StartExecutionCommand({ stateMachineArn: hold.stateMachineArn }));
if (holding) {
  await step("stop", new StopExecutionCommand({ executionArn: holding.executionArn, error: "Cancelled", cause: "by the test" }));
  await step("describeStopped", new DescribeExecutionCommand({ executionArn: holding.executionArn }));
}

const approval = await step("createApproval", new CreateStateMachineCommand({ name: "approval", definition: definitions.approval, roleArn }));
const waiting = approval && await step("startApproval", new StartExecutionCommand({ stateMachineArn: approval.stateMachineArn, input: "{\"model\":\"m-7\"}" }));
if (waiting) {
  const token = await taskToken(waiting.executionArn);
  await step("sendTaskSuccess", new SendTaskSuccessCommand({ taskToken: token ?? "no-token-found", output: "{\"approved\":true}" }));
  await untilEnded("describeApproved", waiting.executionArn);
}

await step("unknownArn", new StartExecutionCommand({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:nobody" }));
await step("badDefinition", new CreateStateMachineCommand({ name: "broken", definition: definitions.broken, roleArn }));

// Dates are Date objects after parsing: print them as ISO strings.
console.log(JSON.stringify(results, (key, value) => (value instanceof Date ? value.toISOString() : value)));
