// The VS Code client for probity rule files: starts `probity lsp` (the command named by the
// `probity.path` setting) over stdio and hands `.rules` files to it. Everything the editor shows
// (diagnostics, fixes, hover, completion, ...) comes from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("probity").get("path") || "probity";
  const run = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "probity",
    "probity language server",
    { run, debug: run },
    {
      documentSelector: [{ scheme: "file", language: "probity" }],
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/*.rules") },
    },
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
