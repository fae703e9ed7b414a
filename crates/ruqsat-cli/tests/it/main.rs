//! End-to-end tests of the `ruqsat` binary (the contracts of `shared/spec/decide.md` and
//! `calendar.md`) and the house-rule tidy checks.

mod audit;
mod cli;
mod keys;
mod tidy;
