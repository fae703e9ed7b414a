//! Cases, their history, idempotency keys, registry queries and the claiming of background work.

use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use ruqsat_domain::case::{CaseState, EventReason};
use ruqsat_domain::codes::{Channel, Region, Service};

use crate::audit::NewAudit;
use crate::candidates::CandidateChange;
use crate::outbox::Notification;
use crate::{Backend, Store, StoreError, timestamp, trusted};

/// A case to create.
#[derive(Debug, Clone)]
pub struct NewCase {
    /// `trp` or `prp`.
    pub service: Service,
    /// Channel code.
    pub channel: Channel,
    /// Region of the police body that handles it.
    pub region: Region,
    /// Initial state (after acceptance).
    pub state: CaseState,
    /// Submission instant.
    pub submitted_at: DateTime<Utc>,
    /// When the result is due, if accepted.
    pub due_at: Option<DateTime<Utc>>,
    /// Passport number (for the status lookup).
    pub passport_number: String,
    /// IIN, if any (for the status lookup).
    pub iin: Option<String>,
    /// The application as submitted (contract JSON).
    pub application: String,
    /// The engine's answer on acceptance (contract JSON).
    pub proposal: Option<String>,
    /// Who created it.
    pub actor: String,
    /// Why (the channel, and what was not accepted).
    pub reason: EventReason,
    /// Notifications to the applicant, sent after the commit (`NUMBER_PLACEHOLDER` in a message
    /// becomes the application number).
    pub notifications: Vec<Notification>,
    /// The applicant's verified electronic signature (portal applications).
    pub signature: Option<ApplicationSignature>,
}

/// An applicant's electronic signature of their application, kept as evidence with the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationSignature {
    /// The detached CMS signature (base64 of its DER).
    pub signature: String,
    /// The canonical application it signs.
    pub content: String,
    /// What the verification found (JSON of `ruqsat_documents::esign::Evidence`).
    pub evidence: String,
    /// When it was verified (UTC text).
    pub verified_at: String,
}

/// A channel's idempotency key and the digest of its request.
#[derive(Debug, Clone)]
pub struct IdempotencyKey {
    /// The channel.
    pub channel: String,
    /// The key sent in the `Idempotency-Key` header.
    pub key: String,
    /// SHA-256 of the request body.
    pub request_digest: String,
}

/// Whether a create made a new case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// A new case.
    New,
    /// The case created earlier with the same idempotency key.
    Existing,
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// Internal id.
    pub id: i64,
    /// Application number.
    pub number: String,
    /// `trp` or `prp`.
    pub service: Service,
    /// Channel.
    pub channel: Channel,
    /// Region.
    pub region: Region,
    /// Where the case stands.
    pub state: CaseState,
    /// Submission instant (UTC text).
    pub submitted_at: DateTime<Utc>,
    /// Due instant (UTC text).
    pub due_at: Option<DateTime<Utc>>,
    /// Passport number.
    pub passport_number: String,
    /// IIN.
    pub iin: Option<String>,
    /// The application JSON.
    pub application: String,
    /// The registry answers JSON.
    pub registry: Option<String>,
    /// The engine's latest proposal JSON.
    pub proposal: Option<String>,
    /// The officer's decision JSON.
    pub decision: Option<String>,
    /// The permit number, once issued.
    pub permit_number: Option<String>,
    /// Background attempts made (checks).
    pub attempts: i64,
    /// Optimistic-locking version.
    pub version: i64,
    /// Last change (UTC text).
    pub updated_at: DateTime<Utc>,
    /// The suspensions and extensions of the term (JSON), if any.
    pub term: Option<String>,
    /// The officer working on the case, if one took it or was given it.
    pub assignee: Option<String>,
}

/// Changes to a case with a transition (`CaseUpdate { …, ..CaseUpdate::to(state) }`).
#[derive(Debug, Clone)]
pub struct CaseUpdate {
    /// New state.
    pub state: CaseState,
    /// New registry answers.
    pub registry: Option<String>,
    /// New proposal.
    pub proposal: Option<String>,
    /// New decision.
    pub decision: Option<String>,
    /// New permit number.
    pub permit_number: Option<String>,
    /// When background work may pick the case up again (a retry with back-off); `None` clears it.
    pub retry_at: Option<DateTime<Utc>>,
    /// Notifications to the applicant, written in the same transaction.
    pub notifications: Vec<Notification>,
    /// A revocation candidate moved on with the case (id, expected version, change), in the same
    /// transaction.
    pub candidate: Option<(i64, i64, CandidateChange)>,
    /// What the audit entry adds to the transition (ids and codes only, no personal data).
    pub audit_detail: Option<String>,
    /// A new due instant (the term was suspended, resumed or extended).
    pub due_at: Option<DateTime<Utc>>,
    /// New term changes (JSON).
    pub term: Option<String>,
    /// Keep the background's lease as it is (`retry_at` is then ignored): a change that is not
    /// the background's (a term's suspension) neither releases nor extends it.
    pub keep_lease: bool,
}

