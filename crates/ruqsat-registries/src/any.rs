//! The registries a service uses: the in-process simulator or the HTTP adapter, chosen by
//! configuration at start-up.

use std::sync::Arc;

use chrono::NaiveDate;
use ruqsat_domain::application::{AdminOffence, BorderFacts, CriminalFacts, DutyPayment};
use ruqsat_domain::codes::SecurityFlag;
use ruqsat_domain::ids::Iin;
use ruqsat_domain::registries::{
    Answer, BorderCrossings, CitizenshipRecords, CourtRecords, CriminalRecords, DutyPayments, Employer,
    FingerprintRegistry, IinRegistry, LabourContracts, MigrationRecords, SecurityService, Subject,
};

use crate::http::HttpRegistries;
use crate::simulator::Simulator;

/// Either registry implementation.
#[derive(Debug, Clone)]
pub enum AnyRegistries {
    /// The in-process simulator.
    Simulated(Arc<Simulator>),
    /// The HTTP adapter.
    Http(Arc<HttpRegistries>),
}

impl AnyRegistries {
    /// Queries answered by the simulator so far (0 for HTTP: the gateway counts its own).
    pub fn query_count(&self) -> u64 {
        match self {
            AnyRegistries::Simulated(simulator) => simulator.query_count(),
            AnyRegistries::Http(_) => 0,
        }
    }
}

/// Forwards a port method to whichever implementation is configured.
macro_rules! forward {
    ($trait_:ident { $( fn $method:ident(&self, $arg:ident: $arg_type:ty) -> $answer:ty; )+ }) => {
        impl $trait_ for AnyRegistries {
            $(
                async fn $method(&self, $arg: $arg_type) -> $answer {
                    match self {
                        AnyRegistries::Simulated(simulator) => simulator.$method($arg).await,
                        AnyRegistries::Http(http) => http.$method($arg).await,
                    }
                }
            )+
        }
    };
}

forward!(BorderCrossings { fn border_facts(&self, subject: &Subject) -> Answer<BorderFacts>; });
forward!(CriminalRecords {
    fn criminal_facts(&self, subject: &Subject) -> Answer<CriminalFacts>;
    fn admin_offences(&self, subject: &Subject) -> Answer<Vec<AdminOffence>>;
});
forward!(IinRegistry { fn iin_registered(&self, iin: Iin) -> Answer<bool>; });
forward!(FingerprintRegistry { fn fingerprints_registered(&self, subject: &Subject) -> Answer<bool>; });
forward!(MigrationRecords {
    fn domestic_work_trps(&self, employer: Employer) -> Answer<u32>;
    fn prp_application_exists(&self, subject: &Subject) -> Answer<bool>;
    fn expelled_on(&self, subject: &Subject) -> Answer<Option<NaiveDate>>;
});
forward!(LabourContracts { fn contract_registered(&self, subject: &Subject) -> Answer<bool>; });
forward!(DutyPayments { fn duty_payment(&self, subject: &Subject) -> Answer<Option<DutyPayment>>; });
forward!(SecurityService { fn security_flags(&self, subject: &Subject) -> Answer<Vec<SecurityFlag>>; });
forward!(CourtRecords { fn marriage_annulled(&self, subject: &Subject) -> Answer<bool>; });
forward!(CitizenshipRecords {
    fn citizenship_lost_art21(&self, subject: &Subject) -> Answer<bool>;
    fn citizenship_deprived_art20_1(&self, subject: &Subject) -> Answer<bool>;
});
