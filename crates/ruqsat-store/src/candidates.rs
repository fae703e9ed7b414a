//! Revocation candidates (from the sweep of permit holders) and the holders the sweep reads.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use ruqsat_domain::codes::CandidateState;

use crate::audit::NewAudit;
use crate::{CaseRow, Store, StoreError, timestamp, trusted};

/// A candidate for revocation, with its evidence (JSON).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRow {
    /// Internal id.
    pub id: i64,
    /// The holder's case.
    pub case_id: i64,
    /// The ground (`art49.15`...).
    pub ground: String,
    /// First day of the period concerned.
    pub period_from: String,
    /// The evidence, JSON.
    pub evidence: String,
    /// The day of the sweep that found it.
    pub found_on: String,
    /// Where it stands.
    pub state: CandidateState,
    /// The officer who reviewed it.
    pub officer: Option<String>,
    /// The officer's reasoning.
    pub officer_reason: Option<String>,
    /// The supervisor who signed the revocation.
    pub supervisor: Option<String>,
    /// Optimistic version.
    pub version: i64,
}

/// A change of a candidate by its reviewer.
#[derive(Debug, Clone)]
pub struct CandidateChange {
    /// The new state.
    pub state: CandidateState,
    /// The officer and the reasoning, when the officer decides.
    pub officer: Option<(String, String)>,
    /// The supervisor, when the supervisor signs.
    pub supervisor: Option<String>,
}

impl Store {
    /// The cases of holders of a PRP in force (issued, delivered or handed over), by id, from
    /// `after` on, at most `limit` of them (the sweep pages through them).
    pub async fn prp_holders(&self, after: i64, limit: i64) -> Result<Vec<CaseRow>, StoreError> {
        let sql = format!(
            "SELECT {} FROM cases WHERE service = 'prp' AND state IN ('permit_issued', 'delivered', 'handed_over') \
             AND id > $1 ORDER BY id LIMIT $2",
            crate::cases::CASE_COLUMNS
        );
        let rows = sqlx::query(trusted(sql))
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(crate::cases::case_row).collect()
    }

    /// Records a candidate unless the same holder, ground and period already has one; returns
    /// whether it is new.
    pub async fn add_candidate(
        &self,
        case_id: i64,
        ground: &str,
        period_from: NaiveDate,
        evidence: &str,
        found_on: NaiveDate,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "INSERT INTO revocation_candidates (case_id, ground, period_from, evidence, found_on) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (case_id, ground, period_from) DO NOTHING",
        )
        .bind(case_id)
        .bind(ground)
        .bind(period_from.to_string())
        .bind(evidence)
        .bind(found_on.to_string())
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// The candidates in `state`, oldest first.
    pub async fn candidates(&self, state: CandidateState) -> Result<Vec<CandidateRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, case_id, ground, period_from, evidence, found_on, state, officer, officer_reason, supervisor, \
             version FROM revocation_candidates WHERE state = $1 ORDER BY id",
        )
        .bind(state.as_str())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(candidate_row).collect()
    }

    /// One candidate.
    pub async fn candidate(&self, id: i64) -> Result<Option<CandidateRow>, StoreError> {
        let row = sqlx::query(
            "SELECT id, case_id, ground, period_from, evidence, found_on, state, officer, officer_reason, supervisor, \
             version FROM revocation_candidates WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(candidate_row).transpose()
    }

    /// Moves a candidate on, if it is still at `version` (else [`StoreError::Conflict`]), with
    /// its audit entry in the same transaction.
    pub async fn change_candidate(
        &self,
        id: i64,
        version: i64,
        change: &CandidateChange,
        audit: &NewAudit<'_>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        change_candidate_in(&mut tx, id, version, change, &timestamp(now)).await?;
        crate::audit::append_in(&mut tx, self.backend, &self.audit_key, audit, now).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Moves a candidate on inside `tx`, if it is still at `version`.
pub(crate) async fn change_candidate_in(
    tx: &mut Transaction<'_, Any>,
    id: i64,
    version: i64,
    change: &CandidateChange,
    at: &str,
) -> Result<(), StoreError> {
    let result = sqlx::query(
        "UPDATE revocation_candidates SET state = $1, \
         officer = COALESCE($2, officer), officer_reason = COALESCE($3, officer_reason), \
         decided_at = CASE WHEN $2 IS NULL THEN decided_at ELSE $4 END, \
         supervisor = $5, signed_at = CASE WHEN $5 IS NULL THEN NULL ELSE $4 END, \
         version = version + 1 WHERE id = $6 AND version = $7",
    )
    .bind(change.state.as_str())
    .bind(change.officer.as_ref().map(|(officer, _)| officer.as_str()))
    .bind(change.officer.as_ref().map(|(_, reason)| reason.as_str()))
    .bind(at)
    .bind(change.supervisor.as_deref())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    if result.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict)
    }
}

