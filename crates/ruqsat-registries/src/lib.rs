//! Ruqsat's registry adapters: an in-process [`simulator::Simulator`] of every registry (a
//! deterministic, seeded population of fake people, with configurable latency and outages), the
//! HTTP/JSON adapter (timeouts, retries with back-off, a circuit breaker) and its server, and
//! [`gather`], which asks the registries a case needs, concurrently, and logs every query.
//!
//! Adding a registry: define its trait in `ruqsat_domain::registries`, implement it on the
//! simulator (and, later, an HTTP adapter), ask it in [`gather`] only for the cases whose rules
//! need it (data minimisation), and record the query with its purpose and legal basis.

pub mod any;
pub mod channels;
pub mod digital_documents;
pub mod gather;
pub mod http;
pub mod server;
pub mod simulator;
pub mod sms;
pub mod wire;

pub use any::AnyRegistries;
pub use gather::{Query, QueryContext, RegistryRead, context, gather, holder_facts, within};
pub use http::{HttpConfig, HttpRegistries};
pub use simulator::{Simulator, SimulatorConfig};
