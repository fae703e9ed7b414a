//! Documents uploaded for a case: the bytes, their media type (from the content, not the name),
//! size and SHA-256.

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::{Store, StoreError, timestamp};

/// A stored document without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMeta {
    /// Id.
    pub id: i64,
    /// Document type code (catalogue §6, §8).
    pub document_type: String,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256, hex.
    pub sha256: String,
    /// When (UTC text).
    pub uploaded_at: String,
    /// Who.
    pub uploaded_by: String,
}

/// A document to store.
#[derive(Debug, Clone)]
pub struct NewDocument<'a> {
    /// Document type code.
    pub document_type: &'a str,
    /// Media type found in the content.
    pub media_type: &'a str,
    /// SHA-256, hex.
    pub sha256: &'a str,
    /// The bytes.
    pub content: &'a [u8],
    /// Who uploads it.
    pub uploaded_by: &'a str,
}

impl Store {
    /// Stores a document of a case with its audit entry (`upload_document`, in the same
    /// transaction); returns its id.
    pub async fn add_document(
        &self,
        case_id: i64,
        document: &NewDocument<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "INSERT INTO case_documents (case_id, document_type, media_type, size, sha256, content, uploaded_at, uploaded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(case_id)
        .bind(document.document_type)
        .bind(document.media_type)
        .bind(document.content.len() as i64)
        .bind(document.sha256)
        .bind(document.content.to_vec())
        .bind(timestamp(now))
        .bind(document.uploaded_by)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let detail = format!("document {id} ({})", document.document_type);
        let entry = crate::audit::NewAudit {
            actor: document.uploaded_by,
            action: "upload_document",
            case_id: Some(case_id),
            detail: &detail,
        };
        crate::audit::append_in(&mut tx, self.backend, &self.audit_key, &entry, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The documents of a case, without their bytes.
    pub async fn documents(&self, case_id: i64) -> Result<Vec<DocumentMeta>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, document_type, media_type, size, sha256, uploaded_at, uploaded_by FROM case_documents \
             WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(DocumentMeta {
                    id: row.try_get("id")?,
                    document_type: row.try_get("document_type")?,
                    media_type: row.try_get("media_type")?,
                    size: row.try_get("size")?,
                    sha256: row.try_get("sha256")?,
                    uploaded_at: row.try_get("uploaded_at")?,
                    uploaded_by: row.try_get("uploaded_by")?,
                })
            })
            .collect()
    }

    /// The media type and bytes of one document of a case.
    pub async fn document_content(
        &self,
        case_id: i64,
        document_id: i64,
    ) -> Result<Option<(String, Vec<u8>)>, StoreError> {
        let row = sqlx::query("SELECT media_type, content FROM case_documents WHERE case_id = $1 AND id = $2")
            .bind(case_id)
            .bind(document_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|row| Ok((row.try_get("media_type")?, row.try_get("content")?)))
            .transpose()
    }
}
