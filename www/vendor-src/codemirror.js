// The parts of CodeMirror 6 the rule editor uses, bundled by .ci/serve (esbuild, from npm) into
// www/vendor/codemirror.js: one ES module with no bare imports, so the page needs no import map
// and its CSP stays `script-src 'self'`. Not loaded by the page itself.
export { EditorState, EditorSelection, StateEffect } from "@codemirror/state";
export { EditorView, keymap, hoverTooltip, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection, highlightSpecialChars } from "@codemirror/view";
export { StreamLanguage, syntaxHighlighting, bracketMatching, indentUnit } from "@codemirror/language";
export { setDiagnostics, lintGutter, lintKeymap, openLintPanel, nextDiagnostic, forEachDiagnostic } from "@codemirror/lint";
export { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
export { classHighlighter } from "@lezer/highlight";
export { autocompletion } from "@codemirror/autocomplete";
