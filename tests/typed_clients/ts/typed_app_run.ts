// Drives the generated TypeScript client of the sample app (tests/typed_clients/apps/typed_app.py).
// Compiled with `tsc --strict` next to typed_app.gen.ts, then run as
// `node typed_app_run.js <url> calls|check`; prints one JSON line that test_typed_ts.py checks.
// The annotations below are part of the test: they only compile if the generated types fit.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { handle_file } from "@gradio/client";

import { ApiMismatchError, TypedAppClient } from "./typed_app.gen.js";
import type {
  ClassifyResponse,
  FilesResponse,
  LabelData,
  MultiRequest,
  MultiResponse,
} from "./typed_app.gen.js";

async function calls(client: TypedAppClient): Promise<Record<string, unknown>> {
  await client.checkApi();
  const greet: string = await client.greet({ name: "TS" });
  const request: MultiRequest = { text: "t", n: 2.5, flag: false, choice: "c" };
  const [combined, double]: MultiResponse = await client.multi(request);
  const defaults: MultiResponse = await client.multi();
  const tags: string = await client.tags({ picked: ["y", "z"] });
  const counter = [await client.counter({ x: "a" }), await client.counter({ x: "b" })];
  const folder = mkdtempSync(join(tmpdir(), "typed-client-"));
  const sample = join(folder, "hello.txt");
  writeFileSync(sample, "hello world");
  const [fileOut, size]: FilesResponse = await client.files({ f: handle_file(sample) });
  const fetched = await fetch(fileOut.url ?? "");
  const label: ClassifyResponse = await client.classify({ text: "hi" });
  const confidences: LabelData["confidences"] = label.confidences;
  const streamed: string = await client.stream({ text: "one two three" });
  return {
    greet,
    multi: [combined, double],
    types: [typeof combined, typeof double, typeof size, typeof fileOut.path],
    defaults,
    tags,
    counter,
    file: { size, status: fetched.status, text: await fetched.text() },
    label: label.label,
    confidences: (confidences ?? []).map((c) => [c.label, c.confidence]),
    streamed,
  };
}

async function check(client: TypedAppClient): Promise<Record<string, unknown>> {
  try {
    await client.checkApi();
    return { problems: [] };
  } catch (error) {
    if (error instanceof ApiMismatchError) {
      return { problems: error.problems, message: error.message };
    }
    throw error;
  }
}

const [url, mode] = process.argv.slice(2);
const client = await TypedAppClient.connect(url);
try {
  const observed = mode === "check" ? await check(client) : await calls(client);
  process.stdout.write(JSON.stringify(observed) + "\n");
} finally {
  client.close();
}
process.exit(0); // the JS client keeps its heartbeat stream open
