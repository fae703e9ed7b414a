//! The administrative procedure around a decision (Administrative Procedural and Process Code):
//! the hearing before a refusal (Art. 73; interpretation 60), a term that can be suspended,
//! resumed and extended (interpretation 61), and appeals against refusals and revocations
//! (interpretation 62). Each step is one transition of the case, with its event and audit entry.

use chrono::{DateTime, Months, NaiveDate, Utc};
use ruqsat_domain::case::{CaseAction, CaseState, EventReason};
use ruqsat_domain::codes::{AppealBody, Channel, PauseReason};
use ruqsat_domain::decide::changed_due_time;
use ruqsat_store::{CaseRow, CaseUpdate, NewEvent};

use crate::actors::{Caller, Role};
use crate::records::{
    AppealEntry, AppealOutcome, DecisionRecord, HearingRecord, ObjectionRecord, TermEntry, TermRecord,
};
use crate::workflow::{application_of, next, visible_case};
use crate::{CaseError, Service};

/// The longest suspension at once, in days (interpretation 61): a longer wait is a new
/// suspension with its own reason, so that each is reviewed.
pub const MAX_SUSPENSION_DAYS: i64 = 90;

/// The longest extension at once, in days (interpretation 61).
pub const MAX_EXTENSION_DAYS: u32 = 30;

/// The most days a case's term may be suspended in all, and extended in all (interpretation 61).
pub const MAX_SUSPENDED_DAYS_IN_ALL: i64 = 180;
/// The most days a case's term may be extended in all.
pub const MAX_EXTENSION_DAYS_IN_ALL: u32 = 60;
/// How many days back a supervisor may date a suspension's first day (an officer: from today).
pub const MAX_BACKDATE_DAYS: i64 = 10;
/// The most appeals recorded on one case.
pub const MAX_APPEALS: usize = 20;

/// The longest objection, in characters.
pub const MAX_OBJECTION_CHARS: usize = 4000;

/// The due instant of `case` after the changes of `term`.
pub fn due_after(state: &Service, case: &CaseRow, term: &TermRecord) -> Result<DateTime<Utc>, CaseError> {
    let submitted = state.law.local(case.submitted_at);
    changed_due_time(&state.law, case.service, submitted, &term.changes())
        .map(|changed| changed.due_at.with_timezone(&Utc))
        .map_err(|source| CaseError::Engine { case: case.id, source })
}

/// The days of the term of `case` that did not run, and the days added.
pub fn term_days(state: &Service, case: &CaseRow) -> Result<(u32, u32), CaseError> {
    term_days_under(&state.law, case)
}

/// [`term_days`] under `law` (for the reports).
pub fn term_days_under(law: &ruqsat_domain::decide::Law, case: &CaseRow) -> Result<(u32, u32), CaseError> {
    let term = TermRecord::read(case)?;
    if term.changes.is_empty() {
        return Ok((0, 0));
    }
    let submitted = law.local(case.submitted_at);
    changed_due_time(law, case.service, submitted, &term.changes())
        .map(|changed| (changed.suspended_days, changed.extension_days))
        .map_err(|source| CaseError::Engine { case: case.id, source })
}

/// The last day to object to a preliminary refusal notified on `notified_on`: the
/// `hearing.reply_working_days`-th working day after it; `None` when no hearing is held.
pub fn hearing_until(state: &Service, case_id: i64, notified_on: NaiveDate) -> Result<Option<NaiveDate>, CaseError> {
    let engine = |source| CaseError::Engine { case: case_id, source };
    let days = state
        .law
        .parameters()
        .terms_on(notified_on)
        .map_err(|error| {
            engine(ruqsat_domain::decide::DecideError::Parameter {
                field: "decided_on",
                error,
            })
        })?
        .hearing_reply_working_days;
    if days == 0 {
        return Ok(None);
    }
    let mut day = notified_on;
    for _ in 0..days {
        day = state.law.calendar().next_working_day(day).map_err(|error| {
            engine(ruqsat_domain::decide::DecideError::Calendar {
                field: "decided_on",
                error,
            })
        })?;
    }
    Ok(Some(day))
}

