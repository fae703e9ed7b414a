//! Ruqsat's legal core: the types of an application, the Kazakh working calendar, the dated
//! parameters of the rules and the decision engine. No IO, no clock, no randomness: callers pass
//! facts in and get values out.
//!
//! Map: [`ids`] (IIN, BIN), [`country`], [`codes`] (the catalogue's stable codes), [`dates`],
//! [`application`] (what comes in), [`calendar`], [`parameters`], [`decision`] (what comes out),
//! [`decide`] (the engine), [`residence`] (art49.15 for permit holders).

pub mod application;
pub mod calendar;
pub mod case;
pub mod codes;
pub mod country;
pub mod dates;
pub mod decide;
pub mod decision;
pub mod holders;
pub mod ids;
pub mod parameters;
pub mod queue;
pub mod registries;
pub mod residence;
pub mod text;
