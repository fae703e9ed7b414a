//! Dated parameters and editions of the rules (catalogue §13).
//!
//! Everything a later order can change is a value with the date it entered into force and its
//! source: the MCI, terms, limits. An installation can add or override entries without a new
//! release (see `ruqsat-contract`). The engine resolves the values in force on the submission
//! date, and the edition of the rules in force on that date.

use chrono::{FixedOffset, NaiveDate, NaiveTime};

use crate::codes::vocabulary;

vocabulary! {
    /// The dated parameters of the rules.
    pub enum ParameterName ("parameter") {
        /// TRP term in working days (Appendix 1-1 item 3).
        TrpTermWorkingDays = "trp.term_working_days",
        /// PRP term in calendar days (Appendix 3 item 3).
        PrpTermCalendarDays = "prp.term_calendar_days",
        /// Time of day the result is due (Interpretation (deadlines): end of the provider's day).
        DueTime = "result.due_time",
        /// The PRP passport must be valid more than this many days after the application date.
        PrpPassportMinValidityDays = "prp.passport_min_validity_days",
        /// PRP documents 3, 4, 7 issued no more than this many days before the application.
        PrpDocumentMaxAgeDays = "prp.document_max_age_days",
        /// PRP state duty in MCI (Tax Code; Appendix 3 item 6).
        PrpDutyMci = "prp.duty_mci",
        /// Longest TRP for a PRP applicant, in calendar days (Law Art. 7).
        PrpApplicantTrpMaxDays = "trp.prp_applicant_max_days",
        /// Days after the 16th birthday to apply for a TRP (Rules p.5).
        Age16ApplicationDays = "trp.age16_application_days",
        /// Years of a labour TRP for permit-exempt migrants and AIFC workers.
        LabourTrpYears = "trp.labour_years",
        /// Longest total TRP of an AIFC investment resident, in years.
        AifcMaxYears = "trp.aifc_max_years",
        /// Years after an expulsion during which a PRP is refused (art49.13).
        ExpulsionYears = "art49_13.expulsion_years",
        /// Fewest days of presence in a twelve-month period for a PRP holder (art49.15).
        HolderMinDays = "art49_15.min_days",
        /// Violations that make "repeatedly" (art49.5).
        RepeatedViolations = "art49_5.repeated_min",
        /// Valid domestic-work TRPs allowed per employer (Law Art. 43-2 p.5); unset by default.
        DomesticWorkTrpLimit = "chk5.domestic_work_trp_limit",
        /// Whether the supporting document's term caps a TRP of other purposes (unconfirmed).
        CapBySupportingDocument = "trp.cap_by_supporting_document",
        /// Offset of Kazakhstan time from UTC, in minutes.
        UtcOffsetMinutes = "time.utc_offset_minutes",
        /// Fewest days of housing and permanent registration under the PRP contract (document 6).
        PrpHousingMinDays = "prp.housing_min_days",
        /// Longest overstay for which liability under Art. 517 allows a late TRP application.
        Art517MaxOverstayDays = "acc_late.art517_max_overstay_days",
        /// Months within which a refusal or revocation can be appealed to the higher body.
        AppealMonths = "appeal.months",
        /// Working days after the notice of a preliminary refusal in which the applicant may
        /// object (APPK Art. 73; interpretation 60); 0: no hearing.
        HearingReplyWorkingDays = "hearing.reply_working_days",
        /// The desk (the provider) starts taking applications (Appendix 1-1 and 3, item 7).
        DeskOpens = "hours.desk.opens",
        /// The desk stops taking applications.
        DeskCloses = "hours.desk.closes",
        /// The desk's lunch break begins.
        DeskBreakFrom = "hours.desk.break_from",
        /// The desk's lunch break ends.
        DeskBreakUntil = "hours.desk.break_until",
        /// The State Corporation starts taking applications.
        StateCorporationOpens = "hours.state_corporation.opens",
        /// The State Corporation stops taking applications.
        StateCorporationCloses = "hours.state_corporation.closes",
        /// A State Corporation duty office starts taking applications on working days.
        DutyOfficeOpens = "hours.duty_office.opens",
        /// A duty office stops taking applications on working days.
        DutyOfficeCloses = "hours.duty_office.closes",
        /// A duty office starts taking applications on Saturdays.
        DutyOfficeSaturdayOpens = "hours.duty_office.saturday_opens",
        /// A duty office stops taking applications on Saturdays.
        DutyOfficeSaturdayCloses = "hours.duty_office.saturday_closes",
    }
}

