// The medlint extension: runs `medlint lsp` as a language server for
// Markdown (and MDX) files through vscode-languageclient. The settings
// medlint.enable, medlint.path and medlint.args start, stop and restart it;
// medlint.trace.server is read by the language client itself.

import * as os from "node:os";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { isExecutableFile, readSettings, resolveServer, restartSettings } from "./server";

let output: vscode.LogOutputChannel;
let client: LanguageClient | undefined;
let watcher: vscode.FileSystemWatcher | undefined;

// Starts and stops run one after another, never interleaved: a setting
// changed twice quickly must not leave two servers running.
let queue: Promise<void> = Promise.resolve();
function serially(op: () => Promise<void>): Promise<void> {
  queue = queue.then(op).catch((err: unknown) => {
    output.error(errorText(err));
  });
  return queue;
}

export function activate(context: vscode.ExtensionContext): void {
  output = vscode.window.createOutputChannel("medlint", { log: true });
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand("medlint.restart", () => {
      if (!readSettings(vscode.workspace.getConfiguration("medlint")).enable) {
        void vscode.window.showInformationMessage("medlint: medlint.enable is off, so there is no server to restart.");
        return serially(stop);
      }
      return serially(restart);
    }),
    vscode.commands.registerCommand("medlint.showOutput", () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (restartSettings.some((s) => e.affectsConfiguration(s))) {
        void serially(restart);
      }
    }),
    // In an untrusted workspace medlint.path and medlint.args come from the
    // user settings only (package.json's restrictedConfigurations); once
    // the workspace is trusted its own values apply.
    vscode.workspace.onDidGrantWorkspaceTrust(() => void serially(restart)),
  );
  void serially(start);
}

export function deactivate(): Promise<void> {
  return serially(stop);
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

async function start(): Promise<void> {
  const settings = readSettings(vscode.workspace.getConfiguration("medlint"));
  if (!settings.enable) {
    output.info("medlint.enable is off; the server is not started.");
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file")?.uri.fsPath;
  const resolved = resolveServer(settings, {
    platform: process.platform,
    env: process.env,
    home: os.homedir(),
    workspaceFolder: folder,
    isExecutable: isExecutableFile,
  });
  if (!resolved.ok) {
    output.error(resolved.message);
    void vscode.window.showErrorMessage(resolved.message, "Open Settings", "Show Output").then((choice) => {
      if (choice === "Open Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", "medlint.path");
      } else if (choice === "Show Output") {
        output.show(true);
      }
    });
    return;
  }
  output.info(`starting ${[resolved.command, ...resolved.args].join(" ")}`);
  const serverOptions: ServerOptions = {
    command: resolved.command,
    args: resolved.args,
    transport: TransportKind.stdio,
    options: { cwd: folder },
  };
  watcher = vscode.workspace.createFileSystemWatcher("**/.medlint.{yml,yaml}");
  const clientOptions: LanguageClientOptions = {
    documentSelector: ["markdown", "mdx"].flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    // The server hears when a configuration file changes, so findings
    // follow an edited .medlint.yml without a restart.
    synchronize: { fileEvents: watcher },
    outputChannel: output,
  };
  client = new LanguageClient("medlint", "medlint", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    // The client has already said so (a notification and the output);
    // what is left is to forget it, so that a restart starts afresh.
    output.error(
      `${resolved.command} lsp did not start: ${errorText(err)}. ` +
        `A medlint older than its language server has no lsp command: \`medlint version\` tells; medlint.path chooses another program.`,
    );
    await stop();
  }
}

async function stop(): Promise<void> {
  const c = client;
  client = undefined;
  try {
    if (c !== undefined) {
      await c.dispose(2000);
    }
  } catch (err) {
    // A client that never started cannot be stopped either; a restart
    // goes on all the same.
    output.warn(`stopping the server: ${errorText(err)}`);
  } finally {
    watcher?.dispose();
    watcher = undefined;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
