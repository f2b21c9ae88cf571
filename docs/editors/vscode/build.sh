#!/bin/sh
# Build the VS Code extension (probity-rules-<version>.vsix) from this folder, with npm only:
# the TextMate grammar is copied from docs/editors/ (its one home), the client library and
# @vscode/vsce come from the npm registry. Not run in CI. Install the result with
#   code --install-extension probity-rules-0.1.0.vsix
# and put `probity` on PATH (cargo install --path .), or set `probity.path`.
set -eu
cd "$(dirname "$0")"
mkdir -p syntaxes
cp ../probity.tmLanguage.json syntaxes/
npm install --no-audit --no-fund
npx vsce package --allow-missing-repository --skip-license --out .