/// A parameter value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterValue {
    /// A whole number.
    Integer(i64),
    /// A time of day.
    Time(NaiveTime),
    /// Yes or no.
    Flag(bool),
    /// Deliberately not set (the installation must set it).
    Unset,
}

/// One dated value of a parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParameterEntry {
    /// Which parameter.
    pub name: ParameterName,
    /// Its value from `in_force_from` on.
    pub value: ParameterValue,
    /// Date of entry into force.
    pub in_force_from: NaiveDate,
    /// Legal source, or the interpretation it records.
    pub source: String,
}

/// One dated value of the monthly calculation index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MciEntry {
    /// Value in tenge.
    pub amount_kzt: u64,
    /// Date of entry into force.
    pub in_force_from: NaiveDate,
    /// Legal source (the republican budget law).
    pub source: String,
}

/// The texts of the Rules that the code implements; an edition names the set it uses, and a rule
/// whose text changes between editions is dispatched on it (`match run.rules()`) inside the one
/// function of its legal code, so that a search for the code lands on every version of it.
///
/// Adding an edition: a variant here, a `[[edition]]` entry in `data/parameters.toml` naming it,
/// and, in the function of each code whose text changes, the arm of the new variant. The
/// compiler then lists every rule that must say what the new edition does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSet {
    /// Rules No. 992 as amended by Order No. 219 of 11 March 2024.
    Order219,
    /// A made-up amendment that exists only to prove the seam in the tests (feature
    /// `test-edition`, never in a release): from its date, a missing consent to access restricted
    /// data is no longer a ground of refusal of a TRP (`trp.9.4`).
    #[cfg(feature = "test-edition")]
    TestAmendment,
}

impl RuleSet {
    /// Every rule set this build implements.
    pub const ALL: &[RuleSet] = &[
        RuleSet::Order219,
        #[cfg(feature = "test-edition")]
        RuleSet::TestAmendment,
    ];

    /// The identifier used in data files.
    pub fn as_str(&self) -> &'static str {
        match self {
            RuleSet::Order219 => "order-219",
            #[cfg(feature = "test-edition")]
            RuleSet::TestAmendment => "test-amendment",
        }
    }
}

impl std::str::FromStr for RuleSet {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        RuleSet::ALL
            .iter()
            .copied()
            .find(|rules| rules.as_str() == text)
            .ok_or_else(|| {
                let known: Vec<&str> = RuleSet::ALL.iter().map(RuleSet::as_str).collect();
                format!("unknown rules {text:?} (known: {})", known.join(", "))
            })
    }
}

/// An edition of the Rules with its date of entry into force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Stable identifier, e.g. `order-219`.
    pub id: String,
    /// Date of entry into force.
    pub in_force_from: NaiveDate,
    /// The rules the engine applies under this edition.
    pub rule_set: RuleSet,
    /// The amending act.
    pub source: String,
}

/// The largest count a parameter may hold (days, months, MCI).
pub const MAX_COUNT: u32 = 1_000_000;

