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
            let working = calendar.is_working_day(submitted_on).map_err(calendar_error)?;
            let (day_zero, reason) = if !working {
                (
                    calendar.next_working_day(submitted_on).map_err(calendar_error)?,
                    DayZero::DayOff,
                )
            } else if submitted.time() >= terms.due_time {
                (
                    calendar.next_working_day(submitted_on).map_err(calendar_error)?,
                    DayZero::AfterHours,
                )
            } else {
                (submitted_on, DayZero::SubmissionDay)
            };
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
            let fee_kzt = mci.amount_kzt * u64::from(run.terms.prp_duty_mci);
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
