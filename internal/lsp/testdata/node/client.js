// Drives `medlint lsp` with Microsoft's LSP client libraries
// (vscode-languageserver-protocol over vscode-jsonrpc), as VS Code's
// language client does. Run by internal/lsp/clients_test.go:
//
//   node client.js MEDLINT DOCUMENT CLI_REPORT.json NOW
//
// It opens DOCUMENT, checks the pushed and pulled diagnostics against the
// JSON report `medlint check` wrote for the same file (its columns count
// code points; JavaScript strings count UTF-16 units, so the conversion
// here is independent of the server's), applies a quick fix, asks for a
// hover, and shuts the server down. Any failure exits non-zero.
'use strict';

const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const url = require('url');
const lsp = require('vscode-languageserver-protocol/node');

const [medlint, docPath, reportPath, now] = process.argv.slice(2);

function fail(msg) {
  console.error('FAIL: ' + msg);
  process.exit(1);
}

function check(cond, msg) {
  if (!cond) fail(msg);
}

// utf16Column converts a 1-based column counted in code points to a
// 0-based one in UTF-16 units.
function utf16Column(lineText, column) {
  return Array.from(lineText).slice(0, column - 1).join('').length;
}

// offsetAt is a UTF-16 position's offset in a JavaScript string.
function offsetAt(text, pos) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') starts.push(i + 1);
  }
  const line = Math.min(pos.line, starts.length - 1);
  return Math.min(starts[line] + pos.character, text.length);
}

function applyEdits(text, edits) {
  const sorted = edits
    .map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

function waitFor(what, cond, ms = 30000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      const v = cond();
      if (v) return resolve(v);
      if (Date.now() - started > ms) return reject(new Error('timed out waiting for ' + what));
      setTimeout(tick, 20);
    };
    tick();
  });
}

