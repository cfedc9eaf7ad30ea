// Unit tests of src/server.ts, without VS Code: npm test (or, once
// compiled, node --test out/test/).

import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { test } from "node:test";
import { Configuration, Environment, Settings, defaults, isExecutableFile, readSettings, resolveServer } from "../server";

function config(values: Record<string, unknown>): Configuration {
  return {
    get<T>(section: string, defaultValue: T): T {
      return (section in values ? values[section] : defaultValue) as T;
    },
  };
}

function settings(s: Partial<Settings> = {}): Settings {
  return { ...defaults, ...s };
}

/** A posix machine whose executable files are exactly files. */
function env(files: string[], e: Partial<Environment> = {}): Environment {
  return {
    platform: "linux",
    env: {},
    home: "/home/ann",
    isExecutable: (p) => files.includes(p),
    ...e,
  };
}

test("readSettings: defaults when nothing is set", () => {
  assert.deepEqual(readSettings(config({})), { enable: true, path: "medlint", args: [] });
});

test("readSettings: values of the wrong type fall back to the defaults", () => {
  assert.deepEqual(readSettings(config({ enable: "no", path: 3, args: "--x" })), defaults);
  assert.deepEqual(readSettings(config({ path: "   " })).path, "medlint");
  assert.deepEqual(readSettings(config({ args: ["--a", 1, "--b"] })).args, ["--a", "--b"]);
});

test("readSettings: set values are kept, the path trimmed", () => {
  assert.deepEqual(readSettings(config({ enable: false, path: " /opt/medlint ", args: ["-v"] })), {
    enable: false,
    path: "/opt/medlint",
    args: ["-v"],
  });
});

test("resolveServer: the default name is found on PATH and run as `lsp`", () => {
  const r = resolveServer(settings(), env(["/usr/local/bin/medlint"], { env: { PATH: "/usr/bin:/usr/local/bin" } }));
  assert.deepEqual(r, { ok: true, command: "/usr/local/bin/medlint", args: ["lsp"] });
});

test("resolveServer: medlint.args follow lsp", () => {
  const r = resolveServer(settings({ args: ["--config", "x.yml"] }), env(["/bin/medlint"], { env: { PATH: "/bin" } }));
  assert.deepEqual(r, { ok: true, command: "/bin/medlint", args: ["lsp", "--config", "x.yml"] });
});

test("resolveServer: the first PATH entry wins", () => {
  const r = resolveServer(settings(), env(["/a/medlint", "/b/medlint"], { env: { PATH: "/b:/a" } }));
  assert.equal(r.ok && r.command, "/b/medlint");
});

test("resolveServer: after PATH, $GOBIN, $GOPATH/bin and ~/go/bin, in that order", () => {
  const e = { PATH: "/usr/bin", GOBIN: "/gobin", GOPATH: "/gp1:/gp2" };
  const all = ["/gobin/medlint", "/gp1/bin/medlint", "/gp2/bin/medlint", "/home/ann/go/bin/medlint"];
  for (let i = 0; i < all.length; i++) {
    const r = resolveServer(settings(), env(all.slice(i), { env: e }));
    assert.equal(r.ok && r.command, all[i]);
  }
});

test("resolveServer: empty and relative PATH entries are skipped", () => {
  const r = resolveServer(settings(), env(["medlint", "bin/medlint"], { env: { PATH: "::bin" }, home: "" }));
  assert.equal(r.ok, false);
});

test("resolveServer: a missing program names medlint.path and the install command", () => {
  const r = resolveServer(settings(), env([], { env: { PATH: "/usr/bin" } }));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : "", /cannot find the program "medlint" on PATH/);
  assert.match(!r.ok ? r.message : "", /set medlint\.path/);
  assert.match(!r.ok ? r.message : "", /go install github\.com\/medlint\/medlint\/cmd\/medlint@latest/);
});

test("resolveServer: an absolute path is used as it is, when executable", () => {
  assert.deepEqual(resolveServer(settings({ path: "/opt/m/medlint" }), env(["/opt/m/medlint"])), {
    ok: true,
    command: "/opt/m/medlint",
    args: ["lsp"],
  });
  const r = resolveServer(settings({ path: "/opt/m/medlint" }), env([], { env: { PATH: "/opt/m" } }));
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.message : "", /medlint\.path is "\/opt\/m\/medlint", and \/opt\/m\/medlint is not an executable file/);
});

test("resolveServer: ~ is the home directory", () => {
  const r = resolveServer(settings({ path: "~/bin/medlint" }), env(["/home/ann/bin/medlint"]));
  assert.equal(r.ok && r.command, "/home/ann/bin/medlint");
});

test("resolveServer: a relative path is taken from the workspace folder", () => {
  const r = resolveServer(settings({ path: "./bin/medlint" }), env(["/ws/bin/medlint"], { workspaceFolder: "/ws" }));
  assert.equal(r.ok && r.command, "/ws/bin/medlint");
  const none = resolveServer(settings({ path: "bin/medlint" }), env(["/ws/bin/medlint"]));
  assert.equal(none.ok, false);
  assert.match(!none.ok ? none.message : "", /relative path and no folder is open/);
});

test("resolveServer: Windows looks up PATHEXT extensions on Path", () => {
  const e = env(["C:\\Go\\bin\\medlint.exe"], {
    platform: "win32",
    env: { Path: "C:\\Windows;C:\\Go\\bin", PATHEXT: ".COM;.EXE" },
    home: "C:\\Users\\ann",
  });
  assert.deepEqual(resolveServer(settings(), e), { ok: true, command: "C:\\Go\\bin\\medlint.exe", args: ["lsp"] });
  const p = resolveServer(settings({ path: "D:\\tools\\medlint" }), { ...e, isExecutable: (f) => f === "D:\\tools\\medlint.exe" });
  assert.equal(p.ok && p.command, "D:\\tools\\medlint.exe");
});

test("isExecutableFile: an executable file yes; a plain file, a directory and nothing no", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "medlint-vscode-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const exe = path.join(dir, "medlint");
  const plain = path.join(dir, "notes.md");
  fs.writeFileSync(exe, "#!/bin/sh\n", { mode: 0o755 });
  fs.writeFileSync(plain, "# notes\n", { mode: 0o644 });
  assert.equal(isExecutableFile(exe), true);
  assert.equal(isExecutableFile(dir), false);
  assert.equal(isExecutableFile(path.join(dir, "missing")), false);
  if (process.platform !== "win32") {
    // No execute bit: not even root may run it.
    assert.equal(isExecutableFile(plain), false);
  }
});

test("resolveServer with the real file system finds a program on PATH", (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "medlint-vscode-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const exe = path.join(dir, "medlint");
  fs.writeFileSync(exe, "#!/bin/sh\n", { mode: 0o755 });
  const r = resolveServer(settings(), {
    platform: process.platform,
    env: { PATH: dir },
    home: "",
    isExecutable: isExecutableFile,
  });
  assert.deepEqual(r, { ok: true, command: exe, args: ["lsp"] });
});
