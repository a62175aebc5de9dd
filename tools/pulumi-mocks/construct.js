// Constructs every resource of a printed Pulumi YAML program under the Pulumi mock runtime of @pulumi/aws, the
// closest offline check of a program: no Pulumi CLI or provider plugin can be downloaded here.
//
//   node construct.js PROGRAM.yaml [--config CONFIG.json] [--stack NAME] [--project NAME]
//
// It evaluates the program the way Pulumi YAML does (config, variables, fn::invoke, fn::toJSON, fn::fileArchive,
// fn::secret, ${...} interpolation with $$ escapes, resource options) and calls `new aws.<module>.<Class>(name,
// props, opts)` for each resource. An unknown type token, a property the class's Args interface doesn't declare (at
// any depth), a missing required property, a value of the wrong shape, a reference to something undefined or to an
// output the resource doesn't have: each is an error. It prints one JSON report on stdout
// ({resources, outputs, errors}) and exits 1 when there are errors.
"use strict";
const fs = require("fs");
const path = require("path");
const YAML = require("yaml");
const schema = require("./schema.js");

const ACCOUNT = "123456789012";
const REGION = "us-east-1";
const PARTITION = "aws";

const errors = [];
const recorded = new Map();
function fail(where, message) { errors.push(`${where}: ${message}`); }

function parseArgs(argv) {
    const options = { config: {}, stack: "dev", project: "sagebuild" };
    const rest = [];
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--config") options.config = JSON.parse(fs.readFileSync(argv[++i], "utf8"));
        else if (argv[i] === "--stack") options.stack = argv[++i];
        else if (argv[i] === "--project") options.project = argv[++i];
        else rest.push(argv[i]);
    }
    if (rest.length !== 1) throw new Error("usage: node construct.js PROGRAM.yaml [--config CONFIG.json] [--stack NAME] [--project NAME]");
    options.program = rest[0];
    return options;
}

const options = parseArgs(process.argv.slice(2));
const text = fs.readFileSync(options.program, "utf8");
const document = YAML.parseDocument(text, { version: "1.2", uniqueKeys: true, prettyErrors: false });
if (document.errors.length > 0) {
    report({ errors: document.errors.map(e => `YAML: ${e.message}`) });
    process.exit(1);
}
const program = document.toJS();
for (const key of Object.keys(program ?? {})) {
    if (!["name", "description", "runtime", "config", "variables", "resources", "outputs"].includes(key)) fail("program", `unknown top-level section '${key}'`);
}

