//! End-to-end tests of the `ruqsat` binary (the decision contract of `docs/CONTRACT.md` and the
//! calendar command) and the house-rule tidy checks.

mod audit;
mod cli;
mod keys;
mod tidy;
