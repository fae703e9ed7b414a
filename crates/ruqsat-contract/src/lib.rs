//! Ruqsat's data formats: the JSON contract of `ruqsat decide` (`docs/CONTRACT.md`) and
//! the dated parameter and calendar files (`data/*.toml`) that make up the law in force.
//!
//! The domain derives no wire formats; this crate owns them and converts explicitly, so that a
//! change of the contract cannot silently change the domain (and the reverse).

pub mod crossings;
pub mod input;
pub mod law_files;
pub mod output;
pub mod replay;

use ruqsat_domain::decide::{DecideError, Law, decide};
use ruqsat_i18n::Lang;

pub use input::{InputError, parse_application};
pub use law_files::{LawFileError, load_law, shipped_law};
pub use output::DecisionOutput;

/// Why `decide` produced no decision.
#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    /// The input is not a readable application.
    #[error("{0}")]
    Input(#[from] InputError),
    /// The law has no data for a date the application needs.
    #[error("{0}")]
    Law(#[from] DecideError),
}

/// Reads an application from JSON, decides it and renders the decision in `lang`.
pub fn decide_json(json: &str, law: &Law, lang: Lang) -> Result<DecisionOutput, ContractError> {
    let application = parse_application(json)?;
    let decision = decide(&application, law)?;
    Ok(DecisionOutput::new(&decision, lang))
}