const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
    newResource(args) {
        const state = mockState(args.type, args.name, args.inputs);
        recorded.set(args.name, { name: args.name, type: args.type, inputs: args.inputs, state });
        return { id: state.id, state };
    },
    call(args) {
        switch (args.token) {
            case "aws:index/getPartition:getPartition": return { partition: PARTITION, dnsSuffix: "amazonaws.com", reversedDnsSuffix: "com.amazonaws", id: PARTITION };
            case "aws:index/getRegion:getRegion": return { region: REGION, name: REGION, id: REGION, endpoint: `ec2.${REGION}.amazonaws.com`, description: "US East (N. Virginia)" };
            case "aws:index/getCallerIdentity:getCallerIdentity": return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/sagebuild-test`, id: ACCOUNT, userId: "AIDASAGEBUILDTEST" };
            default: fail("fn::invoke", `the mocks have no answer for ${args.token}`); return {};
        }
    },
}, options.project, options.stack, false);
const aws = require("@pulumi/aws");

process.on("unhandledRejection", e => fail("evaluation", e?.message ?? String(e)));

// ---------------------------------------------------------------------------------------------------------------
// Mocked resource state: the inputs plus the outputs the program reads (ARNs, URLs), derived from the names so a
// test can predict them.
// ---------------------------------------------------------------------------------------------------------------
function mockState(type, logicalName, inputs) {
    const [, modulePath, cls] = type.split(":");
    const module = modulePath.split("/")[0];
    const name = inputs.name ?? inputs.bucket ?? inputs.repositoryName ?? inputs.dashboardName ?? logicalName;
    const state = { ...inputs, id: `${name}` };
    const arn = (service, resource) => `arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}`;
    switch (`${module}:${cls}`) {
        case "s3:Bucket": Object.assign(state, { id: name, bucket: name, arn: `arn:${PARTITION}:s3:::${name}` }); break;
        case "sns:Topic": state.arn = arn("sns", name); state.id = state.arn; break;
        case "iam:Role": state.arn = `arn:${PARTITION}:iam::${ACCOUNT}:role/${name}`; state.uniqueId = "AROASAGEBUILD"; break;
        case "lambda:Function": state.arn = arn("lambda", `function:${name}`); state.invokeArn = `arn:${PARTITION}:apigateway:${REGION}:lambda:path/2015-03-31/functions/${state.arn}/invocations`; break;
        case "lambda:FunctionUrl": state.functionUrl = `https://${inputs.functionName}.lambda-url.${REGION}.on.aws/`; state.id = inputs.functionName; break;
        case "ecr:Repository": Object.assign(state, { arn: arn("ecr", `repository/${name}`), repositoryUrl: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/${name}`, registryId: ACCOUNT }); break;
        case "cloudwatch:LogGroup": state.arn = arn("logs", `log-group:${name}`); break;
        case "cloudwatch:EventRule": state.arn = arn("events", `rule/${name}`); break;
        case "cloudwatch:MetricAlarm": state.arn = arn("cloudwatch", `alarm:${name}`); break;
        case "cloudwatch:Dashboard": state.dashboardArn = `arn:${PARTITION}:cloudwatch::${ACCOUNT}:dashboard/${name}`; break;
        case "sfn:StateMachine": state.arn = arn("states", `stateMachine:${name}`); state.id = state.arn; break;
        case "dynamodb:Table": state.arn = arn("dynamodb", `table/${name}`); break;
        case "codecommit:Repository": Object.assign(state, { arn: arn("codecommit", name), cloneUrlHttp: `https://git-codecommit.${REGION}.amazonaws.com/v1/repos/${name}`, repositoryId: name }); break;
        case "codebuild:Project": state.arn = arn("codebuild", `project/${name}`); break;
        case "ssm:Parameter": state.arn = arn("ssm", `parameter${name.startsWith("/") ? "" : "/"}${name}`); break;
        default: state.arn = arn(module, `${cls.toLowerCase()}/${name}`); break;
    }
    return state;
}

// ---------------------------------------------------------------------------------------------------------------
// Shape checks against the declarations: unknown and missing properties, and the kind of each value.
// ---------------------------------------------------------------------------------------------------------------
function isFunctionCall(v) { return v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1 && Object.keys(v)[0].startsWith("fn::"); }

// What a YAML value will be once evaluated, as far as the program text tells: a literal kind, or "unknown".
function staticKind(v) {
    if (typeof v === "string") {
        const parts = interpolation(v, "");
        if (parts.length === 1 && parts[0].access) return "unknown"; // a substitution keeps the referenced value's type
        return "string";
    }
    if (typeof v === "number") return "number";
    if (typeof v === "boolean") return "boolean";
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) return "array";
    if (isFunctionCall(v)) {
        const fn = Object.keys(v)[0];
        if (fn === "fn::toJSON" || fn === "fn::join" || fn === "fn::toBase64" || fn === "fn::fromBase64" || fn === "fn::readFile") return "string";
        if (fn === "fn::fileArchive" || fn === "fn::assetArchive" || fn === "fn::remoteArchive") return "archive";
        if (fn === "fn::secret") return staticKind(v[fn]);
        return "unknown";
    }
    return "object";
}

function checkValue(where, value, type) {
    const kind = staticKind(value);
    if (kind === "unknown" || type.kind === "any") return true;
    switch (type.kind) {
        case "union": {
            const saved = errors.length;
            for (const alternative of type.of) {
                const trial = errors.length;
                if (checkValue(where, value, alternative)) { errors.length = saved; return true; }
                errors.length = trial;
            }
            errors.length = saved;
            fail(where, `${JSON.stringify(value)} fits none of the declared types`);
            return false;
        }
        case "prim":
            if (kind !== type.name) { fail(where, `expected a ${type.name}, got ${kind} ${JSON.stringify(value)}`); return false; }
            return true;
        case "enum":
            if (kind !== "string" && kind !== "number") { fail(where, `expected an enum value, got ${kind}`); return false; }
            return true;
        case "resource":
            if (kind !== "string") { fail(where, `expected a reference to a ${type.name} (a string), got ${kind}`); return false; }
            return true;
        case "archive": case "asset":
            if (kind !== "archive") { fail(where, `expected fn::fileArchive (a ${type.kind}), got ${kind}`); return false; }
            return true;
        case "array":
            if (kind !== "array") { fail(where, `expected a list, got ${kind}`); return false; }
            return value.every((item, i) => checkValue(`${where}[${i}]`, item, type.item));
        case "map":
            if (kind !== "object") { fail(where, `expected a map, got ${kind}`); return false; }
            return Object.entries(value).every(([k, v]) => checkValue(`${where}.${k}`, v, type.value));
        case "ref": {
            const declared = schema.inputType(type.name);
            if (!declared) return true;
            if (kind !== "object") { fail(where, `expected an object (${type.name}), got ${kind}`); return false; }
            return checkObject(where, value, declared, `inputs.${type.name}`);
        }
        default: return true;
    }
}

