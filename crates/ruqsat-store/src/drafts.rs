//! Applications being written: the portal's steps saved on the server under the SHA-256 of the
//! applicant's draft reference, with the files uploaded so far. Submitting moves the files to the
//! case (each with its audit entry, in one transaction) and empties the draft of its answers.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::{Store, StoreError, timestamp};

/// A saved draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftRow {
    /// SHA-256 of the reference, hex.
    pub key: String,
    /// `portal`, or the login of the staff member who writes it.
    pub owner: String,
    /// `trp` or `prp`.
    pub service: String,
    /// The answers as JSON (owned by the web layer).
    pub answers: String,
    /// The problems found in the last step sent, as JSON, if any.
    pub problems: Option<String>,
    /// The case it became, once submitted.
    pub case_id: Option<i64>,
    /// When it was last saved (UTC text).
    pub updated_at: String,
}

/// A file of a draft, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDocument {
    /// Id.
    pub id: i64,
    /// Document type code.
    pub document_type: String,
    /// The file's name as the browser gave it (cleaned).
    pub file_name: String,
    /// Media type found in the content.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
}

/// A file to keep with a draft.
#[derive(Debug, Clone)]
pub struct NewDraftDocument<'a> {
    /// Document type code.
    pub document_type: &'a str,
    /// The file's name.
    pub file_name: &'a str,
    /// Media type found in the content.
    pub media_type: &'a str,
    /// SHA-256, hex.
    pub sha256: &'a str,
    /// The bytes.
    pub content: &'a [u8],
}

/// How much one draft may hold.
#[derive(Debug, Clone, Copy)]
pub struct DraftLimits {
    /// Files.
    pub files: i64,
    /// Bytes of all files together.
    pub bytes: i64,
}

impl Store {
    /// Starts a draft.
    pub async fn create_draft(
        &self,
        key: &str,
        owner: &str,
        service: &str,
        answers: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO drafts (key, owner, service, answers, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(key)
        .bind(owner)
        .bind(service)
        .bind(answers)
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The draft with `key`, if any.
    pub async fn draft(&self, key: &str) -> Result<Option<DraftRow>, StoreError> {
        let row = sqlx::query(
            "SELECT key, owner, service, answers, problems, case_id, updated_at FROM drafts WHERE key = $1",
        )
        .bind(key)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(DraftRow {
                key: row.try_get("key")?,
                owner: row.try_get("owner")?,
                service: row.try_get("service")?,
                answers: row.try_get("answers")?,
                problems: row.try_get("problems")?,
                case_id: row.try_get("case_id")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .transpose()
    }

    /// Saves the answers and problems of a draft not yet submitted; false when there is none.
    pub async fn save_draft(
        &self,
        key: &str,
        answers: &str,
        problems: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "UPDATE drafts SET answers = $2, problems = $3, updated_at = $4 WHERE key = $1 AND case_id IS NULL",
        )
        .bind(key)
        .bind(answers)
        .bind(problems)
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Keeps a file with a draft not yet submitted, within `limits`; `None` when the draft is
    /// gone or submitted, or the file would pass a limit.
    pub async fn add_draft_document(
        &self,
        key: &str,
        document: &NewDraftDocument<'_>,
        limits: DraftLimits,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // Taking the draft's row first serialises two uploads to one draft (PostgreSQL locks the
        // row; SQLite has one writer), so that the limits hold under parallel uploads.
        let open = sqlx::query("UPDATE drafts SET updated_at = $2 WHERE key = $1 AND case_id IS NULL")
            .bind(key)
            .bind(timestamp(now))
            .execute(&mut *tx)
            .await?;
        if open.rows_affected() != 1 {
            return Ok(None);
        }
        let row = sqlx::query("SELECT COUNT(*) AS files, CAST(COALESCE(SUM(size), 0) AS BIGINT) AS bytes FROM draft_documents WHERE draft_key = $1")
            .bind(key)
            .fetch_one(&mut *tx)
            .await?;
        let files: i64 = row.try_get("files")?;
        let bytes: i64 = row.try_get("bytes")?;
        let size = document.content.len() as i64;
        if files + 1 > limits.files || bytes.saturating_add(size) > limits.bytes {
            return Ok(None);
        }
        let row = sqlx::query(
            "INSERT INTO draft_documents (draft_key, document_type, file_name, media_type, size, sha256, content, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(key)
        .bind(document.document_type)
        .bind(document.file_name)
        .bind(document.media_type)
        .bind(size)
        .bind(document.sha256)
        .bind(document.content.to_vec())
        .bind(timestamp(now))
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        tx.commit().await?;
        Ok(Some(id))
    }

    /// The files of a draft, without their bytes, in the order uploaded.
    pub async fn draft_documents(&self, key: &str) -> Result<Vec<DraftDocument>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, document_type, file_name, media_type, size, sha256 FROM draft_documents WHERE draft_key = $1 ORDER BY id",
        )
        .bind(key)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DraftDocument {
                    id: row.try_get("id")?,
                    document_type: row.try_get("document_type")?,
                    file_name: row.try_get("file_name")?,
                    media_type: row.try_get("media_type")?,
                    size: row.try_get("size")?,
                    sha256: row.try_get("sha256")?,
                })
            })
            .collect()
    }