/// A process's claim of one day's sweep: the day and which claim of it this is (the fencing
/// token: a claim that was taken over after its lease ran out can no longer renew or finish it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SweepClaim {
    /// The day swept.
    pub as_of: NaiveDate,
    /// The claim's number for that day, from 1 (a claim taken over after a crash is 2, ...).
    pub attempt: i64,
}

impl Store {
    /// Claims the sweep of `as_of` for this process until `now + lease`; `None` when the day is
    /// finished or another process holds an unexpired claim on it.
    ///
    /// A claim whose lease ran out while unfinished (the process crashed, or stopped renewing)
    /// is claimed again, so a crashed sweep is retried the same day; while a claimant renews
    /// its lease ([`Store::renew_sweep`]), nobody else runs that day. One statement: the
    /// primary key makes the claim exclusive on both backends (PostgreSQL locks the row of a
    /// concurrent claim, which then sees the new lease). A row written before leases existed
    /// has its lease end `lease` after its start.
    pub async fn claim_sweep(
        &self,
        as_of: NaiveDate,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<Option<SweepClaim>, StoreError> {
        let row = sqlx::query(
            "INSERT INTO sweep_runs (as_of, started_at, lease_until, attempt) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (as_of) DO UPDATE SET started_at = excluded.started_at, lease_until = excluded.lease_until, \
             attempt = sweep_runs.attempt + 1 \
             WHERE sweep_runs.finished_at IS NULL AND (sweep_runs.lease_until < $2 \
             OR (sweep_runs.lease_until IS NULL AND sweep_runs.started_at < $4)) \
             RETURNING attempt",
        )
        .bind(as_of.to_string())
        .bind(timestamp(now))
        .bind(timestamp(now + lease))
        .bind(timestamp(now - lease))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(SweepClaim {
                as_of,
                attempt: row.try_get("attempt")?,
            })
        })
        .transpose()
    }

    /// Extends `claim` to `now + lease` (the sweep's heartbeat); `false` when the claim is no
    /// longer this process's (its lease ran out and another process took the day over, or the
    /// day is finished): the sweep must stop.
    pub async fn renew_sweep(
        &self,
        claim: &SweepClaim,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE sweep_runs SET lease_until = $1 WHERE as_of = $2 AND attempt = $3 AND finished_at IS NULL",
        )
        .bind(timestamp(now + lease))
        .bind(claim.as_of.to_string())
        .bind(claim.attempt)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Ends the lease of an unfinished `claim` now (its sweep failed), so that the next check
    /// of any process claims the day again.
    pub async fn release_sweep(&self, claim: &SweepClaim, now: DateTime<Utc>) -> Result<(), StoreError> {
        sqlx::query("UPDATE sweep_runs SET lease_until = $1 WHERE as_of = $2 AND attempt = $3 AND finished_at IS NULL")
            .bind(timestamp(now))
            .bind(claim.as_of.to_string())
            .bind(claim.attempt)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Records the end of the sweep of `claim` with its summary (JSON); `false` when the claim
    /// was taken over meanwhile (then the other claimant's run is the day's record).
    pub async fn finish_sweep(
        &self,
        claim: &SweepClaim,
        summary: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let result = sqlx::query(
            "UPDATE sweep_runs SET finished_at = $1, summary = $2 WHERE as_of = $3 AND attempt = $4 \
             AND finished_at IS NULL",
        )
        .bind(timestamp(now))
        .bind(summary)
        .bind(claim.as_of.to_string())
        .bind(claim.attempt)
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected() == 1)
    }
}

fn candidate_row(row: &AnyRow) -> Result<CandidateRow, StoreError> {
    Ok(CandidateRow {
        id: row.try_get(0)?,
        case_id: row.try_get(1)?,
        ground: row.try_get(2)?,
        period_from: row.try_get(3)?,
        evidence: row.try_get(4)?,
        found_on: row.try_get(5)?,
        state: row
            .try_get::<String, _>(6)?
            .parse()
            .map_err(|error| StoreError::Corrupt(format!("revocation candidate: {error}")))?,
        officer: row.try_get(7)?,
        officer_reason: row.try_get(8)?,
        supervisor: row.try_get(9)?,
        version: row.try_get(10)?,
    })
}