/// The terms and limits in force on one date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    /// TRP term in working days.
    pub trp_term_working_days: u32,
    /// PRP term in calendar days.
    pub prp_term_calendar_days: u32,
    /// Time of day the result is due.
    pub due_time: NaiveTime,
    /// Minimum validity of the PRP passport after the application date, exclusive.
    pub prp_passport_min_validity_days: u32,
    /// Maximum age of PRP documents 3, 4, 7.
    pub prp_document_max_age_days: u32,
    /// PRP state duty in MCI.
    pub prp_duty_mci: u32,
    /// Longest TRP for a PRP applicant, in days.
    pub prp_applicant_trp_max_days: u32,
    /// Days after the 16th birthday to apply.
    pub age16_application_days: u32,
    /// Years of a labour TRP for permit-exempt migrants and AIFC workers.
    pub labour_trp_years: u32,
    /// Longest total TRP of an AIFC investment resident, in years.
    pub aifc_max_years: u32,
    /// Years after an expulsion during which a PRP is refused.
    pub expulsion_years: u32,
    /// Fewest days of presence in a twelve-month period for a PRP holder.
    pub holder_min_days: u32,
    /// Violations that make "repeatedly".
    pub repeated_violations: u32,
    /// Domestic-work TRPs allowed per employer; `None` until an installation sets it.
    pub domestic_work_trp_limit: Option<u32>,
    /// Whether the supporting document's term caps a TRP of other purposes.
    pub cap_by_supporting_document: bool,
    /// Offset of Kazakhstan time from UTC, in minutes.
    pub utc_offset_minutes: i32,
    /// Fewest days of housing and registration under the PRP housing contract.
    pub prp_housing_min_days: u32,
    /// Longest overstay covered by liability under Art. 517.
    pub art517_max_overstay_days: u32,
    /// Months within which a refusal or revocation can be appealed.
    pub appeal_months: u32,
    /// Working days to object to a preliminary refusal (0: no hearing).
    pub hearing_reply_working_days: u32,
    /// The hours in which the desk and the State Corporation take applications.
    pub hours: ChannelHours,
}

/// The hours in which one office takes applications on a day: from `opens` (included) to
/// `closes` (excluded), except a break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningHours {
    /// The first minute applications are taken.
    pub opens: NaiveTime,
    /// The first minute they are no longer taken.
    pub closes: NaiveTime,
    /// A break within the hours (from included, until excluded), if any.
    pub break_time: Option<(NaiveTime, NaiveTime)>,
}

impl OpeningHours {
    /// Whether applications are taken at `time` of an open day.
    pub fn contains(&self, time: NaiveTime) -> bool {
        let in_break = self
            .break_time
            .is_some_and(|(from, until)| time >= from && time < until);
        time >= self.opens && time < self.closes && !in_break
    }
}

/// The hours of every channel that has hours (Appendix 1-1 item 7, Appendix 3 item 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelHours {
    /// The police desk, on working days.
    pub desk: OpeningHours,
    /// An ordinary office of the State Corporation, on working days.
    pub state_corporation: OpeningHours,
    /// A duty office of the State Corporation, on working days.
    pub duty_office: OpeningHours,
    /// A duty office on Saturdays that are not public holidays.
    pub duty_office_saturday: OpeningHours,
}

/// Why parameters cannot be built or resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParameterError {
    /// No value of a parameter is in force on a date.
    #[error("parameter {name} has no value in force on {date}")]
    Missing {
        /// The parameter.
        name: ParameterName,
        /// The date asked for.
        date: NaiveDate,
    },
    /// A value of the wrong kind, e.g. a time where a number is expected.
    #[error("parameter {name} in force from {in_force_from} has a value of the wrong kind or range")]
    Kind {
        /// The parameter.
        name: ParameterName,
        /// The entry's date.
        in_force_from: NaiveDate,
    },
    /// No edition of the rules is in force on a date.
    #[error("no edition of the Rules is known in force on {date} (the earliest known took effect on {earliest})")]
    NoEdition {
        /// The date asked for.
        date: NaiveDate,
        /// Date of entry into force of the earliest edition, if any.
        earliest: String,
    },
    /// No MCI value is in force on a date.
    #[error("no monthly calculation index (MCI) is known in force on {0}")]
    NoMci(NaiveDate),
}

/// All dated parameters, editions and MCI values, ready to resolve.
#[derive(Debug, Clone)]
pub struct Parameters {
    // Invariant: sorted by date; each segment's terms are complete.
    segments: Vec<(NaiveDate, Terms)>,
    // Invariant: sorted by in_force_from.
    editions: Vec<Edition>,
    // Invariant: sorted by in_force_from.
    mci: Vec<MciEntry>,
    entries: Vec<ParameterEntry>,
}

