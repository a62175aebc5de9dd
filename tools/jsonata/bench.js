// The node peer of SageBuild's JSONata benchmark: the official jsonata evaluating each workload expression,
// compiled once, timed over many evaluations after a warm-up. stdin: {"expressions": {name: text}, "input": {...}};
// stdout: {name: nanoseconds per evaluation}.
'use strict';
const jsonata = require('jsonata');

async function measure(expression, bindings) {
    const compiled = jsonata(expression);
    const run = async (n) => { for (let i = 0; i < n; i++) await compiled.evaluate(undefined, bindings); };
    await run(2000);
    let n = 1000;
    for (;;) {
        const start = process.hrtime.bigint();
        await run(n);
        const elapsed = Number(process.hrtime.bigint() - start);
        if (elapsed > 1e9) return elapsed / n;
        n *= 2;
    }
}

async function main() {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const bindings = { states: { input: request.input } };
    const results = {};
    for (const [name, expression] of Object.entries(request.expressions)) results[name] = await measure(expression, bindings);
    process.stdout.write(JSON.stringify(results));
}

main().catch(e => { console.error(e); process.exit(1); });
