// Drives the contract sample app with the official JS client (@gradio/client 2.7.0).
//
//   node scenarios.mjs <url> <scenario>
//
// Prints ONE line: a JSON object of what the client observed (test_js_client.py asserts on
// it). Errors the client raises are part of the observations; anything unexpected exits 1.

import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, handle_file } from "@gradio/client";

const [url, scenario] = process.argv.slice(2);
const AUTH = ["u", "p"];
const QUEUE_MAX_SIZE = 2;
// A 5x3 red RGB PNG.
const PNG = Buffer.from(
	"iVBORw0KGgoAAAANSUhEUgAAAAUAAAADCAIAAADUVFKvAAAAEElEQVR4nGP4z8CAjBgI8AF1yA7yBqYM2wAAAABJRU5ErkJggg==",
	"base64"
);
const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Open a client; by default it reports data and status events. */
function connect(options = {}) {
	return Client.connect(url, { events: ["data", "status"], ...options });
}

/** The error a promise rejects with, as plain data (null when it resolves). */
async function rejection(promise) {
	try {
		await promise;
		return null;
	} catch (error) {
		return { message: String(error?.message ?? error), title: error?.title ?? null };
	}
}

/** Consume a submission in the background: every event, and a promise of the last one. */
function track(job) {
	const events = [];
	const done = (async () => {
		for await (const event of job) {
			events.push(event);
			if (event.type === "status" && ["complete", "error"].includes(event.stage)) break;
		}
		return events.at(-1);
	})();
	return { events, done };
}

/** Wait until `check()` holds (polling), at most `ms` milliseconds. */
async function until(check, what, ms = 15000) {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(20);
	}
}

const started = (tracked) =>
	tracked.events.some((e) => e.type === "status" && e.original_msg === "process_starts");
const queued = (tracked) =>
	tracked.events.some(
		(e) => e.type === "status" && e.stage === "pending" && e.original_msg !== "process_starts"
	);

