// Reads the input shapes of @pulumi/aws from its TypeScript declarations: each resource's <Name>Args interface,
// each function's Args/Result interfaces and the nested input types of types/input.d.ts. The declarations are the
// provider's own contract, so a property that is not declared there is unknown to the provider too.
"use strict";
const fs = require("fs");
const path = require("path");

const awsRoot = path.dirname(require.resolve("@pulumi/aws/package.json"));

function stripComments(text) {
    return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/[^\n]*/g, "");
}

// Every interface of a declaration file, keyed by its namespace path and name ("s3.BucketCorsRule", "BucketArgs").
function interfaces(file) {
    const text = stripComments(fs.readFileSync(file, "utf8"));
    const found = new Map();
    const stack = [];
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "{") {
            const before = text.slice(Math.max(0, i - 300), i);
            let m;
            if ((m = /namespace\s+([A-Za-z0-9_]+)\s*$/.exec(before))) stack.push({ kind: "ns", name: m[1] });
            else if ((m = /interface\s+([A-Za-z0-9_]+)(?:<[^{]*>)?(?:\s+extends\s+[^{]+)?\s*$/.exec(before))) stack.push({ kind: "iface", name: m[1], start: i + 1 });
            else stack.push({ kind: "other" });
        } else if (c === "}") {
            const top = stack.pop();
            if (top && top.kind === "iface" && !stack.some(s => s.kind !== "ns")) {
                const key = [...stack.map(s => s.name), top.name].join(".");
                found.set(key, members(text.slice(top.start, i)));
            }
        }
    }
    return found;
}

// The members of an interface body: name -> { optional, type }.
function members(body) {
    const result = new Map();
    let depth = 0, start = 0;
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c === "=" && body[i + 1] === ">") { i++; continue; }
        if ("{<([".includes(c)) depth++;
        else if ("}>)]".includes(c)) depth--;
        else if (c === ";" && depth === 0) {
            add(body.slice(start, i));
            start = i + 1;
        }
    }
    add(body.slice(start));
    return result;

    function add(member) {
        const m = /^\s*(?:readonly\s+)?([A-Za-z_$][A-Za-z0-9_$]*|"[^"]+")(\?)?\s*:\s*([\s\S]+?)\s*$/.exec(member);
        if (m) result.set(m[1].replace(/"/g, ""), { optional: !!m[2], type: parseType(m[3]) });
    }
}

// Splits text at top-level occurrences of a separator character.
function splitTop(text, separator) {
    const parts = [];
    let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "=" && text[i + 1] === ">") { i++; continue; }
        if ("{<([".includes(c)) depth++;
        else if ("}>)]".includes(c)) depth--;
        else if (c === separator && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
    }
    parts.push(text.slice(start));
    return parts.map(p => p.trim()).filter(p => p.length > 0);
}

// A TypeScript type as a small shape: prim, array, map, ref (a nested input type), archive, asset, any, union.
function parseType(text) {
    text = text.trim();
    const alternatives = splitTop(text, "|").filter(a => a !== "undefined" && a !== "null");
    if (alternatives.length > 1) return { kind: "union", of: alternatives.map(parseType) };
    text = alternatives[0] ?? "any";
    if (text.startsWith("(") && text.endsWith(")")) return parseType(text.slice(1, -1));
    if (text.endsWith("[]") && splitTop(text.slice(0, -2), "|").length >= 1 && balanced(text.slice(0, -2))) return { kind: "array", item: parseType(text.slice(0, -2)) };
    let m;
    if ((m = /^pulumi\.Input<([\s\S]*)>$/.exec(text)) && balanced(m[1])) return parseType(m[1]);
    if ((m = /^\{\s*\[[A-Za-z]+\s*:\s*string\]\s*:\s*([\s\S]*?);?\s*\}$/.exec(text))) return { kind: "map", value: parseType(m[1]) };
    if (text === "string" || text === "number" || text === "boolean") return { kind: "prim", name: text };
    if ((m = /^inputs\.([A-Za-z0-9_.]+)$/.exec(text))) return { kind: "ref", name: m[1] };
    if (/^enums\./.test(text)) return { kind: "enum" };
    if (/^pulumi\.asset\.(Archive|AssetArchive)$/.test(text)) return { kind: "archive" };
    if (/^pulumi\.asset\.Asset/.test(text)) return { kind: "asset" };
    if (/^[A-Z][A-Za-z0-9]*$/.test(text)) return { kind: "resource", name: text };
    return { kind: "any", text };
}

function balanced(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "=" && text[i + 1] === ">") { i++; continue; }
        if ("{<([".includes(c)) depth++;
        else if ("}>)]".includes(c)) { depth--; if (depth < 0) return false; }
    }
    return depth === 0;
}

let inputTypes;
function inputType(name) {
    inputTypes ??= interfaces(path.join(awsRoot, "types", "input.d.ts"));
    return inputTypes.get(name);
}

function lowerFirst(s) { return s[0].toLowerCase() + s.slice(1); }

// The declaration file of a module member ("s3", "Bucket") or of a top-level function ("index", "getRegion").
function declarationFile(module, member) {
    const dir = module === "index" ? awsRoot : path.join(awsRoot, module);
    return path.join(dir, lowerFirst(member) + ".d.ts");
}

const cache = new Map();
function declared(module, member) {
    const file = declarationFile(module, member);
    if (!cache.has(file)) cache.set(file, fs.existsSync(file) ? interfaces(file) : null);
    return cache.get(file);
}

module.exports = {
    awsRoot,
    resourceArgs(module, name) { return declared(module, name)?.get(name + "Args"); },
    functionArgs(module, name) { return declared(module, name)?.get(name[0].toUpperCase() + name.slice(1) + "Args"); },
    functionResult(module, name) { return declared(module, name)?.get(name[0].toUpperCase() + name.slice(1) + "Result"); },
    resourceOutputs(module, name) {
        // Output properties are the class's "readonly x: pulumi.Output<...>" members.
        const file = declarationFile(module, name);
        if (!fs.existsSync(file)) return null;
        const text = stripComments(fs.readFileSync(file, "utf8"));
        const cls = new RegExp(`export declare class ${name} extends[^{]*\\{`).exec(text);
        if (!cls) return null;
        const names = new Set();
        const body = text.slice(cls.index + cls[0].length);
        for (const m of body.matchAll(/readonly\s+([A-Za-z0-9_]+)!?\s*:\s*pulumi\.Output</g)) names.add(m[1]);
        names.add("id"); names.add("urn");
        return names;
    },
    inputType,
    parseType,
};
