# The benchmark subset of rules/routing.rules (see routing.rules beside this file) in Rego:
# the three routes tables (hit policy unique) and the four rules. The answer,
# data.probity.routing.findings, holds "route:table=output" (or "=none") for every table in force
# that applies, "table/no-route" or "table/overlap" when it decides nothing, and rule ids.
package probity.routing

import rego.v1

d := input.allocation_date

high_risk if input.rosh in {"high", "very_high"}

lower_risk if input.rosh in {"low", "medium"}

p2012 if input.regime == "punishment_and_reform_2012"

manager := m if {
	m := input.current_manager
	m != null
}

officer := s if {
	s := input.enforcement_officer
	s != null
} else := "public_sector"

# ---------------------------------------------------------------- case-manager, 2014 to 2021

tr_applies if {
	d >= "2014-06-01"
	d <= "2021-06-25"
	not p2012
}

tr contains [1, "national_probation_service"] if input.work == "court_advice"

tr contains [2, "national_probation_service"] if input.work == "allocation"

tr contains [3, "national_probation_service"] if input.work == "breach_enforcement"

tr contains [4, "national_probation_service"] if {
	input.work in {"parole_report", "recall_decision", "victim_contact", "approved_premises"}
}

tr contains [5, "community_rehabilitation_company"] if {
	input.work in {"unpaid_work_delivery", "programme_delivery", "rehabilitative_services"}
	not specialised
}

specialised if {
	input.work == "programme_delivery"
	input.specialised_programme == true
}

tr contains [9, "national_probation_service"] if specialised

nps_held if input.current_manager == "national_probation_service"

tr contains [6, "national_probation_service"] if {
	input.work == "sentence_management"
	tr_high
}

tr_high if high_risk

tr_high if input.mappa_eligible

tr_high if input.deportation

tr_high if nps_held

tr_low if {
	lower_risk
	not input.mappa_eligible
	not input.deportation
	not nps_held
}

tr contains [7, "national_probation_service"] if {
	input.work == "sentence_management"
	tr_low
	input.nation == "wales"
	d >= "2019-12-02"
}

tr contains [8, "community_rehabilitation_company"] if {
	input.work == "sentence_management"
	tr_low
	england_or_before_wales
}

england_or_before_wales if input.nation == "england"

england_or_before_wales if d < "2019-12-02"

# ---------------------------------------------------------------- case-manager, from 2021

ps_applies if {
	d >= "2021-06-26"
	not p2012
}

ps contains [1, "probation_service"] if input.work == "court_advice"

ps contains [2, "probation_service"] if input.work == "allocation"

ps contains [3, "probation_service"] if input.work == "sentence_management"

ps contains [4, "probation_service"] if input.work == "breach_enforcement"

ps contains [5, "probation_service"] if {
	input.work in {"parole_report", "recall_decision", "victim_contact", "approved_premises"}
}

ps contains [6, "probation_service"] if input.work in {"unpaid_work_delivery", "programme_delivery"}

ps contains [7, "dynamic_framework_provider"] if input.work == "rehabilitative_services"

# ---------------------------------------------------------------- the 2012 proposal

pr contains [1, "probation_trust"] if input.work == "court_advice"

pr contains [2, "probation_trust"] if input.work == "allocation"

pr contains [3, "probation_trust"] if input.work in {"breach_enforcement", "recall_decision"}

pr contains [4, "probation_trust"] if input.work == "parole_report"

pr contains [5, "probation_trust"] if {
	input.work == "sentence_management"
	pr_high
}

pr_high if high_risk

pr_high if input.mappa_eligible

pr contains [6, "competed_provider"] if {
	input.work == "sentence_management"
	lower_risk
	not input.mappa_eligible
}

pr contains [7, "competed_provider"] if {
	input.work in {
		"victim_contact", "approved_premises", "unpaid_work_delivery",
		"programme_delivery", "rehabilitative_services",
	}
}

# ---------------------------------------------------------------- decisions (hit policy unique)

decide(rows) := out if {
	count(rows) == 1
	some [_, out] in rows
} else := "none"

findings contains sprintf("route:case-manager=%s", [decide(tr)]) if tr_applies

findings contains "case-manager/no-route" if {
	tr_applies
	count(tr) == 0
}

findings contains "case-manager/overlap" if {
	tr_applies
	count(tr) > 1
}

findings contains sprintf("route:case-manager=%s", [decide(ps)]) if ps_applies

findings contains "case-manager/no-route" if {
	ps_applies
	count(ps) == 0
}

findings contains "case-manager/overlap" if {
	ps_applies
	count(ps) > 1
}

findings contains sprintf("route:case-manager-2012-proposal=%s", [decide(pr)]) if p2012

findings contains "case-manager-2012-proposal/no-route" if {
	p2012
	count(pr) == 0
}

findings contains "case-manager-2012-proposal/overlap" if {
	p2012
	count(pr) > 1
}

# ---------------------------------------------------------------- rules

findings contains "risk-escalation-referral" if {
	d >= "2014-10-24"
	d <= "2021-06-25"
	manager == "community_rehabilitation_company"
	escalation
	not input.referred_for_risk_review
}

escalation if input.rosh_increase_suspected

escalation if high_risk

findings contains "enforcement-officer-public" if {
	d >= "2014-06-01"
	input.work == "breach_enforcement"
	officer != "public_sector"
}

findings contains "enforcement-officer-public" if {
	d >= "2014-06-01"
	input.work == "breach_enforcement"
	input.proposed_body
	input.proposed_body != "public_sector"
}

findings contains "no-crc-after-unification" if {
	d >= "2021-06-26"
	manager == "community_rehabilitation_company"
}

findings contains "before-transforming-rehabilitation" if d < "2014-06-01"
