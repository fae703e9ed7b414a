//! What the monitoring of PRP holders finds in the registries after the permit was issued,
//! besides presence (`residence`): the grounds of Art. 49 that can arise later and lead to a
//! revocation candidate. Nothing is revoked here: each finding goes to an officer.
//!
//! | ground | finding | key (one candidate per holder, ground and key) |
//! |---|---|---|
//! | `art49.9` | the criminal records registry reports an unexpunged or outstanding conviction | the issue date |
//! | `art49.13` | an expulsion decided on or after the issue date | the expulsion's date |
//! | `art49.17` | administrative liability in migration, tax or labour law decided on or after the issue date; not for the exempt of Appendix 3 item 9 (`EXEMPT_15_17`) | the earliest such decision |
//!
//! **Interpretation** (docs/INTERPRETATIONS.md): facts that were before the issue were weighed when the
//! permit was decided; only later ones are findings. A conviction is reported as a state, not
//! dated, so it is keyed to the permit and found once.

use chrono::NaiveDate;

use crate::application::{AdminOffence, CriminalFacts};
use crate::codes::OffenceArea;

/// What the registries answered about one holder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolderFacts {
    /// Criminal records.
    pub criminal: CriminalFacts,
    /// Administrative offences on record.
    pub offences: Vec<AdminOffence>,
    /// The latest expulsion, if any.
    pub expelled_on: Option<NaiveDate>,
}

/// A ground found for a holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The ground's code (`art49.9`, `art49.13`, `art49.17`).
    pub ground: &'static str,
    /// The key date (see the module's table).
    pub since: NaiveDate,
    /// The facts, in plain words for the officer.
    pub detail: String,
}

/// The grounds found for the holder of a PRP issued on `issued_on`; `exempt` is whether the
/// holder is exempt from art49.17.
pub fn registry_findings(issued_on: NaiveDate, exempt: bool, facts: &HolderFacts) -> Vec<Finding> {
    let mut findings = Vec::new();
    if facts.criminal.unexpunged_conviction {
        findings.push(Finding {
            ground: "art49.9",
            since: issued_on,
            detail: "the criminal records registry reports an unexpunged or outstanding conviction".into(),
        });
    }
    if let Some(expelled_on) = facts.expelled_on.filter(|day| *day >= issued_on) {
        findings.push(Finding {
            ground: "art49.13",
            since: expelled_on,
            detail: format!("expelled from Kazakhstan on {expelled_on}, after the PRP was issued on {issued_on}"),
        });
    }
    let mut offences: Vec<&AdminOffence> = facts
        .offences
        .iter()
        .filter(|offence| offence.on >= issued_on)
        .filter(|offence| {
            matches!(
                offence.area,
                OffenceArea::Migration | OffenceArea::Tax | OffenceArea::Labour
            )
        })
        .collect();
    offences.sort_by_key(|offence| offence.on);
    if let (false, Some(first)) = (exempt, offences.first()) {
        let list: Vec<String> = offences
            .iter()
            .map(|offence| format!("{} ({})", offence.on, offence.area))
            .collect();
        findings.push(Finding {
            ground: "art49.17",
            since: first.on,
            detail: format!(
                "held administratively liable after the PRP was issued on {issued_on}: {}",
                list.join(", ")
            ),
        });
    }
    findings
}

/// Whether a reminder is due on `as_of` for a permit valid until `valid_to`: from `days_before`
/// days before the last day of validity up to that day.
pub fn expiry_reminder_due(valid_to: NaiveDate, as_of: NaiveDate, days_before: u32) -> bool {
    as_of <= valid_to && crate::dates::days_between(as_of, valid_to) <= i64::from(days_before)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn offence(area: OffenceArea, on: &str) -> AdminOffence {
        AdminOffence { area, on: day(on) }
    }

    #[test]
    fn only_facts_after_the_issue_are_findings() {
        let issued = day("2025-03-01");
        let facts = HolderFacts {
            criminal: CriminalFacts::default(),
            offences: vec![
                offence(OffenceArea::Migration, "2025-02-28"),
                offence(OffenceArea::Other, "2025-06-01"),
            ],
            expelled_on: Some(day("2025-02-28")),
        };
        assert_eq!(registry_findings(issued, false, &facts), vec![]);
        let later = HolderFacts {
            offences: vec![
                offence(OffenceArea::Tax, "2025-09-01"),
                offence(OffenceArea::Labour, "2025-03-01"),
            ],
            expelled_on: Some(day("2025-03-01")),
            criminal: CriminalFacts {
                unexpunged_conviction: true,
                ..CriminalFacts::default()
            },
        };
        let found = registry_findings(issued, false, &later);
        let grounds: Vec<(&str, NaiveDate)> = found.iter().map(|finding| (finding.ground, finding.since)).collect();
        assert_eq!(
            grounds,
            vec![
                ("art49.9", issued),
                ("art49.13", day("2025-03-01")),
                ("art49.17", day("2025-03-01"))
            ]
        );
        assert!(found[2].detail.contains("2025-03-01 (labour), 2025-09-01 (tax)"));
    }

    #[test]
    fn the_exempt_are_not_found_under_art49_17_but_are_under_the_others() {
        let issued = day("2025-03-01");
        let facts = HolderFacts {
            offences: vec![offence(OffenceArea::Migration, "2025-04-01")],
            expelled_on: Some(day("2025-05-01")),
            ..HolderFacts::default()
        };
        let grounds: Vec<&str> = registry_findings(issued, true, &facts)
            .iter()
            .map(|finding| finding.ground)
            .collect();
        assert_eq!(grounds, vec!["art49.13"]);
    }

    #[test]
    fn a_reminder_is_due_from_thirty_days_before_the_last_day() {
        let last = day("2026-12-31");
        assert!(!expiry_reminder_due(last, day("2026-11-30"), 30));
        assert!(expiry_reminder_due(last, day("2026-12-01"), 30));
        assert!(expiry_reminder_due(last, last, 30));
        assert!(!expiry_reminder_due(last, day("2027-01-01"), 30));
    }
}
