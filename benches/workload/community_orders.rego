# The benchmark subset of rules/community_orders.rules (see community_orders.rules beside this
# file), written in Rego for regorus. The answer, data.probity.community_orders.findings, is a
# set of strings in the format of canon.rs: "rule-id", "rule-id@i" or "conflict-id@i,j".
# Dates are ISO strings, which compare correctly as strings. Periods in force are inclusive.
package probity.community_orders

import rego.v1

co if input.kind == "community_order"

sso if input.kind == "suspended_sentence_order"

fine_present if input.fine != null

some_punitive if {
	some r in input.requirements
	r.punitive
}

has_em_exception(r) if r.em_exception != null

weekly(r) := w if {
	w := r.hours_per_week
	w != null
} else := r.hours_per_day * 7

# ---------------------------------------------------------------- general rules

findings contains "adult-offender" if {
	input.offence_date <= "2009-11-29"
	co
	input.offender.age < 16
}

findings contains "adult-offender" if {
	input.offence_date >= "2009-11-30"
	co
	input.offender.age < 18
}

findings contains "imprisonable-offence" if {
	input.sentence_date >= "2008-07-14"
	co
	not input.offence_imprisonable
}

findings contains "at-least-one-requirement" if {
	co
	count(input.requirements) < 1
}

findings contains "community-order-length" if {
	co
	input.length > 36
}

findings contains "sso-operational-period" if {
	sso
	input.length < 6
}

findings contains "sso-operational-period" if {
	sso
	input.length > 24
}

findings contains "punitive-element" if {
	input.offence_date >= "2013-12-11"
	co
	not input.exceptional_circumstances_no_punitive
	not some_punitive
	not fine_present
}

# ---------------------------------------------------------------- requirements

findings contains sprintf("unpaid-work-hours@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "unpaid_work"
	not bounded(r.hours, 40, 300)
}

bounded(x, lo, hi) if {
	x >= lo
	x <= hi
}

unpaid_hours contains [i, r.hours] if {
	some i, r in input.requirements
	r.kind == "unpaid_work"
}

findings contains "unpaid-work-total" if {
	count(unpaid_hours) >= 2
	sum([h | some [_, h] in unpaid_hours]) > 300
}

findings contains sprintf("curfew-daily-minimum@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "curfew"
	r.hours_per_day < 2
}

# The daily maximum and the period by conviction date: none in era 1 (until 2012-12-02: the older
# limits are the before-laspo rules below), 16 h / 12 months to 2022-06-27, then 20 h / 2 years.
curfew_era := 1 if input.conviction_date <= "2012-12-02"

else := 2 if input.conviction_date <= "2022-06-27"

else := 3

daily_max := {2: 16, 3: 20}

period_max := {2: 12, 3: 24}

# The limits before LASPO 2012: certain for orders made before 3 December 2012; two readings for
# later orders for offences before that day (convictions before 1 December 2020).
before_laspo if input.sentence_date <= "2012-12-02"

two_readings if {
	input.offence_date <= "2012-12-02"
	input.sentence_date >= "2012-12-03"
	input.conviction_date < "2020-12-01"
}

findings contains sprintf("curfew-daily-maximum-before-laspo-two-readings@%d", [i]) if {
	two_readings
	some i, r in input.requirements
	r.kind == "curfew"
	r.hours_per_day > 12
}

findings contains sprintf("curfew-period-before-laspo-two-readings@%d", [i]) if {
	two_readings
	some i, r in input.requirements
	r.kind == "curfew"
	r.period > 6
}

findings contains sprintf("curfew-daily-maximum-before-laspo@%d", [i]) if {
	before_laspo
	some i, r in input.requirements
	r.kind == "curfew"
	r.hours_per_day > 12
}

findings contains sprintf("curfew-period-before-laspo@%d", [i]) if {
	before_laspo
	some i, r in input.requirements
	r.kind == "curfew"
	r.period > 6
}

findings contains sprintf("curfew-daily-maximum@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "curfew"
	r.hours_per_day > daily_max[curfew_era]
}

findings contains sprintf("curfew-weekly-maximum@%d", [i]) if {
	curfew_era == 3
	some i, r in input.requirements
	r.kind == "curfew"
	weekly(r) > 112
}

findings contains sprintf("curfew-period@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "curfew"
	r.period > period_max[curfew_era]
}

findings contains sprintf("curfew-electronic-monitoring@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "curfew"
	not r.em
	not has_em_exception(r)
}

findings contains sprintf("aamr-maximum-days@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "alcohol_abstinence_monitoring"
	r.days > 120
}

findings contains sprintf("alcohol-treatment-willing@%d", [i]) if {
	some i, r in input.requirements
	r.kind == "alcohol_treatment"
	not r.willing
}

findings contains sprintf("aamr-with-alcohol-treatment@%d,%d", [i, j]) if {
	some i, a in input.requirements
	a.kind == "alcohol_abstinence_monitoring"
	some j, b in input.requirements
	b.kind == "alcohol_treatment"
}
