#!/usr/bin/env python3
"""A synthetic national caseload for rules/tiering.rules: N cases as JSON Lines on stdout.

    python3 benches/tiering/caseload.py 250000 > /tmp/caseload.jsonl
    /usr/bin/time -v cargo run --release -- check --batch rules/tiering.rules /tmp/caseload.jsonl > /dev/null

Seeded (the same N gives the same file). The values are spread over every band of every category,
not drawn from real caseload proportions; a few cases in a thousand fail the calculation (a
MEDIUM DC-SRP below 0.60) as real ones can.
"""
import json
import random
import sys

FACTORS = ["RMDO", "ALSH", "RVLN", "RCCO", "RCPR", "RCHD", "RPIR", "RVAD", "STRG", "RTAO"]
OTHER = ["IIOM", "INLL", "ADVP", "REG30", "SPO", "PRC"]
ANSWERS = ["YES", "NO", "UNKNOWN", "NONE", "SOME", "SIGNIFICANT", "MISSING", "NEVER", "PREVIOUS", "CURRENTLY"]
SECTIONS = ["accommodation", "ete", "relationships", "lifestyle", "drug_misuse", "alcohol_misuse",
            "thinking_and_behaviour", "attitudes"]


def maybe(rng, p, value):
    return value if rng.random() < p else None


def case(rng):
    registrations = rng.sample(FACTORS, rng.choice([0, 0, 0, 1, 1, 2, 3])) + \
        [c for c in OTHER if rng.random() < 0.12]
    mappa = maybe(rng, 0.1, rng.choice(["M1", "M1", "M2", "M3"]))
    doc = {
        "as_at": rng.choice(["2026-07-01", "2026-08-17", "2026-09-30"]),
        "tier_v3_calculation": rng.random() < 0.9,
        "female": rng.random() < 0.15,
        "rsr": round(rng.uniform(0, 12), 2),
        "ogrs": rng.randint(0, 100),
        "registrations": registrations,
        "convictions": [{
            "sentence_type": rng.choice(["SC", "NC", "CO", "SSO"]),
            "requirements": [{"main_category": rng.choice(["W", "W1", "F", "RM38"]),
                              "restrictive": rng.random() < 0.3}
                             for _ in range(rng.randint(0, 2))],
            **({"termination_date": "2025-12-01"} if rng.random() < 0.1 else {}),
        }],
        "previous_enforcement_activity": rng.random() < 0.2,
        "has_active_event": rng.random() < 0.95,
        "assessment_summary": rng.random() < 0.85,
        "san_indicator": rng.random() < 0.3,
        "needs": {s: [rng.choice(ANSWERS) for _ in range(rng.randint(0, 5))] for s in SECTIONS},
        "sexually_motivated_offence": rng.random() < 0.05,
    }
    optional = {
        "rosh": maybe(rng, 0.9, rng.choice(["LOW", "MEDIUM", "MEDIUM", "HIGH", "VERY_HIGH"])),
        "mappa_level": mappa,
        "mappa_category": mappa if rng.random() < 0.9 else None,
        "latest_release_date": maybe(rng, 0.3, f"20{rng.randint(18, 26)}-0{rng.randint(1, 9)}-15"),
        "parental_responsibilities": maybe(rng, 0.8, rng.choice(["YES", "NO", "UNKNOWN"])),
        "impulsivity": maybe(rng, 0.8, rng.choice(["NONE", "SOME", "SIGNIFICANT", "MISSING"])),
        "temper_control": maybe(rng, 0.8, rng.choice(["NONE", "SOME", "SIGNIFICANT", "MISSING"])),
        "arp": maybe(rng, 0.97, round(rng.uniform(0, 99), 1)),
        "arp_kind": maybe(rng, 0.9, rng.choice(["STATIC", "DYNAMIC"])),
        "csrp": maybe(rng, 0.97, round(rng.uniform(0, 8), 2)),
        "csrp_kind": maybe(rng, 0.9, rng.choice(["STATIC", "DYNAMIC"])),
        "dcsrp": maybe(rng, 0.2, round(rng.uniform(0.5, 5), 2)),
        "dcsrp_band": maybe(rng, 0.2, rng.choice(["LOW", "MEDIUM", "HIGH", "VERY_HIGH", "NOT_APPLICABLE"])),
    }
    doc.update({k: v for k, v in optional.items() if v is not None})
    return doc


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(18)
    out = sys.stdout
    for _ in range(n):
        out.write(json.dumps(case(rng), separators=(",", ":")))
        out.write("\n")


if __name__ == "__main__":
    main()
