// Talks to the dashboard's server: the Step Functions API (the awsJson protocol of POST /, answered in-process at
// /api/sfn) and the read-only views under /api/. Every failure becomes an ApiError with AWS's code and message.

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message || code);
    this.code = code;
    this.status = status;
  }
}

async function read(response) {
  const text = await response.text();
  let body = {};
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError('InvalidResponse', `The server answered ${response.status} with something that is not JSON.`, response.status);
    }
  }
  if (!response.ok) {
    throw new ApiError(body.__type || `HTTP ${response.status}`, body.message || response.statusText, response.status);
  }
  return body;
}

/** Calls a Step Functions operation, such as sfn('ListExecutions', { stateMachineArn }). */
export async function sfn(operation, input = {}) {
  const response = await fetch('/api/sfn', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AWSStepFunctions.${operation}`,
    },
    body: JSON.stringify(input),
  });
  return read(response);
}

/** Reads one of the dashboard's own views, such as view('graph', { executionArn }). */
export async function view(name, query) {
  const response = await fetch(`/api/${name}?${new URLSearchParams(query)}`, { credentials: 'same-origin' });
  return read(response);
}

/** Every page of a listing operation, following nextToken (at most `limit` items). */
export async function all(operation, input, key, limit = 1000) {
  const items = [];
  let nextToken;
  do {
    const page = await sfn(operation, { ...input, nextToken });
    items.push(...(page[key] || []));
    nextToken = page.nextToken;
  } while (nextToken && items.length < limit);
  return items;
}
