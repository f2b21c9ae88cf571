//! The engine's own words in both languages: every sentence and phrase the engine writes itself
//! (fix sentences, route reasons, the "why" of a finding, values with their units and dates), as
//! one table of English and Welsh templates. The rulebook's own words (labels, titles, messages)
//! live in the rulebook; these are the words around them. A phrase cannot be declared without its
//! Welsh (the macro takes both), and the tests below fail on an empty, untranslated or mismatched
//! one. Templates take their values by number (`{0}`, `{1}`) so each language orders them as its
//! grammar needs. See docs/WELSH.md for the glossary and how each term was checked.

use crate::vocab::Language;

/// One phrase in English and Welsh.
#[derive(Clone, Copy, Debug)]
pub struct Phrase {
    pub en: &'static str,
    pub cy: &'static str,
}

impl Phrase {
    /// The template in `language`.
    pub fn text(self, language: Language) -> &'static str {
        match language {
            Language::English => self.en,
            Language::Welsh => self.cy,
        }
    }

    /// The phrase in `language` with `{0}`, `{1}`, ... replaced by `args` (`{~1}`: the value
    /// soft-mutated, as Welsh needs after `o`, `i`, `at`, `dros`); Welsh then takes `ac`, `ag`,
    /// `nag` before a vowel and the aspirate mutation after `a`, `â`, `na` (`welsh_joins`).
    pub fn say(self, language: Language, args: &[&str]) -> String {
        let text = fill(self.text(language), args);
        match language {
            Language::English => text,
            Language::Welsh => welsh_joins(&text),
        }
    }
}