function checkObject(where, value, declared, typeName) {
    let ok = true;
    for (const [key, v] of Object.entries(value)) {
        const member = declared.get(key);
        if (!member) { fail(`${where}.${key}`, `unknown property: ${typeName} declares ${[...declared.keys()].sort().join(", ")}`); ok = false; continue; }
        ok = checkValue(`${where}.${key}`, v, member.type) && ok;
    }
    for (const [key, member] of declared) {
        if (!member.optional && !(key in value)) { fail(`${where}.${key}`, `missing required property of ${typeName}`); ok = false; }
    }
    return ok;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation, as Pulumi YAML does it.
// ---------------------------------------------------------------------------------------------------------------
// Pulumi YAML's interpolation: "$$" is a literal "$", "${...}" a property access, anything else literal text.
function interpolation(value, where) {
    const parts = [];
    let literal = "";
    for (let i = 0; i < value.length;) {
        if (value.startsWith("$$", i)) { literal += "$"; i += 2; }
        else if (value.startsWith("${", i)) {
            const end = value.indexOf("}", i + 2);
            if (end < 0) { fail(where, `unterminated \${ in ${JSON.stringify(value)}`); literal += value.slice(i); break; }
            if (literal) parts.push({ text: literal });
            literal = "";
            parts.push({ access: parseAccess(value.slice(i + 2, end), where) });
            i = end + 1;
        } else { literal += value[i]; i++; }
    }
    if (literal) parts.push({ text: literal });
    return parts;
}

function parseAccess(expression, where) {
    const segments = [];
    const re = /^\s*([A-Za-z_][A-Za-z0-9_-]*)|\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/y;
    let m, first = true;
    re.lastIndex = 0;
    while (re.lastIndex < expression.length && (m = re.exec(expression))) {
        if (first && !m[1]) break;
        segments.push(m[1] ?? m[2] ?? (m[3] !== undefined ? Number(m[3]) : JSON.parse(`"${m[4]}"`)));
        first = false;
    }
    if (re.lastIndex !== expression.length || segments.length === 0) fail(where, `'\${${expression}}' is not a property access`);
    return segments;
}

const config = program.config ?? {};
const variables = program.variables ?? {};
const resources = program.resources ?? {};
const evaluatedVariables = new Map();
const constructed = new Map();
const inProgress = new Set();

function lookupRoot(root, where) {
    if (root === "pulumi") return { value: { stack: options.stack, project: options.project, cwd: process.cwd(), organization: "organization" } };
    if (root in config) {
        const fullKey = `${options.project}:${root}`;
        const declaration = config[root] ?? {};
        let value = options.config[fullKey] ?? declaration.default;
        if (value === undefined) { fail(where, `config ${fullKey} is required but not set`); return { value: undefined }; }
        return { value: declaration.secret ? pulumi.secret(value) : value };
    }
    if (root in variables) {
        if (!evaluatedVariables.has(root)) {
            if (inProgress.has(root)) { fail(where, `variable ${root} refers to itself`); return { value: undefined }; }
            inProgress.add(root);
            evaluatedVariables.set(root, evaluate(variables[root], `variables.${root}`));
            inProgress.delete(root);
        }
        return { value: evaluatedVariables.get(root) };
    }
    if (root in resources) return { resource: construct(root) };
    fail(where, `'${root}' is not a config value, variable or resource of the program`);
    return { value: undefined };
}

function access(segments, where) {
    const [root, ...rest] = segments;
    const found = lookupRoot(root, where);
    if (found.resource) {
        if (rest.length === 0) return found.resource;
        const { instance, module, cls } = found.resource;
        if (!instance) return undefined;
        const outputs = schema.resourceOutputs(module, cls);
        if (outputs && !outputs.has(rest[0])) { fail(where, `resource '${root}' (${cls}) has no output '${rest[0]}'`); return undefined; }
        return rest.length === 1 ? instance[rest[0]] : pulumi.output(instance[rest[0]]).apply(v => walk(v, rest.slice(1), where));
    }
    return rest.length === 0 ? found.value : pulumi.output(found.value).apply(v => walk(v, rest, where));
}

function walk(value, path, where) {
    for (const key of path) {
        if (value === null || value === undefined || !(key in Object(value))) { fail(where, `no '${key}' in ${JSON.stringify(value)}`); return undefined; }
        value = value[key];
    }
    return value;
}

function evaluate(value, where) {
    if (typeof value === "string") {
        const parts = interpolation(value, where);
        if (parts.length === 1 && parts[0].access) return access(parts[0].access, where);
        const values = parts.map(p => p.access ? access(p.access, where) : p.text);
        return pulumi.all(values).apply(vs => vs.map((v, i) => {
            if (parts[i].access && !["string", "number", "boolean"].includes(typeof v)) fail(where, `\${${parts[i].access.join(".")}} is ${v === undefined ? "undefined" : typeof v}, not text, so it can't be interpolated`);
            return String(v);
        }).join(""));
    }
    if (Array.isArray(value)) return value.map((v, i) => evaluate(v, `${where}[${i}]`));
    if (value && typeof value === "object") {
        if (isFunctionCall(value)) return call(Object.keys(value)[0], Object.values(value)[0], where);
        for (const key of Object.keys(value)) if (key.startsWith("fn::")) fail(`${where}.${key}`, "a function call must be the object's only key");
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [literalKey(k, where), evaluate(v, `${where}.${k}`)]));
    }
    return value;
}

