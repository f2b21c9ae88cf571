// What the form suggests for a new item, with the law's reason, in one place. Today one
// suggestion: a requirement whose nature is to restrict or punish (unpaid work, curfew,
// exclusion) starts ticked as "imposed as punishment"; treatment and rehabilitative ones start
// unticked. The clerk can untick it: the court decides which requirements are punitive (Sentencing
// Council, Imposition of community and custodial sentences guideline). Kept here rather than in the
// rulebook because the rulebook language has no per-case default for a field yet, and a default
// is the form's help, not the law: the rule (punitive-element) reads only what the clerk records.
import { t } from "./i18n.js";

/** For a variant's items: the field set to true when an item of one of `cases` is added, and the
 *  i18n key of the reason shown beside it. Schema names, as the rulebook declares them. */
const SUGGESTIONS = [
  {
    variant: "Requirement",
    field: "punitive",
    cases: ["unpaid_work", "curfew", "exclusion"],
    reason: "suggest.punitive",
  },
];

function suggestionsFor(variantName, kind) {
  return SUGGESTIONS.filter((s) => s.variant === variantName && s.cases.includes(kind));
}

/** The fields a new item of `kind` starts with, beyond the schema's own defaults. */
export function suggestedValues(variantName, kind, fieldNames) {
  const out = {};
  for (const s of suggestionsFor(variantName, kind)) if (fieldNames.includes(s.field)) out[s.field] = true;
  return out;
}

/** The reason a field of an item of `kind` starts as it does, or null. */
export function suggestionReason(variantName, kind, fieldName) {
  const s = suggestionsFor(variantName, kind).find((x) => x.field === fieldName);
  return s ? t(s.reason) : null;
}
