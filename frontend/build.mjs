// Bundles the browser UI into the runtime package (runtime/src/specblocks/frontend/).
// `node build.mjs --check` builds into memory and fails when the committed bundle differs.
import { build } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, "..", "runtime", "src", "specblocks", "frontend");
const check = process.argv.includes("--check");

// `import "elements:all"` imports every element module, in a stable order, so adding an
// element is adding a file.
const elements = {
  name: "elements",
  setup(b) {
    b.onResolve({ filter: /^elements:all$/ }, () => ({ path: "elements:all", namespace: "elements" }));
    b.onLoad({ filter: /.*/, namespace: "elements" }, () => {
      const lines = [];
      for (const dir of ["layouts", "components"]) {
        for (const name of readdirSync(join(here, "src", dir)).sort()) {
          if (name.endsWith(".ts") && !name.endsWith(".d.ts")) lines.push(`import "./${dir}/${name.slice(0, -3)}";`);
        }
      }
      return { contents: lines.join("\n"), resolveDir: join(here, "src"), loader: "ts" };
    });
  },
};

const result = await build({
  entryPoints: { app: join(here, "src", "main.ts") },
  bundle: true,
  format: "esm",
  platform: "browser",
  target: ["chrome110", "firefox110", "safari16"],
  minify: true,
  legalComments: "none",
  charset: "utf8",
  outdir,
  write: !check,
  logLevel: "warning",
  // The Node-only modules @gradio/client imports lazily are never reached in a browser.
  external: ["fs", "path", "node:*"],
  // The default theme's fonts (app.css imports them) are files next to the bundle.
  loader: { ".woff2": "file", ".woff": "file" },
  assetNames: "[name]",
  plugins: [elements],
});

// The fonts' licence (SIL Open Font License) travels with them.
const licences = ["source-sans-pro", "ibm-plex-mono"].map((name) => ({
  path: join(outdir, `${name}-LICENSE.txt`),
  contents: readFileSync(join(here, "node_modules", "@fontsource", name, "LICENSE")),
}));
if (!check) for (const file of licences) writeFileSync(file.path, file.contents);
else result.outputFiles.push(...licences);

if (check) {
  const stale = result.outputFiles.filter((file) => {
    let committed;
    try {
      committed = readFileSync(file.path);
    } catch {
      return true;
    }
    return !Buffer.from(file.contents).equals(committed);
  });
  if (stale.length > 0) {
    for (const file of stale) console.error(`out of date: ${file.path.slice(join(here, "..").length + 1)}`);
    console.error("Rebuild with `nox -s frontend`.");
    process.exit(1);
  }
  console.log(`${result.outputFiles.length} bundle files up to date`);
}
