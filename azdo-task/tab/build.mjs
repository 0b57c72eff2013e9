// Builds the tab into dist/: results-tab.html, results-tab.js (the bundle of src/ and its npm dependencies),
// results-tab.css, and the shared findings view (findings-view.js/.css) copied from the directory given
// with --findings-view (the Maven build passes the engine's build output).
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const FINDINGS_VIEW_FILES = ["findings-view.js", "findings-view.css"];

function findingsViewDirectory(args) {
  const at = args.indexOf("--findings-view");
  if (at < 0 || !args[at + 1]) {
    throw new Error("usage: node build.mjs --findings-view <directory with findings-view.js and findings-view.css>");
  }
  const directory = resolve(args[at + 1]);
  for (const file of FINDINGS_VIEW_FILES) {
    if (!existsSync(join(directory, file))) {
      throw new Error(`the findings view is missing: ${join(directory, file)} does not exist (build shared-engine first)`);
    }
  }
  return directory;
}

async function main() {
  const findingsView = findingsViewDirectory(process.argv.slice(2));
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  await build({
    entryPoints: [join(here, "src", "results-tab.js")],
    outfile: join(dist, "results-tab.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    minify: true,
    legalComments: "eof",
    logLevel: "warning",
  });
  for (const file of ["results-tab.html", "results-tab.css"]) {
    copyFileSync(join(here, "src", file), join(dist, file));
  }
  for (const file of FINDINGS_VIEW_FILES) {
    copyFileSync(join(findingsView, file), join(dist, file));
  }
}

main().catch((error) => {
  console.error(`tab build failed: ${error.message}`);
  process.exit(1);
});
