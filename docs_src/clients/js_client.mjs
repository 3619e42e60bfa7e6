// Call a running app from JavaScript or TypeScript with the official @gradio/client
// (npm install @gradio/client). Run: node js_client.mjs http://127.0.0.1:7860/
import { Client } from "@gradio/client";

const url = process.argv[2] ?? "http://127.0.0.1:7860/";
const client = await Client.connect(url, { events: ["data", "status"] });

// Named parameters; the ones left out take their defaults from the app's API info.
const greeting = await client.predict("/greet", { name: "World" });
console.log(greeting.data[0]); // Hello World!

// submit() streams: each "data" message carries the latest value, a status message the end.
const job = client.submit("/spell", { word: "queue" });
for await (const message of job) {
  if (message.type === "data") console.log(message.data[0]); // q, qu, que, …
  if (message.type === "status" && ["complete", "error"].includes(message.stage)) break;
}

client.close();
process.exit(0); // the client keeps a heartbeat stream open, which would keep Node running
