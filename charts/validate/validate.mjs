// Validates the chart where no helm binary exists. Two checks, each printing one JSON line:
//   node validate.mjs values  SCHEMA VALUES.yaml [OVERRIDE.yaml ...]  -> ajv: the merged values against values.schema.json
//   node validate.mjs manifests RENDERED.yaml                         -> kubernetes-models: each document against the
//                                                                        Kubernetes OpenAPI schema of its apiVersion/kind
//   node validate.mjs json RENDERED.yaml                              -> the documents as one JSON array (for assertions)
// Exit code 0 when valid, 1 when not (the errors are in the JSON), 2 on a usage error.
import { readFileSync } from "node:fs";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parseAllDocuments, parse } from "yaml";

const [mode, ...args] = process.argv.slice(2);

// Helm merges -f files over values.yaml: maps key by key, anything else replaced.
function merge(a, b) {
  const out = { ...a };
  for (const [key, value] of Object.entries(b ?? {})) {
    const isMap = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    out[key] = isMap(value) && isMap(out[key]) ? merge(out[key], value) : value;
  }
  return out;
}

async function validateValues([schemaPath, ...valueFiles]) {
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  const values = valueFiles.map((f) => parse(readFileSync(f, "utf8")) ?? {}).reduce(merge, {});
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const valid = validate(values);
  return {
    valid,
    errors: (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ""}`),
  };
}

async function validateManifests([renderedPath]) {
  const documents = parseAllDocuments(readFileSync(renderedPath, "utf8"));
  const results = [];
  for (const document of documents) {
    if (document.errors.length) {
      results.push({ kind: "?", name: "?", valid: false, errors: document.errors.map((e) => e.message) });
      continue;
    }
    const object = document.toJSON();
    if (!object) continue;
    const { apiVersion, kind } = object;
    const name = object.metadata?.name ?? "?";
    let model;
    try {
      model = (await import(`kubernetes-models/${apiVersion}/${kind}`))[kind];
    } catch (error) {
      results.push({ apiVersion, kind, name, valid: false, errors: [`no Kubernetes schema for ${apiVersion}/${kind}`] });
      continue;
    }
    try {
      new model(object).validate();
      results.push({ apiVersion, kind, name, valid: true, errors: [] });
    } catch (error) {
      results.push({ apiVersion, kind, name, valid: false, errors: [error.message] });
    }
  }
  return { valid: results.length > 0 && results.every((r) => r.valid), documents: results };
}

async function toJson([renderedPath]) {
  const documents = parseAllDocuments(readFileSync(renderedPath, "utf8")).map((d) => d.toJSON()).filter(Boolean);
  return { valid: true, documents };
}

const checks = { values: validateValues, manifests: validateManifests, json: toJson };
if (!checks[mode]) {
  console.error("usage: node validate.mjs values SCHEMA VALUES... | manifests RENDERED | json RENDERED");
  process.exit(2);
}
const result = await checks[mode](args);
console.log(JSON.stringify(result));
process.exit(result.valid ? 0 : 1);