// Keys are expressions too in Pulumi YAML: "$$" reads as "$"; a key SageBuild prints never holds a reference.
function literalKey(key, where) {
    const parts = interpolation(key, `${where}.${key}`);
    if (parts.some(p => p.access)) { fail(`${where}.${key}`, "a map key holds a reference"); return key; }
    return parts.map(p => p.text).join("");
}

// Go's encoding/json, which Pulumi YAML's fn::toJSON uses: map keys sorted.
function goJson(value) {
    if (Array.isArray(value)) return `[${value.map(goJson).join(",")}]`;
    if (value && typeof value === "object") return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${goJson(value[k])}`).join(",")}}`;
    return JSON.stringify(value);
}

function call(fn, argument, where) {
    switch (fn) {
        case "fn::toJSON": return pulumi.output(evaluate(argument, `${where}.fn::toJSON`)).apply(goJson);
        case "fn::secret": return pulumi.secret(evaluate(argument, `${where}.fn::secret`));
        case "fn::fileArchive": {
            if (typeof argument !== "string" || path.isAbsolute(argument) || argument.split(/[\\/]/).includes("..")) fail(where, `fn::fileArchive needs a path inside the project directory, not ${JSON.stringify(argument)}`);
            return new pulumi.asset.FileArchive(String(argument));
        }
        case "fn::invoke": return invoke(argument, where);
        default: fail(where, `${fn} is not supported by this harness`); return undefined;
    }
}

function invoke(spec, where) {
    for (const key of Object.keys(spec ?? {})) if (!["function", "arguments", "return", "options"].includes(key)) fail(where, `fn::invoke has no '${key}'`);
    const token = spec?.function ?? "";
    const parts = token.split(":");
    const [module, name] = parts.length === 2 ? ["index", parts[1]] : [parts[1], parts[2]];
    if (parts[0] !== "aws" || !name) { fail(where, `'${token}' is not an aws function token`); return undefined; }
    const target = module === "index" ? aws[name] : aws[module]?.[name];
    if (typeof target !== "function") { fail(where, `@pulumi/aws has no function ${token}`); return undefined; }
    const declaredArgs = schema.functionArgs(module, name);
    const args = spec.arguments ?? {};
    if (declaredArgs) checkObject(`${where}.arguments`, args, declaredArgs, `${name} arguments`);
    const result = schema.functionResult(module, name);
    if (spec.return && result && !result.has(spec.return)) fail(where, `${token} returns no '${spec.return}'; it returns ${[...result.keys()].join(", ")}`);
    const output = pulumi.output(target(evaluate(args, `${where}.arguments`)));
    return spec.return ? output.apply(r => r[spec.return]) : output;
}

const OPTIONS = new Set(["dependsOn", "ignoreChanges", "protect", "retainOnDelete", "deleteBeforeReplace", "additionalSecretOutputs", "aliases", "customTimeouts", "import", "parent", "provider", "providers", "version", "pluginDownloadURL", "replaceOnChanges", "deletedWith"]);