    /// Removes a file of a draft not yet submitted; false when there was none.
    pub async fn remove_draft_document(&self, key: &str, id: i64) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "DELETE FROM draft_documents WHERE draft_key = $1 AND id = $2 \
             AND draft_key IN (SELECT key FROM drafts WHERE case_id IS NULL)",
        )
        .bind(key)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks the draft as submitted as `case_id`: its files become the case's documents (each
    /// with its `upload_document` audit entry by `uploaded_by`), and its answers are emptied, in
    /// one transaction. Returns how many files moved; a draft already submitted moves none.
    pub async fn finish_draft(
        &self,
        key: &str,
        case_id: i64,
        uploaded_by: &str,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let mut tx = self.pool.begin().await?;
        let open = sqlx::query(
            "UPDATE drafts SET case_id = $2, answers = '{}', problems = NULL, updated_at = $3 WHERE key = $1 AND case_id IS NULL",
        )
        .bind(key)
        .bind(case_id)
        .bind(timestamp(now))
        .execute(&mut *tx)
        .await?;
        if open.rows_affected() != 1 {
            return Ok(0);
        }
        let rows = sqlx::query(
            "INSERT INTO case_documents (case_id, document_type, media_type, size, sha256, content, uploaded_at, uploaded_by) \
             SELECT $2, document_type, media_type, size, sha256, content, $3, $4 FROM draft_documents \
             WHERE draft_key = $1 ORDER BY id RETURNING id, document_type",
        )
        .bind(key)
        .bind(case_id)
        .bind(timestamp(now))
        .bind(uploaded_by)
        .fetch_all(&mut *tx)
        .await?;
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let document_type: String = row.try_get("document_type")?;
            let detail = format!("document {id} ({document_type})");
            let entry = crate::audit::NewAudit {
                actor: uploaded_by,
                action: "upload_document",
                case_id: Some(case_id),
                detail: &detail,
            };
            crate::audit::append_in(&mut tx, self.backend, &self.audit_key, &entry, now).await?;
        }
        sqlx::query("DELETE FROM draft_documents WHERE draft_key = $1")
            .bind(key)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(rows.len())
    }

    /// Copies the documents of a case into a draft not yet submitted (to correct an application
    /// that was not accepted without uploading them again), without a file name (a case keeps
    /// none): the pages say where they came from; returns how many.
    pub async fn copy_case_documents(&self, case_id: i64, key: &str, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query(
            "INSERT INTO draft_documents (draft_key, document_type, file_name, media_type, size, sha256, content, uploaded_at) \
             SELECT $2, document_type, '', media_type, size, sha256, content, $3 FROM case_documents \
             WHERE case_id = $1 AND $2 IN (SELECT key FROM drafts WHERE case_id IS NULL) ORDER BY id",
        )
        .bind(case_id)
        .bind(key)
        .bind(timestamp(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// Deletes the drafts last saved before `before`, with their files; returns how many.
    pub async fn purge_drafts(&self, before: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM draft_documents WHERE draft_key IN (SELECT key FROM drafts WHERE updated_at < $1)")
            .bind(timestamp(before))
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM drafts WHERE updated_at < $1")
            .bind(timestamp(before))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }

    /// An open case (state among `open_states`) of `service` for the passport `number`, if any:
    /// its id and number (a second application while one is under way is a duplicate).
    pub async fn open_case_of_passport(
        &self,
        service: &str,
        number: &str,
        open_states: &[&str],
    ) -> Result<Option<(i64, String)>, StoreError> {
        let placeholders: Vec<String> = (0..open_states.len()).map(|index| format!("${}", index + 3)).collect();
        let sql = format!(
            "SELECT id, number FROM cases WHERE service = $1 AND passport_number = $2 AND state IN ({}) ORDER BY id LIMIT 1",
            placeholders.join(", ")
        );
        let mut query = sqlx::query(crate::trusted(sql)).bind(service).bind(number);
        for state in open_states {
            query = query.bind(*state);
        }
        let row = query.fetch_optional(&self.pool).await?;
        row.map(|row| Ok((row.try_get("id")?, row.try_get("number")?)))
            .transpose()
    }
}
