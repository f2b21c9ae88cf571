// Syntax highlighting for the probity rule language: a CodeMirror stream tokenizer (no Lezer
// grammar) mirroring docs/editors/probity.tmLanguage.json. Plain data and one function, no imports:
// editor.js hands it to CodeMirror's StreamLanguage. Token names are CodeMirror highlight tags,
// styled through @lezer/highlight's classHighlighter (`tok-keyword`, ...) in css/app.css.

const words = (s) => new Set(s.split(" "));
const DECLARATION = words("let conflict document rulebook example variant derive record routes const date enum rule test law set");
const CLAUSE = words("unsettled unverified verified findings optional ordered severity duration start as applies between decides explain finding message require version expect policy force given route title until value cite label hint each from list when with for hit at by cy in no of");
const OPERATOR_WORD = words("implies where and not is or");
const AGGREGATE = words("count all any max min sum present days_between months_between");
const CONSTANT = words("priority warning unique error false first info null true");
const TYPE = words("decimal percent months string hours money month weeks years bool days hour time week year day int");
const NAMES_NEXT = words("rule conflict routes derive");
// The words after `hit policy`: `unique`, `collect sum`, `rule order`, `output order`, ...
const HIT_POLICY = words("unique any first priority collect sum min max count rule output order");

export const probityMode = {
  name: "probity",
  startState: () => ({ comment: false, string: false, hole: false, declares: false, policy: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.comment) {
      if (stream.skipTo("*/")) {
        stream.match("*/");
        state.comment = false;
      } else {
        stream.skipToEnd();
      }
      return "comment";
    }
    if (state.string) return stringToken(stream, state);
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.comment = true;
      return "comment";
    }
    if (stream.eat('"')) {
      state.string = true;
      state.declares = false;
      return "string";
    }
    if (stream.match(/^\d{4}-\d{2}-\d{2}\b/) || stream.match(/^\d{2}:\d{2}\b/)
      || stream.match(/^£\d+(\.\d+)?/) || stream.match(/^\d+(\.\d+)?%?/)) return "number";
    if (state.declares && stream.match(/^[A-Za-z][A-Za-z0-9_-]*/)) {
      state.declares = false;
      return "variableName.definition";
    }
    const m = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (m) {
      const w = m[0];
      if (state.policy && HIT_POLICY.has(w)) return "atom";
      state.policy = w === "policy";
      state.declares = NAMES_NEXT.has(w);
      if (DECLARATION.has(w) || CLAUSE.has(w)) return "keyword";
      if (OPERATOR_WORD.has(w)) return "operatorKeyword";
      if (AGGREGATE.has(w) && stream.match(/^\s*\(/, false)) return "keyword";
      if (CONSTANT.has(w)) return "atom";
      if (TYPE.has(w)) return "typeName";
      return "variableName";
    }
    state.declares = false;
    if (stream.match(/^(==|!=|<=|>=|=>|\?\?|[<>+\-*=])/)) return "operator";
    if (stream.match(/^[{}()[\],:.]/)) return "punctuation";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//", block: { open: "/*", close: "*/" } } },
};

// Inside a string: `{expr}` holes (their names as variables), `{{` `}}` and `\x` escapes.
function stringToken(stream, state) {
  if (state.hole) {
    if (stream.eat("}")) {
      state.hole = false;
      return "string.special";
    }
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_.]*/)) return "variableName";
    if (stream.eat('"')) {
      state.hole = false;
      state.string = false;
      return "string";
    }
    stream.next();
    return "string.special";
  }
  if (stream.match("{{") || stream.match("}}") || stream.match(/^\\./)) return "string.special";
  if (stream.eat("{")) {
    state.hole = true;
    return "string.special";
  }
  if (stream.eat('"')) {
    state.string = false;
    return "string";
  }
  if (!stream.match(/^[^"\\{}]+/)) stream.next();
  return "string";
}
