//! Integration tests of the contract: the legal tables (one per provision, in `cases/`), the
//! calendar against the public reference, and the law files.

mod calendar;
mod cases;
mod editions;
mod law_files;
mod needed;
mod queue;
mod term_changes;
