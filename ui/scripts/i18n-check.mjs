#!/usr/bin/env node
// Fails (exit 1) when:
//  - a locale misses a key that another locale has, or has an extra one;
//  - a message is empty, or its {placeholders} differ between locales;
//  - the code uses a key ("namespace.name" string literal) that is not in the locales;
//  - a key in the locales is used nowhere in the code.
// Keys are flat, dotted strings; the code always writes them as literals (mapping tables such as
// FIELD_KEYS included), which is what makes this check possible.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const localeDir = join(root, "src", "lib", "i18n");
const LOCALES = ["en", "zh-CN"];

const problems = [];
const catalogs = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(join(localeDir, `${locale}.json`), "utf8")),
  ]),
);

const placeholders = (text) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .sort()
    .join(",");

const allKeys = new Set(LOCALES.flatMap((locale) => Object.keys(catalogs[locale])));
for (const key of allKeys) {
  for (const locale of LOCALES) {
    const value = catalogs[locale][key];
    if (value === undefined) problems.push(`${locale}: missing key "${key}"`);
    else if (typeof value !== "string" || value.trim() === "")
      problems.push(`${locale}: "${key}" must be a non-empty string`);
  }
  const shapes = new Set(
    LOCALES.filter((l) => typeof catalogs[l][key] === "string").map((l) =>
      placeholders(catalogs[l][key]),
    ),
  );
  if (shapes.size > 1) problems.push(`"${key}": placeholders differ between locales`);
}

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (path !== localeDir) yield* sourceFiles(path);
    } else if (/\.(ts|svelte)$/.test(name) && !/\.test\.ts$/.test(name)) {
      yield path;
    }
  }
}

const namespaces = new Set([...allKeys].map((key) => key.split(".")[0]));
const used = new Map();
const literal = /(["'`])([A-Za-z][\w-]*(?:\.[\w-]+)+)\1/g;
for (const file of sourceFiles(join(root, "src"))) {
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(literal)) {
    const key = match[2];
    if (!namespaces.has(key.split(".")[0])) continue;
    if (!used.has(key)) used.set(key, relative(root, file));
  }
}

for (const [key, file] of used) {
  if (!allKeys.has(key)) problems.push(`${file}: uses "${key}", which is in no locale`);
}
for (const key of allKeys) {
  if (!used.has(key)) problems.push(`"${key}" is in the locales but used nowhere in src/`);
}

if (problems.length > 0) {
  console.error(`i18n check failed (${problems.length}):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `i18n check passed: ${allKeys.size} keys in ${LOCALES.join(", ")}, all used and defined.`,
);
