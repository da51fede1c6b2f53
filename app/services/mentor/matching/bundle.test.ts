/**
 * The Remix server build bundles this engine into build/index.js, so nothing may depend on a file
 * path beside the source at run time. Bundles the engine the way the server build does (esbuild,
 * one ESM file, packages left external) into .cache/, and runs the worker solve from the bundle in
 * a separate Node process.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { realisticPool } from "./fixtures";
import { proposeMatching } from "./index";

const ROOT = path.resolve(import.meta.dirname, "../../../..");

describe("the engine inside a server bundle", () => {
  it("solves in its worker thread from the bundled file", async () => {
    fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
    const outDir = fs.mkdtempSync(path.join(ROOT, ".cache", "matching-bundle-"));
    try {
      const outfile = path.join(outDir, "index.js");
      await build({ entryPoints: [path.join(import.meta.dirname, "index.ts")], bundle: true, platform: "node", format: "esm", packages: "external", outfile, logLevel: "silent" });
      fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify({ type: "module" }));
      const input = realisticPool(5, 80, 30);
      const script = `import(${JSON.stringify(outfile)}).then(async (m) => { const p = await m.proposeMatching(JSON.parse(process.argv[1]), { thread: "worker" }); process.stdout.write(JSON.stringify(p)); });`;
      const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(input)], { cwd: outDir, encoding: "utf8", timeout: 60_000 });
      expect(run.stderr).toBe("");
      expect(JSON.parse(run.stdout)).toEqual(await proposeMatching(input, { thread: "inline" }));
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  }, 60_000);
});