impl CaseUpdate {
    /// A transition to `state` changing nothing else.
    pub fn to(state: CaseState) -> CaseUpdate {
        CaseUpdate {
            state,
            registry: None,
            proposal: None,
            decision: None,
            permit_number: None,
            retry_at: None,
            notifications: Vec::new(),
            candidate: None,
            audit_detail: None,
            due_at: None,
            term: None,
            keep_lease: false,
        }
    }
}

/// What narrows the staff's queue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// One state.
    pub state: Option<String>,
    /// One service (`trp`, `prp`).
    pub service: Option<String>,
    /// One channel.
    pub channel: Option<String>,
    /// An application number, a passport number or an IIN, exactly.
    pub search: Option<String>,
    /// The officer the cases are assigned to.
    pub assignee: Option<String>,
}

/// Who makes a transition, what it is and why.
#[derive(Debug, Clone, Copy)]
pub struct NewEvent<'a> {
    /// Who (staff login, channel or `system`).
    pub actor: &'a str,
    /// The action code.
    pub action: &'a str,
    /// Why, as codes and facts.
    pub reason: Option<&'a EventReason>,
}

/// One recorded transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// When (UTC text).
    pub at: String,
    /// Who.
    pub actor: String,
    /// The action.
    pub action: String,
    /// State before.
    pub from_state: Option<String>,
    /// State after.
    pub to_state: String,
    /// Why, as codes and facts (rendered in the reader's language).
    pub reason: Option<EventReason>,
}

/// One registry query of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRow {
    /// When (UTC text).
    pub at: String,
    /// Who asked (officer or system).
    pub actor: String,
    /// Registry.
    pub registry: String,
    /// Purpose (check or ground).
    pub purpose: String,
    /// Legal basis.
    pub legal_basis: String,
    /// Whether it answered.
    pub answered: bool,
    /// SHA-256 of the answer.
    pub digest: String,
    /// Duration in milliseconds.
    pub millis: i64,
    /// Who asked, as sent to the registry (`X-Road-UserId`).
    pub user_id: Option<String>,
    /// For which case, as sent (`X-Road-Issue`).
    pub issue: Option<String>,
}

pub(crate) const CASE_COLUMNS: &str = "id, number, service, channel, region, state, submitted_at, due_at, passport_number, iin, \
     application, registry, proposal, decision, permit_number, attempts, version, updated_at, term, assignee";

/// A code column of a case row read as its domain type (an unknown code names the case).
fn parse_code<T: std::str::FromStr<Err = ruqsat_domain::codes::UnknownCode>>(
    row: &AnyRow,
    column: &str,
) -> Result<T, StoreError> {
    let id: i64 = row.try_get("id")?;
    row.try_get::<String, _>(column)?
        .parse()
        .map_err(|error: ruqsat_domain::codes::UnknownCode| StoreError::Corrupt(format!("case {id}: {error}")))
}

pub(crate) fn case_row(row: &AnyRow) -> Result<CaseRow, StoreError> {
    Ok(CaseRow {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        service: parse_code(row, "service")?,
        channel: parse_code(row, "channel")?,
        region: parse_code(row, "region")?,
        state: parse_code(row, "state")?,
        submitted_at: crate::parse_timestamp(&row.try_get::<String, _>("submitted_at")?)?,
        due_at: row
            .try_get::<Option<String>, _>("due_at")?
            .as_deref()
            .map(crate::parse_timestamp)
            .transpose()?,
        passport_number: row.try_get("passport_number")?,
        iin: row.try_get("iin")?,
        application: row.try_get("application")?,
        registry: row.try_get("registry")?,
        proposal: row.try_get("proposal")?,
        decision: row.try_get("decision")?,
        permit_number: row.try_get("permit_number")?,
        attempts: row.try_get("attempts")?,
        version: row.try_get("version")?,
        updated_at: crate::parse_timestamp(&row.try_get::<String, _>("updated_at")?)?,
        term: row.try_get("term")?,
        assignee: row.try_get("assignee")?,
    })
}