function construct(logicalName) {
    if (constructed.has(logicalName)) return constructed.get(logicalName);
    const where = `resources.${logicalName}`;
    const declaration = resources[logicalName];
    const entry = { instance: undefined, module: undefined, cls: undefined };
    constructed.set(logicalName, entry);
    if (inProgress.has(logicalName)) { fail(where, "refers to itself"); return entry; }
    inProgress.add(logicalName);
    try {
        for (const key of Object.keys(declaration ?? {})) if (!["type", "properties", "options", "defaultProvider", "get"].includes(key)) fail(where, `unknown resource key '${key}'`);
        const token = declaration?.type ?? "";
        const m = /^aws:([a-z0-9]+):([A-Z][A-Za-z0-9]*)$/.exec(token);
        if (!m) { fail(where, `'${token}' is not an aws resource type token such as aws:s3:Bucket`); return entry; }
        const [, module, cls] = m;
        const Resource = aws[module]?.[cls];
        const expected = `aws:${module}/${cls[0].toLowerCase()}${cls.slice(1)}:${cls}`;
        if (typeof Resource !== "function" || Resource.__pulumiType !== expected) { fail(where, `unknown resource type ${token} (no ${expected} in @pulumi/aws)`); return entry; }
        entry.module = module; entry.cls = cls;
        const properties = declaration.properties ?? {};
        const declared = schema.resourceArgs(module, cls);
        if (declared) checkObject(`${where}.properties`, properties, declared, `${cls}Args`);
        else fail(where, `no ${cls}Args declaration found for ${token}`);

        const opts = {};
        for (const [key, value] of Object.entries(declaration.options ?? {})) {
            if (!OPTIONS.has(key)) { fail(`${where}.options.${key}`, "unknown resource option"); continue; }
            if (key === "dependsOn") {
                opts.dependsOn = (Array.isArray(value) ? value : [value]).map((d, i) => {
                    const parts = interpolation(String(d), `${where}.options.dependsOn[${i}]`);
                    if (parts.length !== 1 || !parts[0].access || parts[0].access.length !== 1) { fail(`${where}.options.dependsOn[${i}]`, `expected \${resource}, got ${JSON.stringify(d)}`); return undefined; }
                    return lookupRoot(parts[0].access[0], `${where}.options.dependsOn[${i}]`).resource?.instance;
                }).filter(Boolean);
            } else if (key === "ignoreChanges") {
                for (const property of value) if (declared && !declared.has(String(property).split(/[.[]/)[0])) fail(`${where}.options.ignoreChanges`, `'${property}' is not a property of ${cls}`);
                opts.ignoreChanges = value;
            } else {
                opts[key] = value;
            }
        }
        const props = evaluate(properties, `${where}.properties`);
        try {
            entry.instance = new Resource(logicalName, props, opts);
        } catch (e) {
            fail(where, e.message);
        }
        return entry;
    } finally {
        inProgress.delete(logicalName);
    }
}

function settle(value) {
    return new Promise(resolve => pulumi.output(value).apply(v => { resolve(v); return v; }));
}

function report(result) {
    process.stdout.write(JSON.stringify({ resources: result.resources ?? [], outputs: result.outputs ?? {}, errors: result.errors ?? errors }, null, 2) + "\n");
}

(async () => {
    for (const name of Object.keys(variables)) lookupRoot(name, `variables.${name}`);
    for (const name of Object.keys(resources)) construct(name);
    const outputs = {};
    for (const [name, value] of Object.entries(program.outputs ?? {})) outputs[name] = evaluate(value, `outputs.${name}`);
    const settledOutputs = {};
    for (const [name, value] of Object.entries(outputs)) settledOutputs[name] = await settle(value);
    await Promise.all([...constructed.values()].filter(e => e.instance).map(e => settle(e.instance.urn)));
    // Let the mock monitor finish registering (each registration resolves on the next turns of the event loop).
    await new Promise(resolve => setTimeout(resolve, 50));
    const missing = Object.keys(resources).filter(n => !recorded.has(n));
    for (const name of missing) fail(`resources.${name}`, "was never registered with the mock runtime");
    report({ resources: [...recorded.values()], outputs: settledOutputs, errors });
    process.exitCode = errors.length > 0 ? 1 : 0;
})().catch(e => {
    fail("harness", e.stack ?? String(e));
    report({ errors });
    process.exitCode = 1;
});
