# The benchmark subset of rules/contracts.rules (see contracts.rules beside this file) in Rego.
# The answer, data.probity.contracts.findings, is a set of "rule-id" and "rule-id@i" strings.
package probity.contracts

import rego.v1

supervision_or_rehabilitation := {
	"offender_management", "unpaid_work", "accredited_programmes", "accommodation",
	"education_training_employment", "dependency_and_recovery", "womens_services",
	"approved_premises",
}

public_interest := {"allocation", "parole_reports", "recall", "victim_contact"}

not_public if input.provider_sector != "public"

supervises if {
	some s in input.services
	s in supervision_or_rehabilitation
}

measure := m if {
	m := input.payment.results_measure
	m != null
} else := "graduated"

findings contains sprintf("court-advice-public-only@%d", [i]) if {
	some i, s in input.services
	s == "court_advice"
	not_public
}

findings contains sprintf("breach-enforcement-public-only@%d", [i]) if {
	input.end_date >= "2014-06-01"
	some i, s in input.services
	s == "breach_enforcement"
	not_public
}

findings contains "female-offender-statement" if {
	input.agreed_date >= "2014-06-01"
	supervises
	not input.female_offender_statement
}

findings contains "no-provider-financial-penalties" if input.provider_financial_penalties

findings contains "pbr-upfront-element" if {
	input.payment.results_percent > 0
	input.payment.upfront_percent <= 0
}

findings contains sprintf("high-risk-management-public@%d", [i]) if {
	input.start_date >= "2014-06-01"
	input.start_date <= "2021-06-25"
	some i, s in input.services
	s == "offender_management"
	input.cohort in {"high_rosh", "all_rosh_levels"}
	not_public
}

findings contains sprintf("high-risk-management-public@%d", [i]) if {
	input.start_date >= "2021-06-26"
	some i, s in input.services
	s == "offender_management"
	not_public
}

findings contains sprintf("public-interest-functions-public@%d", [i]) if {
	some i, s in input.services
	s in public_interest
	not_public
}

findings contains "pbr-binary-outcome" if {
	input.payment.results_percent > 0
	measure == "binary_reoffending"
}