/// A template with its numbered holes filled; a hole with no value is left empty. `{~n}` puts the
/// value's first word in its soft mutation.
pub fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let (soft, digits) = match after.strip_prefix('~') {
            Some(d) => (true, d),
            None => (false, after),
        };
        match digits.find('}') {
            Some(close) if close > 0 && digits[..close].chars().all(|c| c.is_ascii_digit()) => {
                let n: usize = digits[..close].parse().unwrap_or(usize::MAX);
                let value = args.get(n).copied().unwrap_or_default();
                if soft {
                    out.push_str(&soft_mutation(value));
                } else {
                    out.push_str(value);
                }
                rest = &digits[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Welsh soft mutation of a text's first word (`gofynion` -> `ofynion`, `carchar` -> `garchar`,
/// `Mehefin` -> `Fehefin`); text that opens with a digit, a quote or a vowel is left alone.
pub fn soft_mutation(text: &str) -> String {
    const RULES: [(&str, &str); 9] = [
        ("ll", "l"),
        ("rh", "r"),
        ("p", "b"),
        ("t", "d"),
        ("c", "g"),
        ("b", "f"),
        ("d", "dd"),
        ("g", ""),
        ("m", "f"),
    ];
    // Digraphs that do not mutate as their first letter would.
    if ["ch", "ph", "th", "Ch", "Ph", "Th"]
        .iter()
        .any(|d| text.starts_with(d))
    {
        return text.to_string();
    }
    mutate(text, &RULES)
}

/// Welsh aspirate mutation of a text's first word (`cyrffyw` -> `chyrffyw`).
fn aspirate_mutation(text: &str) -> String {
    const RULES: [(&str, &str); 3] = [("c", "ch"), ("p", "ph"), ("t", "th")];
    if ["ch", "ph", "th", "Ch", "Ph", "Th"]
        .iter()
        .any(|d| text.starts_with(d))
    {
        return text.to_string();
    }
    mutate(text, &RULES)
}

fn mutate(text: &str, rules: &[(&str, &str)]) -> String {
    for (from, to) in rules {
        // The rules' letters are ASCII: compared byte by byte, ignoring case (no Unicode
        // lower-casing, whose tables the WASM modules would carry, and which could make a
        // non-ASCII letter look like one of them).
        let Some(rest) = text
            .get(..from.len())
            .filter(|head| head.eq_ignore_ascii_case(from))
            .and_then(|_| text.get(from.len()..))
        else {
            continue;
        };
        let upper = text.chars().next().is_some_and(char::is_uppercase);
        return if upper {
            capitalised(to) + rest
        } else {
            (*to).to_string() + rest
        }
        .trim_start()
        .to_string();
    }
    text.to_string()
}

/// `a`, `â` and `na` before the next word: `ac`, `ag`, `nag` before a vowel, and the aspirate
/// mutation of c, p, t after them (`cyrffyw a phrawf`, `llai na chwech`).
fn welsh_joins(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split(' ').peekable();
    while let Some(w) = words.next() {
        let joins = matches!(w, "a" | "â" | "na");
        match words.peek() {
            Some(n) if joins && n.starts_with(['a', 'e', 'i', 'o', 'u', 'w', 'y']) => {
                out.push(format!("{w}{}", if w == "a" { "c" } else { "g" }));
            }
            Some(n) if joins => {
                let mutated = aspirate_mutation(n);
                out.push(w.to_string());
                out.push(mutated);
                words.next();
            }
            _ => out.push(w.to_string()),
        }
    }
    out.join(" ")
}

macro_rules! phrases {
    ($($(#[$doc:meta])* $name:ident = $en:literal / $cy:literal;)*) => {
        $($(#[$doc])* pub const $name: Phrase = Phrase { en: $en, cy: $cy };)*
        /// Every phrase, by name, for the tests.
        pub const ALL: &[(&str, Phrase)] = &[$((stringify!($name), $name)),*];
    };
}

phrases! {
    // ---- values (eval::render)
    YES = "yes" / "ie";
    NO = "no" / "na";
    ABSENT = "not recorded" / "heb ei gofnodi";
    /// A list's length: `3 items`.
    ITEMS = "{0} items" / "{0} eitem";
    ONE_ITEM = "1 item" / "1 eitem";
    A_RECORD = "a record" / "cofnod";

    // ---- fix sentences (explore::words). {0} the field's label, {1} old value, {2} new value.
    REDUCE = "Reduce {0} from {1} to {2}" / "Lleihau {0} o {~1} i {~2}";
    INCREASE = "Increase {0} from {1} to {2}" / "Cynyddu {0} o {~1} i {~2}";
    CHANGE = "Change {0} from {1} to {2}" / "Newid {0} o {~1} i {~2}";
    /// {0} the field's label, {1} the value.
    RECORD = "Record {0} as {1}" / "Cofnodi {0} fel {1}";
    /// A change to one item of the list: {0} the item (its case's label), {1} the change.
    ON_ITEM = "{0}: {1}" / "{0}: {1}";
    /// {0} the item (its case's label, as it reads in a sentence).
    REMOVE = "Remove the {0}" / "Dileu'r eitem “{0}”";
    ADD = "Add {0}" / "Ychwanegu eitem “{0}”";
    /// {0} the item, {1} what it sets (`label: value; ...`).
    ADD_WITH = "Add {0} ({1})" / "Ychwanegu eitem “{0}” ({1})";
    /// One field an added item sets: {0} label, {1} value.
    FIELD_IS = "{0}: {1}" / "{0}: {1}";

    // ---- the document reader's messages (doc): a value the form was given that it cannot take
    /// {0} the field's label.
    MISSING = "{0} is missing" / "{0}: ar goll";
    /// A field the rulebook gives no label, by its name: {0} the name.
    FIELD_NAMED = "the field \"{0}\"" / "y maes \"{0}\"";
    /// {0} the value with its unit.
    NEGATIVE = "{0} cannot be negative" / "Ni all {0} fod yn negyddol";
    /// {0} what was wanted, {1} what was found.
    EXPECTED_FOUND = "expected {0}, found {1}" / "disgwylid {0}, cafwyd {1}";
    WHOLE_NUMBER = "a whole number" / "rhif cyfan";
    /// {0} the unit's plural (`hours`, `oriau`).
    WHOLE_NUMBER_OF = "a whole number of {0}" / "rhif cyfan o {~0}";
    NUMBER_OF = "a number of {0}" / "nifer o {~0}";
    WANT_BOOL = "true or false" / "gwir neu gau";
    WANT_DATE = "a date (\"YYYY-MM-DD\")" / "dyddiad (\"BBBB-MM-DD\")";
    WANT_TIME = "a time (\"HH:MM\")" / "amser (\"AA:MM\")";
    WANT_MONEY = "an amount of money (e.g. 250 or \"250.00\")" / "swm o arian (e.e. 250 neu \"250.00\")";
    WANT_PERCENT = "a percentage as a number (e.g. 12.5)" / "canran fel rhif (e.e. 12.5)";
    WANT_DECIMAL = "a decimal number" / "rhif degol";
    /// {0} the text given.
    NOT_A_DATE = "\"{0}\" is not a date; write dates as YYYY-MM-DD"
        / "Nid yw \"{0}\" yn ddyddiad; ysgrifennwch ddyddiadau fel BBBB-MM-DD";
    NOT_A_TIME = "\"{0}\" is not a time of day; write times as HH:MM"
        / "Nid yw \"{0}\" yn amser o'r dydd; ysgrifennwch amseroedd fel AA:MM";
    /// A document that is not JSON: {0} what the JSON reader said (its own words).
    NOT_JSON = "the document is not valid JSON: {0}" / "Nid yw'r ddogfen yn JSON dilys: {0}";
    /// Where a message about the whole document points.
    WHOLE_DOCUMENT = "(the document)" / "(y ddogfen)";
    /// {0} the limit.
    TOO_DEEP = "the document is nested more than {0} levels deep"
        / "Mae'r ddogfen wedi'i nythu'n ddyfnach na {0} lefel";
    /// {0} the text's size in bytes, {1} the limit.
    TEXT_TOO_LONG = "the text is {0} bytes long; the limit is {1}"
        / "Mae'r testun yn {0} beit o hyd; y terfyn yw {1}";
    /// {0} the number of items, {1} the limit.
    LIST_TOO_LONG = "the list has {0} items; the limit is {1}"
        / "Mae gan y rhestr {0} eitem; y terfyn yw {1}";
    /// {0} the text given, {1} the values allowed, as the document writes them.
    NOT_ONE_OF = "\"{0}\" is not one of: {1}" / "Nid yw \"{0}\" yn un o'r canlynol: {1}";
    /// What a choice must be: {0} the values allowed.
    WANT_ONE_OF = "one of: {0}" / "un o'r canlynol: {0}";
    /// {0} the nearest name that exists.
    DID_YOU_MEAN = " (did you mean \"{0}\"?)" / " (oeddech chi'n golygu \"{0}\"?)";
    /// {0} the kind given, {1} the item (its list's label), {2} the kinds allowed.
    NOT_A_KIND = "\"{0}\" is not a kind of {1}; the kinds are: {2}"
        / "Nid yw \"{0}\" yn fath o {~1}; y mathau yw: {2}";
    WANT_KIND_TEXT = "the kind as text" / "y math fel testun";
    /// {0} the kinds allowed.
    MISSING_KIND = "the kind of this item is missing: say which it is ({0})"
        / "Mae math yr eitem hon ar goll: dywedwch pa un ydyw ({0})";
    /// {0} the field given, which the item does not have; {1} the item.
    NO_FIELD = "{1} has no field \"{0}\"" / "Nid oes maes \"{0}\" gan {~1}";
    /// A list declared in order: {0} the item before, by its number.
    OUT_OF_ORDER = "this item is out of order: it comes before item {0}, above it; list the items in order"
        / "Mae'r eitem hon allan o drefn: mae'n dod cyn eitem {0}, uwch ei phen; rhestrwch yr eitemau mewn trefn";
    JSON_NULL = "null" / "dim gwerth";
    JSON_BOOL = "true/false" / "gwir/gau";
    JSON_NUMBER = "a number" / "rhif";
    JSON_STRING = "a string" / "testun";
    JSON_LIST = "a list" / "rhestr";
    JSON_OBJECT = "an object" / "gwrthrych";

    // ---- the explorer's body
    /// A timed requirement where the order holds several of its kind: {0} its label, {1} its
    /// number in the list.
    TIMED_ITEM = "{0} (item {1})" / "{0} (eitem {1})";
    /// A fact the answer waits for: {0} its place.
    NOT_KNOWN_UNTIL = "Not known until {0} is given" / "Ni wyddys hyd nes y rhoddir {0}";

    /// A field's lawful values, as the explorer shows them: {0} and {1} values.
    RANGE_AT_MOST = "at most {0}" / "dim mwy na {0}";
    RANGE_AT_LEAST = "at least {0}" / "o leiaf {0}";
    RANGE_FROM_TO = "{0} to {1}" / "{0} i {~1}";
    RANGE_ANY = "any value" / "unrhyw werth";

    // ---- route reasons (eval::route_reason)
    /// {0} the answer, {1} the row(s), {2} why.
    ROUTE_BECAUSE = "{0} ({1}), because {2}." / "{0} ({1}), oherwydd {2}.";
    ROW = "row {0}" / "rhes {0}";
    ROWS = "rows {0}" / "rhesi {0}";
    DEFAULT_ROW = "it is the table's default row" / "dyma res ddiofyn y tabl";
    /// {0} the rows that all apply.
    ROUTE_OVERLAP = "Rows {0} all apply and the table allows only one answer, so there is no decision."
        / "Mae rhesi {0} i gyd yn gymwys a dim ond un ateb a ganiateir gan y tabl, felly nid oes penderfyniad.";
    ROUTE_NONE = "No row of the table applies, so there is no decision."
        / "Nid oes yr un o resi'r tabl yn gymwys, felly nid oes penderfyniad.";
    /// A routes table with no row that applies: {0} its title.
    NO_ROUTE = "No row of \"{0}\" applies to this case, so nobody is assigned."
        / "Nid oes yr un o resi \"{0}\" yn gymwys i'r achos hwn, felly nid oes neb wedi'i neilltuo.";
    /// Rows that all apply where the table takes one: {0} the rows, {1} the title, {2} their
    /// answers, {3} the hit policy's keyword.
    ROUTE_CLASH = "Rows {0} of \"{1}\" all apply ({2}), but the table's hit policy is {3}."
        / "Mae rhesi {0} o \"{1}\" i gyd yn gymwys ({2}), ond polisi'r tabl yw {3}.";
    /// Joining the conditions that held: {0} all but the last, {1} the last.
    AND_LAST = "{0}; and {1}" / "{0}; a {1}";

    // ---- the "why" of a finding (eval::words). {0}, {1} the two sides.
    THE_DOCUMENT = "the document" / "y ddogfen";
    THE_ITEM = "the item" / "yr eitem";
    /// {0} an owner, {1} its field's name: `the offender's age`.
    OWNED = "{0}'s {1}" / "{1} ({0})";
    /// {0} an owner, {1} its field's label: `“Age at conviction” (the offender)`.
    OWNED_LABELLED = "{1} ({0})" / "{1} ({0})";
    /// A field named on its own: {0} its label.
    THE_FIELD = "the {0}" / "{0}";
    FLAG_YES = "{0} is yes" / "{0}: ie";
    FLAG_NO = "{0} is no" / "{0}: na";
    KIND_OF = "the kind of {0}" / "math {0}";
    NOT_SO = "it is not so that {0}" / "nid yw'n wir bod {0}";
    AND = " and " / " a ";
    OR = " or " / " neu ";
    IF_THEN = "if {0}, then {1}" / "os {0}, yna {1}";
    IS = "{0} is {1}" / "{0}: {1}";
    IS_NOT = "{0} is not {1}" / "{0}: nid {1}";
    LESS = "{0} is less than {1}" / "{0}: llai na {1}";
    AT_MOST = "{0} is at most {1}" / "{0}: dim mwy na {1}";
    MORE = "{0} is more than {1}" / "{0}: mwy na {1}";
    AT_LEAST = "{0} is at least {1}" / "{0}: o leiaf {1}";
    ONE_OF = "{0} is one of: {1}" / "{0}: un o'r canlynol: {1}";
    AMONG = "{0} is among {1}" / "{0}: ymhlith {1}";
    /// {0} a value, {1} a case (in English with its article: `a curfew`).
    IS_A = "{0} is {1}" / "{0}: {1}";
    PLUS = "{0} plus {1}" / "{0} a {1}";
    MINUS = "{0} minus {1}" / "{0} llai {1}";
    MINUS_DAYS = "{0} minus {1} (in days)" / "{0} llai {1} (mewn diwrnodau)";
    TIMES = "{0} times {1}" / "{0} wedi'i luosi â {1}";
    /// {0} the optional value, {1} what stands for it when it is not recorded.
    TAKEN_AS = "{0} (taken as {1} when not recorded)" / "{0} (cymerir ei fod yn {1} os nad yw wedi'i gofnodi)";
    /// {0} the kind of item (may be empty), {1} the list.
    ITEMS_OF = "the items of {1}" / "eitemau {1}";
    CASE_ITEMS_OF = "the {0} items of {1}" / "eitemau {0} {1}";
    /// {0} the filter.
    WHERE = " where {0}" / " lle {0}";
    /// {0} the items (with their filter), {1} the condition.
    ANY_EXISTS = "there is one of {0}" / "mae un o {~0}";
    ANY = "for one of {0}, {1}" / "ar gyfer un o {~0}, {1}";
    ALL_OF = "for every one of {0}, {1}" / "ar gyfer pob un o {~0}, {1}";
    COUNT = "the number of {0}" / "nifer {0}";
    SUM = "the total of {1} over {0}" / "cyfanswm {1} dros {~0}";
    MIN = "the least {1} among {0}" / "y lleiaf o {~1} ymhlith {0}";
    MAX = "the greatest {1} among {0}" / "y mwyaf o {~1} ymhlith {0}";
    RECORDED = "{0} is recorded" / "{0}: wedi'i gofnodi";
    DAYS_BETWEEN = "the days from {0} to {1}" / "y diwrnodau o {~0} hyd at {~1}";
    MONTHS_BETWEEN = "the whole months from {0} to {1}" / "y misoedd cyfan o {~0} hyd at {~1}";
    IF_ELSE = "{1} if {0}, else {2}" / "{1} os {0}, fel arall {2}";
    HIGHEST = "the highest of {0}" / "yr uchaf o {~0}";
    LOWEST = "the lowest of {0}" / "yr isaf o {~0}";
    /// A place in a document: {0} the item's number, {1} the list.
    ITEM_N_OF = "item {0} of {1}" / "eitem {0} o {~1}";
    /// {0} the innermost part, {1} the parts that hold it.
    PLACE_OF = "the {0} of {1}" / "{0} o {~1}";
    /// A place that must hold one case of a variant: {0} the place, {1} the case (in English
    /// with its article).
    PLACE_IS_A = "{0} is {1}" / "{0}: {1}";
}

/// A unit after a number, in the language: English plural after any number but 1; Welsh keeps the
/// singular after a numeral and mutates it after some (`2 ddiwrnod`, `10 niwrnod`, `5 mlynedd`;
/// docs/WELSH.md says where each form was checked).
pub fn unit_after(unit: crate::ir::Unit, n: i64, language: Language) -> &'static str {
    use crate::ir::Unit;
    match language {
        Language::English => unit.name(n),
        Language::Welsh => {
            // Nasal mutation after pum, saith, wyth, naw, deng, deuddeng, pymtheng, deunaw, ugain,
            // can (5, 7, 8, 9, 10, 12, 15, 18, 20, 100); soft after dau (2) and, for the feminine
            // blwyddyn, after un (1).
            let nasal = matches!(n, 5 | 7 | 8 | 9 | 10 | 12 | 15 | 18 | 20 | 100);
            match unit {
                Unit::Plain => "",
                Unit::Hours => "awr",
                Unit::Weeks => "wythnos",
                Unit::Months if n == 2 => "fis",
                Unit::Months => "mis",
                Unit::Days if n == 2 => "ddiwrnod",
                Unit::Days if nasal => "niwrnod",
                Unit::Days => "diwrnod",
                Unit::Years if n == 1 => "flwyddyn",
                Unit::Years if n == 2 => "flynedd",
                Unit::Years if nasal => "mlynedd",
                Unit::Years => "blynedd",
            }
        }
    }
}

/// The months of the year, for long dates (`28 Mehefin 2022`).
pub fn month_name(month0: usize, language: Language) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const CY: [&str; 12] = [
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ];
    let names = match language {
        Language::English => &EN,
        Language::Welsh => &CY,
    };
    names.get(month0).copied().unwrap_or_default()
}

/// A label as it reads inside a sentence: its first letter lower-cased (`Curfew hours a day` ->
/// `curfew hours a day`), unless the label opens with an abbreviation (`EM exception`), with a
/// name of several capitalised words (`National Probation Service`, `Combined Serious Reoffending
/// Predictor`) or with the name of a nation (`England`, `Cymru`).
pub fn in_sentence(label: &str) -> String {
    const NATIONS: [&str; 6] = [
        "England", "Wales", "Scotland", "Lloegr", "Cymru", "Yr Alban",
    ];
    let mut words = label.split(' ');
    let first = words.next().unwrap_or_default();
    let named = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
    };
    let second_named = words.next().is_some_and(named);
    if NATIONS.iter().any(|n| label.starts_with(n)) || second_named {
        return label.to_string();
    }
    let mut chars = first.chars();
    // A one-letter first word is lower-cased only when it is the article (`A later end date`).
    let article = first == "A" && label.len() > 1;
    match (chars.next(), chars.next()) {
        (Some(f), second)
            if f.is_uppercase() && (article || second.is_some_and(|c| !c.is_uppercase())) =>
        {
            f.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

/// A field's label inside a sentence: in English as the form shows it, in quotation marks
/// (`“Curfew hours a day”`: labels are noun phrases, questions and statements alike, so they read
/// as what the form calls the field); in Welsh as it reads in a sentence, after a colon-led
/// pattern that needs no article (`oriau cyrffyw y dydd: dim mwy na 16 awr`).
pub fn label_in(language: Language, label: &str) -> String {
    match language {
        Language::English => format!("“{label}”"),
        Language::Welsh => in_sentence(label),
    }
}

/// A sentence's first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holes(template: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    out.push(after[..close].trim_start_matches('~').to_string());
                    rest = &after[close + 1..];
                }
                None => break,
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// Text a phrase may keep the same in both languages: only holes, punctuation and digits.
    fn language_free(text: &str) -> bool {
        fill(text, &[])
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_ascii_digit())
    }

    #[test]
    fn every_phrase_has_its_welsh_with_the_same_holes() {
        let mut problems = Vec::new();
        for (name, p) in ALL {
            if p.cy.trim().is_empty() {
                problems.push(format!("{name}: no Welsh"));
            }
            if p.cy == p.en && !language_free(p.en) {
                problems.push(format!("{name}: the Welsh is the English ({:?})", p.en));
            }
            let (en, cy) = (holes(p.en), holes(p.cy));
            // A phrase may leave a hole out in one language only if the other leaves it out too;
            // ITEMS_OF takes {0} (the kind) without using it.
            if en != cy {
                problems.push(format!(
                    "{name}: holes {en:?} in English but {cy:?} in Welsh"
                ));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_mutation_reads_its_letters_in_either_case_and_leaves_other_letters_alone() {
        assert_eq!(soft_mutation("Carchar"), "Garchar");
        assert_eq!(soft_mutation("Llys"), "Lys");
        assert_eq!(soft_mutation("RHan"), "Ran");
        assert_eq!(aspirate_mutation("Prawf"), "Phrawf");
        // Letters that lower-case to ASCII ones (the Kelvin sign, a dotted capital I) are not
        // those letters, and a text shorter than a rule is left as it is.
        for text in ["\u{212A}elvin", "\u{130}aith", "\u{130}", "l", ""] {
            assert_eq!(soft_mutation(text), text);
            assert_eq!(aspirate_mutation(text), text);
        }
    }

    #[test]
    fn templates_take_their_values_by_number() {
        assert_eq!(
            REDUCE.say(
                Language::Welsh,
                &["oriau cyrffyw y dydd", "21 awr", "16 awr"]
            ),
            "Lleihau oriau cyrffyw y dydd o 21 awr i 16 awr"
        );
        assert_eq!(fill("{1} and {0} {x} {", &["a", "b"]), "b and a {x} {");
        assert_eq!(
            CHANGE.say(
                Language::Welsh,
                &["math o orchymyn", "gorchymyn cymunedol", "carchar"]
            ),
            "Newid math o orchymyn o orchymyn cymunedol i garchar"
        );
        assert_eq!(
            AND_LAST.say(Language::Welsh, &["oed", "cyrffyw"]),
            "oed; a chyrffyw"
        );
        assert_eq!(IF_THEN.say(Language::Welsh, &["x", "oed"]), "os x, yna oed");
        assert_eq!(
            LESS.say(Language::Welsh, &["oed", "oed"]),
            "oed: llai nag oed"
        );
    }

    #[test]
    fn welsh_keeps_the_singular_after_a_numeral_and_mutates_where_it_should() {
        use crate::ir::Unit;
        let cy = |u, n| format!("{n} {}", unit_after(u, n, Language::Welsh));
        assert_eq!(cy(Unit::Hours, 21), "21 awr");
        assert_eq!(cy(Unit::Months, 12), "12 mis");
        assert_eq!(cy(Unit::Months, 2), "2 fis");
        assert_eq!(cy(Unit::Days, 10), "10 niwrnod");
        assert_eq!(cy(Unit::Days, 28), "28 diwrnod");
        assert_eq!(cy(Unit::Days, 2), "2 ddiwrnod");
        assert_eq!(cy(Unit::Years, 1), "1 flwyddyn");
        assert_eq!(cy(Unit::Years, 2), "2 flynedd");
        assert_eq!(cy(Unit::Years, 5), "5 mlynedd");
        assert_eq!(cy(Unit::Years, 3), "3 blynedd");
        assert_eq!(cy(Unit::Weeks, 6), "6 wythnos");
        assert_eq!(unit_after(Unit::Hours, 1, Language::English), "hour");
        assert_eq!(unit_after(Unit::Hours, 21, Language::English), "hours");
    }

    #[test]
    fn labels_read_inside_a_sentence() {
        assert_eq!(in_sentence("Curfew hours a day"), "curfew hours a day");
        assert_eq!(in_sentence("EM exception"), "EM exception");
        assert_eq!(
            in_sentence("National Probation Service"),
            "National Probation Service"
        );
        assert_eq!(
            in_sentence("Report to the Parole Board"),
            "report to the Parole Board"
        );
        assert_eq!(in_sentence("England"), "England");
        assert_eq!(in_sentence("Eligible for MAPPA"), "eligible for MAPPA");
        assert_eq!(in_sentence("A"), "A");
        assert_eq!(in_sentence("A later end date"), "a later end date");
        assert_eq!(capitalised("lleihau"), "Lleihau");
    }
}