async function main() {
  const text = fs.readFileSync(docPath, 'utf8');
  const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
  const uri = url.pathToFileURL(docPath).href;

  const server = cp.spawn(medlint, ['lsp', '--stdio'], { cwd: path.dirname(docPath), stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  const conn = lsp.createProtocolConnection(new lsp.StreamMessageReader(server.stdout), new lsp.StreamMessageWriter(server.stdin));
  const published = [];
  const registrations = [];
  conn.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => published.push(p));
  conn.onNotification(lsp.LogMessageNotification.type, () => {});
  conn.onRequest(lsp.RegistrationRequest.type, (p) => {
    registrations.push(...p.registrations);
    return null;
  });
  conn.listen();

  const init = await conn.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid,
    rootUri: url.pathToFileURL(path.dirname(docPath)).href,
    workspaceFolders: [{ uri: url.pathToFileURL(path.dirname(docPath)).href, name: 'w' }],
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { codeDescriptionSupport: true, versionSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, isPreferredSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
    },
    initializationOptions: { now },
  });
  const caps = init.capabilities;
  check(caps.positionEncoding === 'utf-16', 'positionEncoding ' + caps.positionEncoding);
  check(caps.textDocumentSync.change === lsp.TextDocumentSyncKind.Incremental, 'sync kind ' + JSON.stringify(caps.textDocumentSync));
  check(caps.hoverProvider && caps.diagnosticProvider && caps.codeActionProvider, 'capabilities ' + JSON.stringify(caps));
  await conn.sendNotification(lsp.InitializedNotification.type, {});

  conn.sendNotification(lsp.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const first = await waitFor('the diagnostics of version 1', () => published.find((p) => p.uri === uri && p.version === 1));
  const diags = first.diagnostics;

  // The CLI's findings, positioned in UTF-16 here.
  const lines = text.split(/\r\n|\n|\r/);
  check(diags.length === report.findings.length, `${diags.length} diagnostics, the CLI reports ${report.findings.length} findings`);
  let wide = 0;
  report.findings.forEach((f, i) => {
    const d = diags[i];
    const start = { line: f.line - 1, character: utf16Column(lines[f.line - 1], f.column) };
    const end = { line: f.endLine - 1, character: utf16Column(lines[f.endLine - 1] || '', f.endColumn) };
    const where = `finding ${i} (${f.rule} ${f.line}:${f.column})`;
    check(JSON.stringify(d.range) === JSON.stringify({ start, end }), `${where}: range ${JSON.stringify(d.range)}, want ${JSON.stringify({ start, end })}`);
    check(d.code === f.rule && d.message === f.message && d.source === 'medlint', `${where}: ${JSON.stringify(d)}`);
    const sev = { error: lsp.DiagnosticSeverity.Error, warning: lsp.DiagnosticSeverity.Warning, info: lsp.DiagnosticSeverity.Information }[f.severity];
    check(d.severity === sev, `${where}: severity ${d.severity}, want ${sev}`);
    check(d.codeDescription && d.codeDescription.href.startsWith('https://'), `${where}: codeDescription ${JSON.stringify(d.codeDescription)}`);
    if (start.character !== f.column - 1) wide++;
  });
  check(wide > 0, 'no finding after a character wider than one UTF-16 unit: the positions were not tested');

  // Pull diagnostics: the same, then unchanged.
  const pulled = await conn.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri } });
  check(pulled.kind === 'full' && JSON.stringify(pulled.items) === JSON.stringify(diags), 'pulled diagnostics differ from the pushed ones');
  const again = await conn.sendRequest(lsp.DocumentDiagnosticRequest.type, { textDocument: { uri }, previousResultId: pulled.resultId });
  check(again.kind === 'unchanged', 'second pull: ' + again.kind);

  // A quick fix, applied as a client does, then sent as an incremental
  // change.
  const target = diags.find((d) => d.code === 'list-format');
  check(target, 'no list-format diagnostic');
  const actions = await conn.sendRequest(lsp.CodeActionRequest.type, { textDocument: { uri }, range: target.range, context: { diagnostics: [target], only: ['quickfix'] } });
  const quick = actions.find((a) => a.isPreferred);
  check(quick && quick.kind === 'quickfix' && quick.title.includes('list-format'), 'quick fix: ' + JSON.stringify(actions.map((a) => a.title)));
  check(actions.some((a) => a.title === 'Disable list-format for this line'), 'no disable action: ' + JSON.stringify(actions.map((a) => a.title)));
  const docEdit = quick.edit.documentChanges[0];
  check(docEdit.textDocument.version === 1, 'edit version ' + docEdit.textDocument.version);
  const fixed = applyEdits(text, docEdit.edits);
  conn.sendNotification(lsp.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: 2 },
    contentChanges: docEdit.edits.map((e) => ({ range: e.range, text: e.newText })).sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character),
  });
  const second = await waitFor('the diagnostics of version 2', () => published.find((p) => p.uri === uri && p.version === 2));
  const count = (ds, rule) => ds.filter((d) => d.code === rule).length;
  check(count(second.diagnostics, 'list-format') === count(diags, 'list-format') - 1, 'the quick fix did not remove its finding');
  check(second.diagnostics.length === diags.length - 1, 'the quick fix changed other findings');

  // The server's text is the client's: the fix-all edit applies to it.
  const all = await conn.sendRequest(lsp.CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } });
  check(all.length === 1 && all[0].kind === 'source.fixAll.medlint', 'fix all: ' + JSON.stringify(all));
  const allFixed = applyEdits(fixed, all[0].edit.documentChanges[0].edits);
  check(!allFixed.includes('\n• '), 'fix all left pasted bullets');

  const hover = await conn.sendRequest(lsp.HoverRequest.type, { textDocument: { uri }, position: diags[0].range.start });
  check(hover && hover.contents.kind === 'markdown' && hover.contents.value.includes(diags[0].code), 'hover: ' + JSON.stringify(hover));

  check(registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'no file watchers registered');

  await conn.sendRequest(lsp.ShutdownRequest.type);
  await conn.sendNotification(lsp.ExitNotification.type);
  const code = await exited;
  check(code === 0, 'medlint lsp exited with ' + code);
  conn.dispose();
  console.log(`ok: ${diags.length} diagnostics (${wide} after wide characters), pull, quick fix, fix all, hover, shutdown`);
}

main().catch((e) => fail(e.stack || String(e)));
