//! Ruqsat's registry adapters: an in-process [`simulator::Simulator`] of every registry (a
//! deterministic, seeded population of fake people, with configurable latency and outages), and
//! [`gather`], which asks the registries a case needs, concurrently, and logs every query.
//!
//! Adding a registry: define its trait in `ruqsat_domain::registries`, implement it on the
//! simulator (and, later, an HTTP adapter), ask it in [`gather`] only for the cases whose rules
//! need it (data minimisation), and record the query with its purpose and legal basis.

pub mod gather;
pub mod simulator;

pub use gather::{Query, RegistryRead, gather};
pub use simulator::{Simulator, SimulatorConfig};
