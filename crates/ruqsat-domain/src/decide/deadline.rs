//! The term of the service and the fee (catalogue §3, **Interpretation (deadlines)**).

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::application::Request;
use crate::codes::Service;
use crate::dates::add_days;
use crate::decision::{DayZero, Explanation};

use super::{DecideError, Law, Run};

/// When the result is due.
///
/// TRP (Appendix 1-1 item 3, item 7.3): day 0 is the submission date when it is a working day
/// and the submission came before the end of the provider's day (18:30); otherwise the next
/// working day. The result is due at 18:30 on the first working day after day 0.
///
/// PRP (Appendix 3 item 3): day 0 is the submission date; the result is due at 18:30 on day 0
/// plus 45 calendar days, or on the next working day when that day is not a working day.
pub(super) fn due_at(run: &mut Run<'_>) -> Result<DateTime<FixedOffset>, DecideError> {
    let (due_at, explanations) = due_time(run.law, run.application.request.service(), run.local)?;
    run.explanation.extend(explanations);
    Ok(due_at)
}

/// When the result of an application of `service` submitted at `submitted` (Kazakhstan time) is
/// due, with the explanation of the count (the rule above). The forms show it before submission.
pub fn due_time(
    law: &Law,
    service: Service,
    submitted: DateTime<FixedOffset>,
) -> Result<(DateTime<FixedOffset>, Vec<Explanation<'static>>), DecideError> {
    let calendar = law.calendar();
    let calendar_error = |error| DecideError::Calendar {
        field: "submitted_at",
        error,
    };
    let submitted_on = submitted.date_naive();
    let terms = law
        .parameters()
        .terms_on(submitted_on)
        .map_err(|error| DecideError::Parameter {
            field: "submitted_at",
            error,
        })?;
    let at_due_time = |day: NaiveDate| {
        day.and_time(terms.due_time)
            .and_local_timezone(*submitted.offset())
            .single()
            .expect("invariant: a fixed offset maps every local time to one instant")
    };
    let mut explanations = Vec::new();
    let note_provisional = |from: NaiveDate, to: NaiveDate, explanations: &mut Vec<Explanation<'static>>| {
        use chrono::Datelike as _;
        for year in from.year()..=to.year() {
            if calendar.is_provisional(year) {
                explanations.push(Explanation::ProvisionalCalendar(year));
            }
        }
    };
    let due_at = match service {
        Service::Trp => {
            let (day_zero, reason) = trp_day_zero(calendar, submitted, terms.due_time).map_err(calendar_error)?;
            let mut due_day = day_zero;
            for _ in 0..terms.trp_term_working_days {
                due_day = calendar.next_working_day(due_day).map_err(calendar_error)?;
            }
            let due_at = at_due_time(due_day);
            note_provisional(submitted_on, due_day, &mut explanations);
            explanations.push(Explanation::TrpDue {
                day_zero,
                reason,
                due_at,
                working_days: terms.trp_term_working_days,
            });
            due_at
        }
        Service::Prp => {
            let last_day = add_days(submitted_on, terms.prp_term_calendar_days);
            let due_day = calendar.this_or_next_working_day(last_day).map_err(calendar_error)?;
            let due_at = at_due_time(due_day);
            note_provisional(submitted_on, due_day, &mut explanations);
            explanations.push(Explanation::PrpDue {
                day_zero: submitted_on,
                last_day,
                due_at,
                calendar_days: terms.prp_term_calendar_days,
            });
            due_at
        }
    };
    Ok((due_at, explanations))
}

/// Day zero of a TRP's term (Appendix 1-1 item 3, item 7.3): the submission date when it is a
/// working day and the submission came before the end of the provider's day; otherwise the next
/// working day.
fn trp_day_zero(
    calendar: &crate::calendar::WorkingCalendar,
    submitted: DateTime<FixedOffset>,
    end_of_day: chrono::NaiveTime,
) -> Result<(NaiveDate, DayZero), crate::calendar::CalendarError> {
    let submitted_on = submitted.date_naive();
    Ok(if !calendar.is_working_day(submitted_on)? {
        (calendar.next_working_day(submitted_on)?, DayZero::DayOff)
    } else if submitted.time() >= end_of_day {
        (calendar.next_working_day(submitted_on)?, DayZero::AfterHours)
    } else {
        (submitted_on, DayZero::SubmissionDay)
    })
}