/// The first instant after the local day `day` (when a window that ends on `day` has lapsed).
pub fn after_day(state: &Service, day: NaiveDate, now: DateTime<Utc>) -> DateTime<Utc> {
    let next = day.succ_opt().unwrap_or(day);
    next.and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(*state.law.local(now).offset())
        .single()
        .expect("invariant: a fixed offset maps every local time to one instant")
        .with_timezone(&Utc)
}

/// What the preliminary refusal changes in the case: the hearing record, the suspension of the
/// term during the window and the notification (used by `workflow::decide_case`).
pub(crate) struct HearingStart {
    /// The hearing.
    pub hearing: HearingRecord,
    /// The term with the window's suspension.
    pub term: TermRecord,
    /// The recomputed due instant.
    pub due_at: DateTime<Utc>,
    /// When the window lapses.
    pub lapses_at: DateTime<Utc>,
}

/// Opens the hearing of `case` on `today` with the officer's preliminary reasoning, or `None`
/// when no hearing is held (the parameter is 0).
pub(crate) fn start_hearing(
    state: &Service,
    case: &CaseRow,
    today: NaiveDate,
    now: DateTime<Utc>,
    reason: &str,
) -> Result<Option<HearingStart>, CaseError> {
    let Some(until) = hearing_until(state, case.id, today)? else {
        return Ok(None);
    };
    let mut term = TermRecord::read(case)?;
    term.changes.push(TermEntry {
        reason: PauseReason::Hearing.as_str().into(),
        author: ruqsat_domain::codes::Agent::System.as_str().into(),
        recorded_at: now,
        from: Some(today),
        until: Some(until),
        days: None,
        note: None,
    });
    let due_at = due_after(state, case, &term)?;
    Ok(Some(HearingStart {
        hearing: HearingRecord {
            notified_on: today,
            until,
            preliminary_reason: reason.to_owned(),
            objection: None,
            lapsed: false,
            answer: None,
        },
        term,
        due_at,
        lapses_at: after_day(state, until, now),
    }))
}

/// Who brings an objection.
#[derive(Debug, Clone, Copy)]
pub enum ObjectionBy<'a> {
    /// The applicant on the portal's status page (after the number and passport check).
    Applicant,
    /// A staff member or a channel's system.
    Caller(&'a Caller),
}