impl Store {
    /// Creates a case (durably: committed before this returns), or returns the case created
    /// earlier with the same idempotency key.
    pub async fn create_case(
        &self,
        new: &NewCase,
        idempotency: Option<&IdempotencyKey>,
        now: DateTime<Utc>,
    ) -> Result<(CaseRow, Created), StoreError> {
        if let Some(key) = idempotency
            && let Some(existing) = self.idempotent_case(key).await?
        {
            return Ok((existing, Created::Existing));
        }
        let mut tx = self.pool.begin().await?;
        let at = timestamp(now);
        let temporary_number = format!("new-{}-{}", at, new.passport_number);
        let row = sqlx::query(
            "INSERT INTO cases (number, service, channel, region, state, submitted_at, due_at, passport_number, iin, \
             application, proposal, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(&temporary_number)
        .bind(new.service.as_str())
        .bind(new.channel.as_str())
        .bind(new.region.as_str())
        .bind(new.state.as_str())
        .bind(timestamp(new.submitted_at))
        .bind(new.due_at.map(timestamp))
        .bind(&new.passport_number)
        .bind(&new.iin)
        .bind(&new.application)
        .bind(&new.proposal)
        .bind(&at)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let number = ruqsat_domain::case::application_number(new.service, id);
        sqlx::query("UPDATE cases SET number = $1 WHERE id = $2")
            .bind(&number)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        insert_event(
            &mut tx,
            id,
            &at,
            &new.actor,
            "submit",
            None,
            new.state.as_str(),
            Some(&new.reason),
        )
        .await?;
        let notifications: Vec<Notification> = new
            .notifications
            .iter()
            .map(|notification| Notification {
                message: notification.message.replace(crate::NUMBER_PLACEHOLDER, &number),
                ..notification.clone()
            })
            .collect();
        crate::outbox::enqueue(&mut tx, id, 0, &notifications, &at).await?;
        if let Some(signature) = &new.signature {
            sqlx::query(
                "INSERT INTO application_signatures (case_id, signature, content, evidence, verified_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(&signature.signature)
            .bind(&signature.content)
            .bind(&signature.evidence)
            .bind(&signature.verified_at)
            .execute(&mut *tx)
            .await?;
        }
        if let Some(key) = idempotency {
            let inserted = sqlx::query(
                "INSERT INTO idempotency_keys (channel, key, request_digest, case_id, created_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(&key.channel)
            .bind(&key.key)
            .bind(&key.request_digest)
            .bind(id)
            .bind(&at)
            .execute(&mut *tx)
            .await;
            if let Err(sqlx::Error::Database(error)) = &inserted
                && error.is_unique_violation()
            {
                // A concurrent retry won the race: drop ours, answer with theirs.
                tx.rollback().await?;
                let existing = self.idempotent_case(key).await?.ok_or(StoreError::Conflict)?;
                return Ok((existing, Created::Existing));
            }
            inserted?;
        }
        // Last in the transaction: the audit head is the one lock every change shares.
        let detail = format!("case {number} submitted through {} ({})", new.channel, new.state);
        let entry = NewAudit {
            actor: &new.actor,
            action: "submit",
            case_id: Some(id),
            detail: &detail,
        };
        crate::audit::append_in(&mut tx, self.backend, &self.audit_key, &entry, now).await?;
        tx.commit().await?;
        let case = self
            .case(id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("case {id} vanished")))?;
        Ok((case, Created::New))
    }

    async fn idempotent_case(&self, key: &IdempotencyKey) -> Result<Option<CaseRow>, StoreError> {
        let row = sqlx::query("SELECT request_digest, case_id FROM idempotency_keys WHERE channel = $1 AND key = $2")
            .bind(&key.channel)
            .bind(&key.key)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let digest: String = row.try_get("request_digest")?;
        if digest != key.request_digest {
            return Err(StoreError::IdempotencyMismatch);
        }
        self.case(row.try_get("case_id")?).await
    }

    /// A case by id.
    pub async fn case(&self, id: i64) -> Result<Option<CaseRow>, StoreError> {
        let row = sqlx::query(trusted(format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1")))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(case_row).transpose()
    }

    /// The applicant's signature of a case's application, if it was signed.
    pub async fn application_signature(&self, case_id: i64) -> Result<Option<ApplicationSignature>, StoreError> {
        let row = sqlx::query(
            "SELECT signature, content, evidence, verified_at FROM application_signatures WHERE case_id = $1",
        )
        .bind(case_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(ApplicationSignature {
                signature: row.try_get("signature")?,
                content: row.try_get("content")?,
                evidence: row.try_get("evidence")?,
                verified_at: row.try_get("verified_at")?,
            })
        })
        .transpose()
    }

    /// A case by application number.
    pub async fn case_by_number(&self, number: &str) -> Result<Option<CaseRow>, StoreError> {
        let row = sqlx::query(trusted(format!("SELECT {CASE_COLUMNS} FROM cases WHERE number = $1")))
            .bind(number)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(case_row).transpose()
    }

    /// A case by permit number.
    pub async fn case_by_permit(&self, permit_number: &str) -> Result<Option<CaseRow>, StoreError> {
        let row = sqlx::query(trusted(format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE permit_number = $1"
        )))
        .bind(permit_number)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(case_row).transpose()
    }

    /// Applies a transition if the case is still at `expected_version`, and records it.
    pub async fn transition(
        &self,
        id: i64,
        expected_version: i64,
        update: &CaseUpdate,
        event: &NewEvent<'_>,
        now: DateTime<Utc>,
    ) -> Result<CaseRow, StoreError> {
        let mut tx = self.pool.begin().await?;
        let at = timestamp(now);
        let current = sqlx::query("SELECT state, number FROM cases WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let (from, number): (Option<String>, String) = match &current {
            Some(row) => (Some(row.try_get("state")?), row.try_get("number")?),
            None => return Err(StoreError::Conflict),
        };
        let changed = sqlx::query(
            "UPDATE cases SET state = $1, registry = COALESCE($2, registry), proposal = COALESCE($3, proposal), \
             decision = COALESCE($4, decision), permit_number = COALESCE($5, permit_number), \
             lease_until = CASE WHEN $12 = 1 THEN lease_until ELSE $9 END, \
             due_at = COALESCE($10, due_at), term = COALESCE($11, term), \
             version = version + 1, updated_at = $6 WHERE id = $7 AND version = $8",
        )
        .bind(update.state.as_str())
        .bind(&update.registry)
        .bind(&update.proposal)
        .bind(&update.decision)
        .bind(&update.permit_number)
        .bind(&at)
        .bind(id)
        .bind(expected_version)
        .bind(update.retry_at.map(timestamp))
        .bind(update.due_at.map(timestamp))
        .bind(&update.term)
        .bind(i64::from(update.keep_lease))
        .execute(&mut *tx)
        .await?;
        if changed.rows_affected() != 1 {
            return Err(StoreError::Conflict);
        }
        if update.permit_number.is_some() {
            // The register takes the permit at the next sweep (`unregistered_permits`).
            sqlx::query("INSERT INTO permits_to_register (case_id) VALUES ($1) ON CONFLICT (case_id) DO NOTHING")
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        insert_event(
            &mut tx,
            id,
            &at,
            event.actor,
            event.action,
            from.as_deref(),
            update.state.as_str(),
            event.reason,
        )
        .await?;
        crate::outbox::enqueue(&mut tx, id, expected_version + 1, &update.notifications, &at).await?;
        if let Some((candidate, version, change)) = &update.candidate {
            crate::candidates::change_candidate_in(&mut tx, *candidate, *version, change, &at).await?;
        }
        let detail = match &update.audit_detail {
            Some(detail) => format!(
                "case {number}: {} → {}; {detail}",
                from.as_deref().unwrap_or("-"),
                update.state
            ),
            None => format!("case {number}: {} → {}", from.as_deref().unwrap_or("-"), update.state),
        };
        let entry = NewAudit {
            actor: event.actor,
            action: event.action,
            case_id: Some(id),
            detail: &detail,
        };
        crate::audit::append_in(&mut tx, self.backend, &self.audit_key, &entry, now).await?;
        tx.commit().await?;
        self.case(id)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("case {id} vanished")))
    }

    /// Claims one case in `states` whose lease has expired, for `lease` from `now`; several
    /// processes on one PostgreSQL never claim the same case (`FOR UPDATE SKIP LOCKED`).
    pub async fn claim_work(
        &self,
        states: &[&str],
        lease: chrono::Duration,
        now: DateTime<Utc>,
    ) -> Result<Option<CaseRow>, StoreError> {
        let placeholders: Vec<String> = (0..states.len()).map(|index| format!("${}", index + 3)).collect();
        let lock = match self.backend {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE cases SET lease_until = $1, attempts = attempts + 1 WHERE id = (SELECT id FROM cases \
             WHERE state IN ({}) AND (lease_until IS NULL OR lease_until < $2) ORDER BY id LIMIT 1{lock}) \
             RETURNING {CASE_COLUMNS}",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(trusted(sql))
            .bind(timestamp(now + lease))
            .bind(timestamp(now));
        for state in states {
            query = query.bind(*state);
        }
        let row = query.fetch_optional(&self.pool).await?;
        row.as_ref().map(case_row).transpose()
    }

    /// Open cases, soonest due first, of one region or of all, of one channel or of all.
    pub async fn queue(
        &self,
        region: Option<&str>,
        channel: Option<&str>,
        open_states: &[&str],
        limit: i64,
    ) -> Result<Vec<CaseRow>, StoreError> {
        let placeholders: Vec<String> = (0..open_states.len()).map(|index| format!("${}", index + 4)).collect();
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE ($1 IS NULL OR region = $1) AND ($3 IS NULL OR channel = $3) \
             AND state IN ({}) ORDER BY due_at LIMIT $2",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(trusted(sql)).bind(region).bind(limit).bind(channel);
        for state in open_states {
            query = query.bind(*state);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(case_row).collect()
    }

    /// A page of the open cases of `region` (all when `None`), soonest due first, narrowed by
    /// `filter`, after the case `after` (its due instant and id: keyset paging, no offset).
    ///
    /// The states are written into the statement (codes of `CaseState`, checked to be
    /// lower-case words), not bound: a partial index over the open cases in the queue's order
    /// (`cases_open_due`) is used only when the planner sees the same states.
    pub async fn queue_page(
        &self,
        region: Option<&str>,
        open_states: &[&str],
        filter: &QueueFilter,
        after: Option<(DateTime<Utc>, i64)>,
        limit: i64,
    ) -> Result<Vec<CaseRow>, StoreError> {
        if let Some(odd) = open_states
            .iter()
            .find(|state| state.is_empty() || !state.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'_'))
        {
            return Err(StoreError::Corrupt(format!("{odd:?} is not a case state")));
        }
        let states: Vec<String> = open_states.iter().map(|state| format!("'{state}'")).collect();
        let sql = format!(
            "SELECT {CASE_COLUMNS} FROM cases WHERE ($1 IS NULL OR region = $1) AND state IN ({}) \
             AND ($2 IS NULL OR state = $2) AND ($3 IS NULL OR service = $3) \
             AND ($4 IS NULL OR number = $4 OR passport_number = $4 OR iin = $4) \
             AND ($5 IS NULL OR due_at > $5 OR (due_at = $5 AND id > $6)) AND ($7 IS NULL OR channel = $7) \
             AND ($9 IS NULL OR assignee = $9) \
             ORDER BY due_at, id LIMIT $8",
            states.join(", ")
        );
        let query = sqlx::query(trusted(sql))
            .bind(region)
            .bind(filter.state.as_deref())
            .bind(filter.service.as_deref())
            .bind(filter.search.as_deref())
            .bind(after.map(|(due, _)| timestamp(due)))
            .bind(after.map_or(0, |(_, id)| id))
            .bind(filter.channel.as_deref())
            .bind(limit)
            .bind(filter.assignee.as_deref());
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(case_row).collect()
    }

    /// Gives the case to `assignee` (`None`: to nobody) with its audit entry by `actor`, in one
    /// transaction; false when there is no such case. The case's version is not changed: who
    /// works on a case is not a change of the case, and a decision in flight stays valid.
    pub async fn assign(
        &self,
        case_id: i64,
        assignee: Option<&str>,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE cases SET assignee = $2 WHERE id = $1")
            .bind(case_id)
            .bind(assignee)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let detail = match assignee {
            Some(login) => format!("assigned to {login}"),
            None => "unassigned".to_owned(),
        };
        let entry = crate::audit::NewAudit {
            actor,
            action: "assign",
            case_id: Some(case_id),
            detail: &detail,
        };
        crate::audit::append_in(&mut tx, self.backend, &self.audit_key, &entry, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// How many cases of `region` (all when `None`) are in `open_states`, and how many of them
    /// are past their due time at `now`: the whole queue, of which a page shows the top.
    pub async fn queue_counts(
        &self,
        region: Option<&str>,
        open_states: &[&str],
        now: DateTime<Utc>,
    ) -> Result<(i64, i64), StoreError> {
        let placeholders: Vec<String> = (0..open_states.len()).map(|index| format!("${}", index + 3)).collect();
        let sql = format!(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN due_at < $2 THEN 1 ELSE 0 END), 0) FROM cases \
             WHERE ($1 IS NULL OR region = $1) AND state IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(trusted(sql)).bind(region).bind(crate::timestamp(now));
        for state in open_states {
            query = query.bind(*state);
        }
        let row = query.fetch_one(&self.pool).await?;
        Ok((row.try_get::<i64, _>(0)?, row.try_get::<i64, _>(1)?))
    }

    /// The cases submitted in `[from, to)`, each with the instant its decision took effect
    /// (permit issued, or refusal signed), for the statistics.
    pub async fn report_cases(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(CaseRow, Option<String>)>, StoreError> {
        let sql = format!(
            "SELECT {CASE_COLUMNS}, (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = cases.id \
             AND e.to_state IN ('permit_issued', 'refusal_issued')) AS decided_at \
             FROM cases WHERE submitted_at >= $1 AND submitted_at < $2 ORDER BY id"
        );
        let rows = sqlx::query(trusted(sql))
            .bind(timestamp(from))
            .bind(timestamp(to))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((case_row(row)?, row.try_get::<Option<String>, _>("decided_at")?)))
            .collect()
    }

    /// The history of a case, oldest first.
    pub async fn events(&self, case_id: i64) -> Result<Vec<EventRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, actor, action, from_state, to_state, reason FROM case_events WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(EventRow {
                    at: row.try_get("at")?,
                    actor: row.try_get("actor")?,
                    action: row.try_get("action")?,
                    from_state: row.try_get("from_state")?,
                    to_state: row.try_get("to_state")?,
                    reason: row
                        .try_get::<Option<String>, _>("reason")?
                        .map(|text| crate::reasons::decode(case_id, &text))
                        .transpose()?,
                })
            })
            .collect()
    }