impl Parameters {
    /// Checks and indexes the entries. Dates before the first complete set of terms resolve to
    /// an error; later dates resolve to the latest value of each parameter.
    pub fn new(
        mut entries: Vec<ParameterEntry>,
        mut editions: Vec<Edition>,
        mut mci: Vec<MciEntry>,
    ) -> Result<Self, ParameterError> {
        entries.sort_by_key(|entry| (entry.in_force_from, entry.name));
        editions.sort_by_key(|edition| edition.in_force_from);
        mci.sort_by_key(|entry| entry.in_force_from);
        let mut dates: Vec<NaiveDate> = entries.iter().map(|entry| entry.in_force_from).collect();
        dates.dedup();
        let mut segments = Vec::with_capacity(dates.len());
        for date in dates {
            match resolve_terms(&entries, date) {
                Ok(terms) => segments.push((date, terms)),
                Err(ParameterError::Missing { .. }) => continue,
                Err(error) => return Err(error),
            }
        }
        Ok(Parameters {
            segments,
            editions,
            mci,
            entries,
        })
    }

    /// The terms in force on `date`.
    pub fn terms_on(&self, date: NaiveDate) -> Result<&Terms, ParameterError> {
        let index = self.segments.partition_point(|(from, _)| *from <= date);
        if index == 0 {
            let name = ParameterName::ALL
                .iter()
                .copied()
                .find(|name| {
                    !self
                        .entries
                        .iter()
                        .any(|entry| entry.name == *name && entry.in_force_from <= date)
                })
                .unwrap_or(ParameterName::TrpTermWorkingDays);
            return Err(ParameterError::Missing { name, date });
        }
        Ok(&self.segments[index - 1].1)
    }

    /// The edition of the rules in force on `date`.
    pub fn edition_on(&self, date: NaiveDate) -> Result<&Edition, ParameterError> {
        let index = self.editions.partition_point(|edition| edition.in_force_from <= date);
        if index == 0 {
            let earliest = self
                .editions
                .first()
                .map_or_else(|| "none".to_owned(), |edition| edition.in_force_from.to_string());
            return Err(ParameterError::NoEdition { date, earliest });
        }
        Ok(&self.editions[index - 1])
    }

    /// The MCI in force on `date`.
    pub fn mci_on(&self, date: NaiveDate) -> Result<&MciEntry, ParameterError> {
        let index = self.mci.partition_point(|entry| entry.in_force_from <= date);
        if index == 0 {
            return Err(ParameterError::NoMci(date));
        }
        let entry = &self.mci[index - 1];
        // An MCI is set for one budget year; beyond it the value is not known yet.
        let next_year = NaiveDate::from_ymd_opt(chrono::Datelike::year(&entry.in_force_from) + 1, 1, 1);
        if index == self.mci.len() && next_year.is_some_and(|next| date >= next) {
            return Err(ParameterError::NoMci(date));
        }
        Ok(entry)
    }

    /// Every edition, oldest first.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// Every parameter entry, by date.
    pub fn entries(&self) -> &[ParameterEntry] {
        &self.entries
    }

    /// Every MCI entry, by date.
    pub fn mci_entries(&self) -> &[MciEntry] {
        &self.mci
    }

    /// The offset of Kazakhstan time from UTC in force on `date` (`time.utc_offset_minutes`);
    /// before the first complete set of terms, the first offset known (instants that old are
    /// only displayed, never decided on). `None` when no terms are known at all.
    pub fn utc_offset_on(&self, date: NaiveDate) -> Option<FixedOffset> {
        let index = self.segments.partition_point(|(from, _)| *from <= date);
        let (_, terms) = self.segments.get(index.saturating_sub(1))?;
        FixedOffset::east_opt(terms.utc_offset_minutes * 60)
    }
}