/// The applicant's objection to the preliminary refusal of case `id`, with the documents
/// attached (their SHA-256, stored with the case beforehand). The window's suspension ends today.
pub async fn object(
    state: &Service,
    by: ObjectionBy<'_>,
    id: i64,
    text: &str,
    mut documents: Vec<String>,
) -> Result<CaseRow, CaseError> {
    let (case, channel, actor) = match by {
        ObjectionBy::Applicant => {
            let case = state.store.case(id).await?.ok_or(CaseError::NotFound)?;
            (case, Channel::Portal, "applicant".to_owned())
        }
        ObjectionBy::Caller(caller) => {
            let case = match caller.role {
                Role::Integration(channel) => {
                    let case = state.store.case(id).await?.ok_or(CaseError::NotFound)?;
                    if case.channel != channel {
                        return Err(CaseError::NotFound);
                    }
                    case
                }
                Role::Officer | Role::Supervisor | Role::Operator => visible_case(state, caller, id).await?,
                Role::Auditor | Role::Administrator | Role::BorderService => {
                    return Err(CaseError::Forbidden("this role does not take objections".into()));
                }
            };
            let channel = match caller.role {
                Role::Integration(channel) => channel,
                Role::Operator => Channel::StateCorporation,
                _ => Channel::Desk,
            };
            (case, channel, caller.login.clone())
        }
    };
    // The documents are the case's own, named by their SHA-256 (uploaded first), each once.
    documents.sort();
    documents.dedup();
    if documents.len() > 20 {
        return Err(CaseError::invalid("documents", "at most 20 documents"));
    }
    let known = state.store.documents(case.id).await?;
    for (index, sha256) in documents.iter().enumerate() {
        if !known.iter().any(|document| &document.sha256 == sha256) {
            return Err(CaseError::invalid(
                format!("documents[{index}]"),
                "not a document of this case: upload it first",
            ));
        }
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(CaseError::refused(
            "objection",
            "error-objection-empty",
            "write the objection: what is wrong in the preliminary decision",
        ));
    }
    if text.chars().count() > MAX_OBJECTION_CHARS {
        return Err(CaseError::refused(
            "objection",
            "error-objection-long",
            format!("the objection is longer than {MAX_OBJECTION_CHARS} characters"),
        ));
    }
    crate::workflow::free_text("objection", text)?;
    let now = (state.clock)();
    let today = state.law.local_date(now);
    let Some(mut decision) = DecisionRecord::read(&case)? else {
        return Err(CaseError::Conflict(format!(
            "case {} has no preliminary decision",
            case.number
        )));
    };
    let next_state = next(&case, CaseAction::Object)?;
    let Some(hearing) = decision.hearing.as_mut() else {
        return Err(CaseError::Conflict(format!("case {} has no hearing", case.number)));
    };
    // After the last day the window is closed, whether or not the worker has run yet.
    if today > hearing.until {
        return Err(CaseError::Conflict(format!(
            "the window to object ended on {}",
            hearing.until
        )));
    }
    hearing.objection = Some(ObjectionRecord {
        received_at: now,
        channel: channel.as_str().into(),
        text: text.to_owned(),
        documents,
    });
    // The term runs again from the day after the objection.
    let mut term = TermRecord::read(&case)?;
    if let Some(entry) = term
        .changes
        .iter_mut()
        .rev()
        .find(|entry| entry.reason == PauseReason::Hearing.as_str())
        && entry.until.is_some_and(|until| until > today)
    {
        entry.until = Some(today);
    }
    let due_at = due_after(state, &case, &term)?;
    let update = CaseUpdate {
        decision: Some(decision.to_json()),
        term: Some(term.to_json()),
        due_at: Some(due_at),
        notifications: crate::notify::to_applicant(
            &application_of(&case)?,
            "notify-objection",
            &[("number", &case.number)],
        ),
        ..CaseUpdate::to(next_state)
    };
    let event = NewEvent {
        actor: &actor,
        action: CaseAction::Object.as_str(),
        reason: Some(&EventReason::Objected(channel)),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// The window of a case in `hearing` ended without an objection: the refusal goes to the
/// supervisor as the officer wrote it (run by the background worker).
pub(crate) async fn lapse_hearing(state: &Service, case: CaseRow) -> Result<CaseRow, CaseError> {
    let now = (state.clock)();
    let today = state.law.local_date(now);
    let Some(mut decision) = DecisionRecord::read(&case)? else {
        return Err(CaseError::Conflict(format!(
            "case {} has no preliminary decision",
            case.number
        )));
    };
    let Some(hearing) = decision.hearing.as_mut() else {
        return Err(CaseError::Conflict(format!("case {} has no hearing", case.number)));
    };
    if today <= hearing.until {
        // Claimed before its time (a clock moved back): the lease brings it back later.
        return Ok(case);
    }
    hearing.lapsed = true;
    let until = hearing.until;
    let update = CaseUpdate {
        decision: Some(decision.to_json()),
        ..CaseUpdate::to(next(&case, CaseAction::LapseHearing)?)
    };
    let event = NewEvent {
        actor: ruqsat_domain::codes::Agent::System.as_str(),
        action: CaseAction::LapseHearing.as_str(),
        reason: Some(&EventReason::HearingLapsed { until }),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// A change of the term asked by an officer or a supervisor.
#[derive(Debug, Clone)]
pub enum TermRequest {
    /// Suspend from one day to another (both included).
    Suspend {
        /// Why.
        reason: PauseReason,
        /// The first day.
        from: NaiveDate,
        /// The last day.
        until: NaiveDate,
    },
    /// End the current suspension today.
    Resume,
    /// Add days to the term.
    Extend {
        /// Why.
        reason: PauseReason,
        /// How many.
        days: u32,
    },
}

/// Suspends, resumes or extends the term of an open case; the due time is recomputed from the
/// calendar and the event names the reason, the author and the dates.
pub async fn change_term(
    state: &Service,
    caller: &Caller,
    id: i64,
    request: TermRequest,
    note: Option<String>,
) -> Result<CaseRow, CaseError> {
    if !matches!(caller.role, Role::Officer | Role::Supervisor) {
        return Err(CaseError::Forbidden("the term is changed by the police body".into()));
    }
    let case = visible_case(state, caller, id).await?;
    let now = (state.clock)();
    let today = state.law.local_date(now);
    let note = note.map(|note| note.trim().to_owned()).filter(|note| !note.is_empty());
    if let Some(note) = &note {
        crate::workflow::free_text("note", note)?;
    }
    let mut term = TermRecord::read(&case)?;
    let submitted_on = state.law.local_date(case.submitted_at);
    let reserved = |reason: PauseReason| {
        if reason == PauseReason::Hearing {
            Err(CaseError::invalid(
                "reason",
                "the hearing's suspension is the system's own",
            ))
        } else {
            Ok(())
        }
    };
    let (action, reason) = match request {
        TermRequest::Suspend { reason, from, until } => {
            reserved(reason)?;
            let earliest = if caller.role == Role::Supervisor {
                today - chrono::Duration::days(MAX_BACKDATE_DAYS)
            } else {
                today
            };
            if from < earliest {
                return Err(CaseError::refused(
                    "from",
                    "error-suspension-backdated",
                    format!("a suspension begins today at the earliest (a supervisor: {MAX_BACKDATE_DAYS} days back)"),
                ));
            }
            let already: i64 = term
                .changes
                .iter()
                .filter_map(|entry| Some((entry.until? - entry.from?).num_days() + 1))
                .sum();
            if already + (until - from).num_days() + 1 > MAX_SUSPENDED_DAYS_IN_ALL {
                return Err(CaseError::refused(
                    "until",
                    "error-suspension-long",
                    format!("a case's term is suspended at most {MAX_SUSPENDED_DAYS_IN_ALL} days in all"),
                ));
            }
            if from < submitted_on {
                return Err(CaseError::refused(
                    "from",
                    "error-suspension-before-submission",
                    format!("a suspension cannot begin before the submission ({submitted_on})"),
                ));
            }
            if until < from {
                return Err(CaseError::refused(
                    "until",
                    "error-suspension-order",
                    "the last day of a suspension is on or after its first day",
                ));
            }
            if (until - from).num_days() + 1 > MAX_SUSPENSION_DAYS {
                return Err(CaseError::refused(
                    "until",
                    "error-suspension-long",
                    format!("a suspension lasts at most {MAX_SUSPENSION_DAYS} days at once"),
                ));
            }
            term.changes.push(TermEntry {
                reason: reason.as_str().into(),
                author: caller.login.clone(),
                recorded_at: now,
                from: Some(from),
                until: Some(until),
                days: None,
                note,
            });
            (CaseAction::Suspend, EventReason::Suspended { reason, from, until })
        }
        TermRequest::Resume => {
            // The hearing's window ends with an objection or by itself, never by hand.
            let Some(entry) = term.changes.iter_mut().rev().find(|entry| {
                entry.reason != PauseReason::Hearing.as_str()
                    && matches!((entry.from, entry.until), (Some(from), Some(until)) if from <= today && today < until)
            }) else {
                return Err(CaseError::refused(
                    "action",
                    "error-not-suspended",
                    "the term is not suspended beyond today",
                ));
            };
            entry.until = Some(today);
            (CaseAction::Resume, EventReason::Resumed { on: today })
        }
        TermRequest::Extend { reason, days } => {
            reserved(reason)?;
            let already: u32 = term.changes.iter().filter_map(|entry| entry.days).sum();
            if already + days.min(MAX_EXTENSION_DAYS + 1) > MAX_EXTENSION_DAYS_IN_ALL {
                return Err(CaseError::refused(
                    "days",
                    "error-extension-days",
                    format!("a case's term is extended at most {MAX_EXTENSION_DAYS_IN_ALL} days in all"),
                ));
            }
            if days == 0 || days > MAX_EXTENSION_DAYS {
                return Err(CaseError::refused(
                    "days",
                    "error-extension-days",
                    format!("an extension adds 1 to {MAX_EXTENSION_DAYS} days"),
                ));
            }
            term.changes.push(TermEntry {
                reason: reason.as_str().into(),
                author: caller.login.clone(),
                recorded_at: now,
                from: None,
                until: None,
                days: Some(days),
                note,
            });
            (CaseAction::Extend, EventReason::Extended { reason, days })
        }
    };
    // A term beyond the published calendar cannot be counted: the user's dates are refused.
    let due_at = due_after(state, &case, &term).map_err(|error| match error {
        CaseError::Engine { .. } => CaseError::refused(
            "until",
            "error-term-calendar",
            "the new term ends beyond the published production calendar",
        ),
        other => other,
    })?;
    let due_text = state.law.local(due_at).format("%Y-%m-%d %H:%M").to_string();
    let update = CaseUpdate {
        term: Some(term.to_json()),
        due_at: Some(due_at),
        notifications: crate::notify::to_applicant(
            &application_of(&case)?,
            "notify-term-changed",
            &[("number", &case.number), ("due", &due_text)],
        ),
        audit_detail: Some(format!("due {}", ruqsat_store::timestamp(due_at))),
        // The background's lease (checks running, a hearing's window) is not the term's business.
        keep_lease: true,
        ..CaseUpdate::to(next(&case, action)?)
    };
    let event = NewEvent {
        actor: &caller.login,
        action: action.as_str(),
        reason: Some(&reason),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// How an act can be appealed: the route and the term counted from `from`.
pub(crate) fn appeal_from(
    state: &Service,
    case_id: i64,
    from: NaiveDate,
    delivered: bool,
) -> Result<crate::records::AppealRecord, CaseError> {
    let months = state
        .law
        .parameters()
        .terms_on(from)
        .map_err(|error| CaseError::Engine {
            case: case_id,
            source: ruqsat_domain::decide::DecideError::Parameter {
                field: "decided_on",
                error,
            },
        })?
        .appeal_months;
    Ok(crate::records::AppealRecord {
        until: from.checked_add_months(Months::new(months)).unwrap_or(from),
        how: APPEAL_ROUTE.into(),
        months,
        from: Some(from),
        delivered,
        received: Vec::new(),
    })
}

/// The route of an appeal, in English (the pages and documents state it in the reader's
/// language).
pub const APPEAL_ROUTE: &str = "a complaint to the higher body of the internal affairs (migration service) or to the body that assesses the quality of state services, then the court (Administrative Procedural and Process Code)";

/// An appeal received against the refusal or the revocation of case `id` is recorded.
pub async fn receive_appeal(
    state: &Service,
    caller: &Caller,
    id: i64,
    body: AppealBody,
    filed_on: NaiveDate,
) -> Result<CaseRow, CaseError> {
    if !matches!(caller.role, Role::Officer | Role::Supervisor) {
        return Err(CaseError::Forbidden("appeals are recorded by the police body".into()));
    }
    let case = visible_case(state, caller, id).await?;
    let now = (state.clock)();
    let today = state.law.local_date(now);
    if filed_on > today {
        return Err(CaseError::refused(
            "filed_on",
            "error-date-future",
            "the day of filing is not in the future",
        ));
    }
    let mut decision = DecisionRecord::read(&case)?
        .ok_or_else(|| CaseError::Conflict(format!("case {} has no decision", case.number)))?;
    let Some(appeal) = decision.appeal.as_mut() else {
        return Err(CaseError::Conflict(format!(
            "case {} has no refusal or revocation to appeal",
            case.number
        )));
    };
    let act_on = decision.signed_on.or(appeal.from).unwrap_or(decision.decided_on);
    if filed_on < act_on {
        return Err(CaseError::refused(
            "filed_on",
            "error-appeal-before-act",
            format!("an appeal is filed after the act ({act_on})"),
        ));
    }
    if appeal.received.len() >= MAX_APPEALS {
        return Err(CaseError::Conflict(format!(
            "case {} has {MAX_APPEALS} appeals recorded",
            case.number
        )));
    }
    appeal.received.push(AppealEntry {
        body: body.as_str().into(),
        filed_on,
        recorded_by: caller.login.clone(),
        outcome: None,
    });
    let update = CaseUpdate {
        decision: Some(decision.to_json()),
        ..CaseUpdate::to(next(&case, CaseAction::ReceiveAppeal)?)
    };
    let event = NewEvent {
        actor: &caller.login,
        action: CaseAction::ReceiveAppeal.as_str(),
        reason: Some(&EventReason::AppealReceived { body, filed_on }),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}

/// The outcome of the last appeal of case `id` without one: upheld, or annulled (a refusal
/// annulled goes back to the officer for a new decision; a revocation annulled is recorded, and
/// the permit's reinstatement is the register's act, interpretation 62).
pub async fn decide_appeal(
    state: &Service,
    caller: &Caller,
    id: i64,
    upheld: bool,
    note: &str,
) -> Result<CaseRow, CaseError> {
    if caller.role != Role::Supervisor {
        return Err(CaseError::Forbidden(
            "the outcome of an appeal is recorded by the supervisor".into(),
        ));
    }
    let note = note.trim();
    if note.is_empty() {
        return Err(CaseError::refused(
            "note",
            "error-appeal-note",
            "name the appeal body's decision (its number and date, or a summary)",
        ));
    }
    crate::workflow::free_text("note", note)?;
    let case = visible_case(state, caller, id).await?;
    let now = (state.clock)();
    let today = state.law.local_date(now);
    let mut decision = DecisionRecord::read(&case)?
        .ok_or_else(|| CaseError::Conflict(format!("case {} has no decision", case.number)))?;
    let refusal = decision.outcome == crate::records::Decided::Refuse;
    let Some(entry) = decision
        .appeal
        .as_mut()
        .and_then(|appeal| appeal.received.iter_mut().rev().find(|entry| entry.outcome.is_none()))
    else {
        return Err(CaseError::Conflict(format!(
            "case {} has no appeal awaiting its outcome",
            case.number
        )));
    };
    entry.outcome = Some(AppealOutcome {
        upheld,
        decided_on: today,
        note: note.to_owned(),
    });
    let action = if !upheld && refusal && case.state != CaseState::Revoked {
        CaseAction::Reconsider
    } else {
        CaseAction::DecideAppeal
    };
    // A refusal annulled is decided again within a new term counted from today (interpretation
    // 62): the earlier term has passed.
    let due_at = if action == CaseAction::Reconsider {
        let (due, _) = ruqsat_domain::decide::due_time(&state.law, case.service, state.law.local(now))
            .map_err(|source| CaseError::Engine { case: case.id, source })?;
        Some(due.with_timezone(&Utc))
    } else {
        None
    };
    let update = CaseUpdate {
        decision: Some(decision.to_json()),
        due_at,
        ..CaseUpdate::to(next(&case, action)?)
    };
    let event = NewEvent {
        actor: &caller.login,
        action: action.as_str(),
        reason: Some(&EventReason::AppealDecided { upheld }),
    };
    Ok(state
        .store
        .transition(case.id, case.version, &update, &event, now)
        .await?)
}