/// A change of the term of a case (interpretation 61): a suspension, during which the term does
/// not run, or an extension, which adds days to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermChange {
    /// The term does not run on the days `from..=until` (Kazakhstan dates).
    Suspension {
        /// The first suspended day.
        from: NaiveDate,
        /// The last suspended day.
        until: NaiveDate,
    },
    /// The term gains `days` (calendar days for a PRP, working days for a TRP).
    Extension {
        /// How many.
        days: u32,
    },
}

/// The due time of a case whose term was suspended or extended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangedTerm {
    /// When the result is due now.
    pub due_at: DateTime<FixedOffset>,
    /// The days of the term that did not run (calendar days for a PRP, working days for a TRP):
    /// the days counted apart by the reports.
    pub suspended_days: u32,
    /// The days added by extensions.
    pub extension_days: u32,
}

/// The due time of an application of `service` submitted at `submitted` after `changes`: the
/// term is counted as in [`due_time`], except that a suspended day does not count (for a PRP any
/// suspended calendar day after submission; for a TRP a suspended working day) and extensions
/// add days. The last day still moves to the next working day for a PRP. With no changes it is
/// [`due_time`]'s answer (a test holds them together).
pub fn changed_due_time(
    law: &Law,
    service: Service,
    submitted: DateTime<FixedOffset>,
    changes: &[TermChange],
) -> Result<ChangedTerm, DecideError> {
    let calendar = law.calendar();
    let calendar_error = |error| DecideError::Calendar {
        field: "submitted_at",
        error,
    };
    let submitted_on = submitted.date_naive();
    let terms = law
        .parameters()
        .terms_on(submitted_on)
        .map_err(|error| DecideError::Parameter {
            field: "submitted_at",
            error,
        })?;
    let suspended = |day: NaiveDate| {
        changes.iter().any(|change| match change {
            TermChange::Suspension { from, until } => *from <= day && day <= *until,
            TermChange::Extension { .. } => false,
        })
    };
    let extension_days: u32 = changes
        .iter()
        .map(|change| match change {
            TermChange::Extension { days } => *days,
            TermChange::Suspension { .. } => 0,
        })
        .sum();
    let mut suspended_days = 0;
    let due_day = match service {
        Service::Trp => {
            let (mut day, _) = trp_day_zero(calendar, submitted, terms.due_time).map_err(calendar_error)?;
            let mut remaining = terms.trp_term_working_days + extension_days;
            while remaining > 0 {
                day = calendar.next_working_day(day).map_err(calendar_error)?;
                if suspended(day) {
                    suspended_days += 1;
                } else {
                    remaining -= 1;
                }
            }
            day
        }
        Service::Prp => {
            let mut day = submitted_on;
            let mut remaining = terms.prp_term_calendar_days + extension_days;
            while remaining > 0 {
                day = add_days(day, 1);
                if suspended(day) {
                    suspended_days += 1;
                } else {
                    remaining -= 1;
                }
            }
            calendar.this_or_next_working_day(day).map_err(calendar_error)?
        }
    };
    let due_at = due_day
        .and_time(terms.due_time)
        .and_local_timezone(*submitted.offset())
        .single()
        .expect("invariant: a fixed offset maps every local time to one instant");
    Ok(ChangedTerm {
        due_at,
        suspended_days,
        extension_days,
    })
}

/// The fee: a TRP is free; a PRP costs 4 MCI at the MCI in force on the day of payment, or of
/// submission while nothing is paid (Appendix 3 item 6; Tax Code).
pub(super) fn fee(run: &mut Run<'_>) -> Result<u64, DecideError> {
    match run.application.request {
        Request::Trp(_) => {
            run.explanation.push(Explanation::FeeFree);
            Ok(0)
        }
        Request::Prp => {
            let (basis_on, paid, field): (NaiveDate, bool, &'static str) = match run.application.registry.duty_payment {
                Some(payment) => (payment.paid_on, true, "registry.duty_payment.paid_on"),
                None => (run.submitted_on, false, "submitted_at"),
            };
            let mci = run
                .law
                .parameters()
                .mci_on(basis_on)
                .map_err(|error| DecideError::Parameter { field, error })?;
            let fee_kzt = mci.amount_kzt.saturating_mul(u64::from(run.terms.prp_duty_mci));
            run.explanation.push(Explanation::Fee {
                fee_kzt,
                mci_kzt: mci.amount_kzt,
                mci_count: run.terms.prp_duty_mci,
                basis_on,
                paid,
            });
            Ok(fee_kzt)
        }
    }
}