fn resolve_terms(entries: &[ParameterEntry], date: NaiveDate) -> Result<Terms, ParameterError> {
    let latest = |name: ParameterName| {
        entries
            .iter()
            .rev()
            .find(|entry| entry.name == name && entry.in_force_from <= date)
            .ok_or(ParameterError::Missing { name, date })
    };
    let count = |name: ParameterName| -> Result<u32, ParameterError> {
        let entry = latest(name)?;
        match entry.value {
            // A count of days, months or MCI beyond a million is a typing error (and would
            // overflow the dates it moves): refused like a value of the wrong kind.
            ParameterValue::Integer(value) => {
                u32::try_from(value)
                    .ok()
                    .filter(|value| *value <= MAX_COUNT)
                    .ok_or(ParameterError::Kind {
                        name,
                        in_force_from: entry.in_force_from,
                    })
            }
            ParameterValue::Time(_) | ParameterValue::Flag(_) | ParameterValue::Unset => Err(ParameterError::Kind {
                name,
                in_force_from: entry.in_force_from,
            }),
        }
    };
    let limit = |name: ParameterName| -> Result<Option<u32>, ParameterError> {
        let entry = latest(name)?;
        match entry.value {
            ParameterValue::Unset => Ok(None),
            ParameterValue::Integer(_) | ParameterValue::Time(_) | ParameterValue::Flag(_) => count(name).map(Some),
        }
    };
    let flag = |name: ParameterName| -> Result<bool, ParameterError> {
        let entry = latest(name)?;
        match entry.value {
            ParameterValue::Flag(value) => Ok(value),
            ParameterValue::Integer(_) | ParameterValue::Time(_) | ParameterValue::Unset => Err(ParameterError::Kind {
                name,
                in_force_from: entry.in_force_from,
            }),
        }
    };
    let time = |name: ParameterName| -> Result<NaiveTime, ParameterError> {
        let entry = latest(name)?;
        match entry.value {
            ParameterValue::Time(value) => Ok(value),
            ParameterValue::Integer(_) | ParameterValue::Flag(_) | ParameterValue::Unset => Err(ParameterError::Kind {
                name,
                in_force_from: entry.in_force_from,
            }),
        }
    };
    let offset = latest(ParameterName::UtcOffsetMinutes)?;
    let utc_offset_minutes = match offset.value {
        ParameterValue::Integer(value) if (-720..=840).contains(&value) => value as i32,
        ParameterValue::Integer(_) | ParameterValue::Time(_) | ParameterValue::Flag(_) | ParameterValue::Unset => {
            return Err(ParameterError::Kind {
                name: ParameterName::UtcOffsetMinutes,
                in_force_from: offset.in_force_from,
            });
        }
    };
    Ok(Terms {
        trp_term_working_days: count(ParameterName::TrpTermWorkingDays)?,
        prp_term_calendar_days: count(ParameterName::PrpTermCalendarDays)?,
        due_time: time(ParameterName::DueTime)?,
        prp_passport_min_validity_days: count(ParameterName::PrpPassportMinValidityDays)?,
        prp_document_max_age_days: count(ParameterName::PrpDocumentMaxAgeDays)?,
        prp_duty_mci: count(ParameterName::PrpDutyMci)?,
        prp_applicant_trp_max_days: count(ParameterName::PrpApplicantTrpMaxDays)?,
        age16_application_days: count(ParameterName::Age16ApplicationDays)?,
        labour_trp_years: count(ParameterName::LabourTrpYears)?,
        aifc_max_years: count(ParameterName::AifcMaxYears)?,
        expulsion_years: count(ParameterName::ExpulsionYears)?,
        holder_min_days: count(ParameterName::HolderMinDays)?,
        repeated_violations: count(ParameterName::RepeatedViolations)?,
        domestic_work_trp_limit: limit(ParameterName::DomesticWorkTrpLimit)?,
        cap_by_supporting_document: flag(ParameterName::CapBySupportingDocument)?,
        utc_offset_minutes,
        prp_housing_min_days: count(ParameterName::PrpHousingMinDays)?,
        art517_max_overstay_days: count(ParameterName::Art517MaxOverstayDays)?,
        appeal_months: count(ParameterName::AppealMonths)?,
        hearing_reply_working_days: count(ParameterName::HearingReplyWorkingDays)?,
        hours: ChannelHours {
            desk: OpeningHours {
                opens: time(ParameterName::DeskOpens)?,
                closes: time(ParameterName::DeskCloses)?,
                break_time: Some((
                    time(ParameterName::DeskBreakFrom)?,
                    time(ParameterName::DeskBreakUntil)?,
                )),
            },
            state_corporation: OpeningHours {
                opens: time(ParameterName::StateCorporationOpens)?,
                closes: time(ParameterName::StateCorporationCloses)?,
                break_time: None,
            },
            duty_office: OpeningHours {
                opens: time(ParameterName::DutyOfficeOpens)?,
                closes: time(ParameterName::DutyOfficeCloses)?,
                break_time: None,
            },
            duty_office_saturday: OpeningHours {
                opens: time(ParameterName::DutyOfficeSaturdayOpens)?,
                closes: time(ParameterName::DutyOfficeSaturdayCloses)?,
                break_time: None,
            },
        },
    })
}