    /// Records registry queries of a case.
    pub async fn record_queries(&self, case_id: i64, queries: &[QueryRow]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for query in queries {
            sqlx::query(
                "INSERT INTO registry_queries (case_id, at, actor, registry, purpose, legal_basis, answered, digest, millis, \
                 user_id, issue) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(case_id)
            .bind(&query.at)
            .bind(&query.actor)
            .bind(&query.registry)
            .bind(&query.purpose)
            .bind(&query.legal_basis)
            .bind(i64::from(query.answered))
            .bind(&query.digest)
            .bind(query.millis)
            .bind(&query.user_id)
            .bind(&query.issue)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The registry queries of a case, oldest first.
    pub async fn queries(&self, case_id: i64) -> Result<Vec<QueryRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT at, actor, registry, purpose, legal_basis, answered, digest, millis, user_id, issue FROM registry_queries \
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(QueryRow {
                    at: row.try_get("at")?,
                    actor: row.try_get("actor")?,
                    registry: row.try_get("registry")?,
                    purpose: row.try_get("purpose")?,
                    legal_basis: row.try_get("legal_basis")?,
                    answered: row.try_get::<i64, _>("answered")? != 0,
                    digest: row.try_get("digest")?,
                    millis: row.try_get("millis")?,
                    user_id: row.try_get("user_id")?,
                    issue: row.try_get("issue")?,
                })
            })
            .collect()
    }

    /// How many cases there are in each state.
    pub async fn count_by_state(&self) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query("SELECT state, COUNT(*) AS n FROM cases GROUP BY state ORDER BY state")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("state")?, row.try_get("n")?)))
            .collect()
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one column each; a struct would only rename them"
)]
async fn insert_event(
    tx: &mut Transaction<'_, Any>,
    case_id: i64,
    at: &str,
    actor: &str,
    action: &str,
    from_state: Option<&str>,
    to_state: &str,
    reason: Option<&EventReason>,
) -> Result<(), StoreError> {
    let row = sqlx::query(
        "INSERT INTO case_events (case_id, at, actor, action, from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(case_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(from_state)
    .bind(to_state)
    .bind(reason.map(crate::reasons::encode))
    .fetch_one(&mut **tx)
    .await?;
    let event_id: i64 = row.try_get("id")?;
    // The channel's system hears of the change in the same transaction (`deliveries`).
    crate::deliveries::enqueue(tx, case_id, event_id, from_state, to_state, at).await?;
    Ok(())
}
