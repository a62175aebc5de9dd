// Drives a Step Functions endpoint with AWS's JavaScript SDK and prints one JSON object of what happened.
// Usage: node drive.mjs <endpoint> <accessKeyId> <secretAccessKey>
// Each step records either the SDK's parsed response or the error name and message the SDK raised.
import {
  SFNClient,
  CreateStateMachineCommand,
  DescribeStateMachineCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  DescribeExecutionCommand,
  StopExecutionCommand,
  GetExecutionHistoryCommand,
} from "@aws-sdk/client-sfn";

const [endpoint, accessKeyId, secretAccessKey] = process.argv.slice(2);
const client = new SFNClient({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId, secretAccessKey },
  disableHostPrefix: true,
  maxAttempts: 1,
});

const definition = JSON.stringify({ StartAt: "Hello", States: { Hello: { Type: "Pass", End: true } } });
const roleArn = "arn:aws:iam::123456789012:role/sagebuild-test";
const results = {};

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

const created = await step("create", new CreateStateMachineCommand({ name: "hello", definition, roleArn }));
const arn = created?.stateMachineArn ?? "arn:aws:states:us-east-1:123456789012:stateMachine:hello";
await step("describe", new DescribeStateMachineCommand({ stateMachineArn: arn }));
await step("list", new ListStateMachinesCommand({}));
await step("unknownArn", new DescribeStateMachineCommand({ stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:nobody" }));
await step("badName", new CreateStateMachineCommand({ name: "bad name", definition, roleArn }));
await step("badArn", new DescribeStateMachineCommand({ stateMachineArn: "not-an-arn" }));
await step("badDefinition", new CreateStateMachineCommand({ name: "broken", definition: "{\"StartAt\":\"Hello\"}", roleArn }));
const started = await step("start", new StartExecutionCommand({ stateMachineArn: arn, name: "run-1", input: "{\"n\":1}" }));
if (started) {
  await step("stop", new StopExecutionCommand({ executionArn: started.executionArn, error: "Cancelled" }));
  await step("describeExecution", new DescribeExecutionCommand({ executionArn: started.executionArn }));
  await step("history", new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
}

// Dates are Date objects after parsing: print them as ISO strings so the test can check they were read as times.
console.log(JSON.stringify(results, (key, value) => (value instanceof Date ? value.toISOString() : value)));
