// Builds the extension and its tests with esbuild. tsc only type-checks
// (tsconfig.json has noEmit): `npm run compile` runs both.
//
// out/extension.js is the whole extension in one file, vscode-languageclient
// included, so the .vsix ships no node_modules; `vscode` is the editor's own
// module and stays external. out/test/*.test.js are the unit tests of the
// pure logic (src/server.ts), for `node --test out/test/` without VS Code.
// --production (vsce package runs it through vscode:prepublish) minifies
// and leaves the source maps out.
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";

const production = process.argv.includes("--production");

// A fresh out/ each time, so no stale file (a source map, a removed test)
// is packaged or run.
rmSync("out", { recursive: true, force: true });

const common = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  logLevel: "warning",
};

await build({
  ...common,
  entryPoints: ["src/extension.ts"],
  outfile: "out/extension.js",
  external: ["vscode"],
  minify: production,
  sourcemap: !production,
});

await build({
  ...common,
  entryPoints: readdirSync("src/test")
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => `src/test/${f}`),
  outdir: "out/test",
  sourcemap: true,
});
