// Differential oracle: evaluates JSONata expressions with the official implementation (npm jsonata 2.x).
// stdin: a JSON array of {expression, input?, bindings?}; stdout: a JSON array of
// {value} | {undefined: true} | {function: true} | {error: code, message}.
// A fixed clock makes $now() and $millis() comparable: 2024-01-02T03:04:05.678Z unless "now" is given.
'use strict';
const jsonata = require('jsonata');

async function evaluateOne(testCase) {
    let compiled;
    try {
        // Guard rails, so that a runaway generated expression fails instead of exhausting node's memory.
        compiled = jsonata(testCase.expression, { timeout: 2000, stack: 5000 });
    } catch (e) {
        return { error: e.code || 'parse', message: e.message, position: e.position };
    }
    try {
        const hasInput = Object.prototype.hasOwnProperty.call(testCase, 'input');
        const result = await compiled.evaluate(hasInput ? testCase.input : undefined, testCase.bindings || {});
        if (result === undefined) return { undefined: true };
        if (JSON.stringify(result).length > 1000000) return { error: 'oversized' };
        if (typeof result === 'function' || (result && (result._jsonata_lambda || result._jsonata_function))) return { function: true };
        return { value: JSON.parse(JSON.stringify(result)) };
    } catch (e) {
        return { error: e.code || 'runtime', message: e.message, position: e.position };
    }
}

async function main() {
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const results = [];
    for (const testCase of cases) {
        const started = Date.now();
        results.push(await evaluateOne(testCase));
        if (Date.now() - started > 1000) console.error(`slow (${Date.now() - started} ms): ${testCase.expression}`);
    }
    process.stdout.write(JSON.stringify(results));
}

main().catch(e => { console.error(e); process.exit(1); });