const scenarios = {
	// The sample-media app: an Image endpoint called with its own API example, by URL.
	async sample_example() {
		const client = await connect();
		const info = await client.view_api();
		const example = info.named_endpoints["/files_0"].parameters[0].example_input;
		const result = await client.predict("/files_0", [handle_file(example.url)]);
		return { example, received: result.data[0] };
	},

	// A ChatInterface's endpoint (the chat contract app): a reply, and a streamed one.
	async chat() {
		const client = await connect();
		const first = await client.predict("/chat", { message: "hello" });
		const remembered = await client.predict("/chat", { message: "history" });
		const streamed = [];
		for await (const event of client.submit("/stream_chat", ["abc"])) {
			if (event.type === "data") streamed.push(event.data[0]);
			if (event.type === "status" && ["complete", "error"].includes(event.stage)) break;
		}
		return { first: first.data, remembered: remembered.data, streamed };
	},


	// Many calls at once from one client (the delivery tests' echo app): every result checked.
	async burst() {
		const jobs = Number(process.env.BURST_JOBS ?? 400);
		const client = await connect({ events: ["data"] });
		const settled = await Promise.allSettled(
			Array.from({ length: jobs }, (_, i) => client.predict("/echo", [`job-${i}`]))
		);
		const errors = settled
			.filter((outcome) => outcome.status === "rejected")
			.map((outcome) => String(outcome.reason?.message ?? outcome.reason));
		const wrong = settled
			.map((outcome, i) => (outcome.status === "fulfilled" && outcome.value.data[0] !== `job-${i}` ? i : -1))
			.filter((i) => i >= 0);
		return { jobs, ok: jobs - errors.length - wrong.length, wrong, errors: errors.slice(0, 5) };
	},


	async view_api() {
		const client = await connect();
		const api = await client.view_api();
		const named = api.named_endpoints;
		const params = (name) =>
			named[name].parameters.map((p) => ({
				name: p.parameter_name,
				has_default: p.parameter_has_default,
				default: p.parameter_default ?? null,
				component: p.component,
				type: p.type,
			}));
		return {
			named: Object.keys(named).sort(),
			unnamed: Object.keys(api.unnamed_endpoints),
			multi: params("/multi"),
			multi_returns: named["/multi"].returns.map((r) => r.label),
			counter: params("/counter"),
			stream_generator: named["/stream"].type?.generator ?? null,
			greet_generator: named["/greet"].type?.generator ?? null,
		};
	},

	async predict() {
		const client = await connect();
		const positional = await client.predict("/greet", ["JS"]);
		const keyword = await client.predict("/multi", { text: "k", n: 2, flag: false, choice: "c" });
		const defaults = await client.predict("/multi", { text: "z" });
		const by_name = await client.predict("/greet", { name: "kw" });
		return {
			positional: positional.data,
			keyword: keyword.data,
			defaults: defaults.data,
			by_name: by_name.data,
		};
	},

	async stream() {
		const client = await connect();
		const events = [];
		for await (const event of client.submit("/stream", [4, 0.05])) {
			events.push(event);
			if (event.type === "status" && ["complete", "error"].includes(event.stage)) break;
		}
		return {
			data: events.filter((e) => e.type === "data").map((e) => e.data),
			stages: events.filter((e) => e.type === "status").map((e) => e.stage),
			endpoints: [...new Set(events.map((e) => e.endpoint))],
		};
	},

	async state() {
		const client = await connect();
		const other = await connect();
		const calls = [];
		calls.push((await client.predict("/counter", ["a"])).data);
		calls.push((await client.predict("/counter", ["b"])).data);
		calls.push((await other.predict("/counter", ["o"])).data);
		calls.push((await client.predict("/counter", { x: "c" })).data);
		return { calls, distinct_sessions: client.session_hash !== other.session_hash };
	},

	async files() {
		const client = await connect();
		const text = Buffer.from("js contract file \u0000\u0001 bytes\n");
		const dir = mkdtempSync(join(tmpdir(), "contract-js-"));
		const imagePath = join(dir, "red.png");
		writeFileSync(imagePath, PNG);
		try {
			const result = await client.predict("/files", [
				handle_file(text),
				handle_file(imagePath),
			]);
			const [fileOut, imageOut] = result.data;
			const fetched = [];
			for (const out of [fileOut, imageOut]) {
				const response = await fetch(out.url);
				const bytes = Buffer.from(await response.arrayBuffer());
				fetched.push({
					status: response.status,
					sha256: sha256(bytes),
					size: bytes.length,
					head: bytes.subarray(0, 32).toString("base64"),
				});
			}
			return {
				outputs: [fileOut, imageOut],
				fetched,
				expected: [
					{ sha256: sha256(text), size: text.length },
					{ sha256: sha256(PNG), size: PNG.length },
				],
			};
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	},

	async errors() {
		const client = await connect();
		return {
			fail: await rejection(client.predict("/fail", ["x"])),
			crash: await rejection(client.predict("/crash", ["x"])),
			after: (await client.predict("/greet", ["still fine"])).data,
		};
	},

	async auth() {
		const client = await connect({ auth: AUTH });
		return {
			greet: (await client.predict("/greet", ["A"])).data,
			wrong: await rejection(connect({ auth: [AUTH[0], "wrong"] })),
			missing: await rejection(connect()),
		};
	},

	async queue_full() {
		const client = await connect();
		const busy = track(client.submit("/slow", ["busy", 1.0]));
		await until(() => started(busy), "the busy job to start");
		const waiting = [];
		for (let i = 0; i < QUEUE_MAX_SIZE; i++) {
			waiting.push(track(client.submit("/slow", [`w${i}`, 0.05])));
		}
		await until(() => waiting.every(queued), "the queue to fill");
		const rejected = await rejection(client.predict("/slow", ["one too many", 0.05]));
		const last = await Promise.all([busy, ...waiting].map((t) => t.done));
		const data = [busy, ...waiting].map(
			(t) => t.events.filter((e) => e.type === "data").at(-1)?.data ?? null
		);
		return { rejected, stages: last.map((e) => e?.stage ?? null), data };
	},
};

const run = scenarios[scenario];
if (!url || !run) {
	console.error(`usage: node scenarios.mjs <url> <${Object.keys(scenarios).join("|")}>`);
	process.exit(2);
}
try {
	const observed = await run();
	process.stdout.write(JSON.stringify(observed) + "\n");
	process.exit(0); // the clients keep heartbeat streams open
} catch (error) {
	console.error(error?.stack ?? String(error));
	process.exit(1);
}
