// The extension's pure logic: which program it runs as the language server,
// decided from the settings and the environment. Nothing here imports
// vscode, so the unit tests run under plain node (node --test).

import * as fs from "node:fs";
import * as path from "node:path";

/** The medlint.* settings the server depends on. */
export interface Settings {
  enable: boolean;
  /** medlint.path: a program name looked up on PATH, or a path. */
  path: string;
  /** medlint.args: extra arguments after `lsp`. */
  args: string[];
}

/** The settings' defaults, as package.json declares them. */
export const defaults: Settings = { enable: true, path: "medlint", args: [] };

/** The part of vscode.WorkspaceConfiguration that readSettings uses. */
export interface Configuration {
  get<T>(section: string, defaultValue: T): T;
}

/**
 * readSettings reads the medlint.* settings from the "medlint" section,
 * falling back to the defaults for values of the wrong type (settings.json
 * is hand-edited JSON; VS Code warns about such values but passes them on).
 */
export function readSettings(config: Configuration): Settings {
  const enable = config.get<unknown>("enable", defaults.enable);
  const p = config.get<unknown>("path", defaults.path);
  const args = config.get<unknown>("args", defaults.args);
  return {
    enable: typeof enable === "boolean" ? enable : defaults.enable,
    path: typeof p === "string" && p.trim() !== "" ? p.trim() : defaults.path,
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === "string") : defaults.args,
  };
}

/** What resolveServer needs to know about the machine. */
export interface Environment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The user's home directory, for `~` and ~/go/bin. */
  home: string;
  /** The first workspace folder on disk, for a relative medlint.path. */
  workspaceFolder?: string;
  /** Whether p is a file this user can execute. */
  isExecutable(p: string): boolean;
}

/** The program to run and its arguments, or why there is none. */
export type Resolution =
  | { ok: true; command: string; args: string[] }
  | { ok: false; message: string };

/** The install command the error messages suggest. */
export const installHint = "go install github.com/medlint/medlint/cmd/medlint@latest";

/**
 * resolveServer turns the settings into the command that starts the
 * language server, `PROGRAM lsp ARGS...`. A bare name (the default,
 * "medlint") is looked up on PATH and then where `go install` puts
 * programs ($GOBIN, each $GOPATH/bin, ~/go/bin), which an editor started
 * from a desktop launcher often lacks on its PATH. A path may start with
 * `~`; a relative one is taken from the first workspace folder. Looking
 * the program up here, rather than leaving it to spawn, is what lets the
 * extension say which setting to change when it is missing.
 */
export function resolveServer(settings: Settings, e: Environment): Resolution {
  const p = e.platform === "win32" ? path.win32 : path.posix;
  const args = ["lsp", ...settings.args];
  let program = settings.path.trim() || defaults.path;
  if (program === "~" || program.startsWith("~/") || (e.platform === "win32" && program.startsWith("~\\"))) {
    program = p.join(e.home, program.slice(1));
  }
  const isName = !program.includes("/") && !(e.platform === "win32" && program.includes("\\"));
  if (isName) {
    for (const dir of searchDirs(e, p)) {
      for (const candidate of withExtensions(p.join(dir, program), e)) {
        if (e.isExecutable(candidate)) {
          return { ok: true, command: candidate, args };
        }
      }
    }
    return {
      ok: false,
      message:
        `medlint: cannot find the program "${program}" on PATH or in ~/go/bin. ` +
        `Install it (${installHint}) or set medlint.path to the medlint program.`,
    };
  }
  if (!p.isAbsolute(program)) {
    if (e.workspaceFolder === undefined) {
      return {
        ok: false,
        message: `medlint: medlint.path "${settings.path}" is a relative path and no folder is open to resolve it from: set medlint.path to an absolute path.`,
      };
    }
    program = p.join(e.workspaceFolder, program);
  }
  for (const candidate of withExtensions(program, e)) {
    if (e.isExecutable(candidate)) {
      return { ok: true, command: candidate, args };
    }
  }
  return {
    ok: false,
    message: `medlint: medlint.path is "${settings.path}", and ${program} is not an executable file: set medlint.path to the medlint program (${installHint}).`,
  };
}

/** The directories a program name is looked up in, in order, without repeats. */
function searchDirs(e: Environment, p: path.PlatformPath): string[] {
  const delimiter = e.platform === "win32" ? ";" : ":";
  const dirs = (pathValue(e) ?? "").split(delimiter);
  if (e.env.GOBIN) {
    dirs.push(e.env.GOBIN);
  }
  for (const gopath of (e.env.GOPATH ?? "").split(delimiter)) {
    if (gopath !== "") {
      dirs.push(p.join(gopath, "bin"));
    }
  }
  if (e.home !== "") {
    dirs.push(p.join(e.home, "go", "bin"));
  }
  const seen = new Set<string>();
  return dirs.filter((d) => {
    // An empty entry means the working directory, which is nobody's wish
    // for an editor; a relative one is just as unclear. Both are skipped.
    if (d === "" || !p.isAbsolute(d) || seen.has(d)) {
      return false;
    }
    seen.add(d);
    return true;
  });
}

/** PATH, whatever its case (Windows spells it Path). */
function pathValue(e: Environment): string | undefined {
  if (e.platform !== "win32") {
    return e.env.PATH;
  }
  const key = Object.keys(e.env).find((k) => k.toUpperCase() === "PATH");
  return key === undefined ? undefined : e.env[key];
}

/** file itself and, on Windows when it has no extension, file + each PATHEXT extension. */
function withExtensions(file: string, e: Environment): string[] {
  if (e.platform !== "win32" || path.win32.extname(file) !== "") {
    return [file];
  }
  const exts = (e.env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((x) => x !== "");
  return [...exts.map((x) => file + x.toLowerCase()), file];
}

/** isExecutableFile reports whether p is a regular file this process may execute. */
export function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(p, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

/** The settings whose change restarts (or starts, or stops) the server. */
export const restartSettings = ["medlint.enable", "medlint.path", "medlint.args"];
