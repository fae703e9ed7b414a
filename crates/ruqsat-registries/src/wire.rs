//! The JSON the registry HTTP interface speaks (the simulator's server and the HTTP adapter):
//! one `POST /v1/{question}` per port method, the subject in, the answer out.

use chrono::NaiveDate;
use ruqsat_domain::application::{AdminOffence, BorderFacts, CriminalFacts, DutyPayment};
use ruqsat_domain::codes::{OffenceArea, SecurityFlag};
use ruqsat_domain::country::CountryCode;
use ruqsat_domain::ids::{Bin, Iin};
use ruqsat_domain::registries::{Employer, Subject};
use serde::{Deserialize, Serialize};

/// The person asked about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubjectWire {
    /// Surname.
    pub surname: String,
    /// Given name.
    pub given_name: String,
    /// Birth date.
    pub birth_date: NaiveDate,
    /// Citizenship, alpha-3.
    pub citizenship: Option<String>,
    /// Passport number.
    pub passport_number: String,
    /// IIN.
    pub iin: Option<String>,
}

impl SubjectWire {
    /// The wire form of a subject.
    pub fn from_subject(subject: &Subject) -> Self {
        SubjectWire {
            surname: subject.surname.clone(),
            given_name: subject.given_name.clone(),
            birth_date: subject.birth_date,
            citizenship: subject.citizenship.map(|country| country.to_string()),
            passport_number: subject.passport_number.clone(),
            iin: subject.iin.map(|iin| iin.to_string()),
        }
    }

    /// The subject, if the codes parse.
    pub fn into_subject(self) -> Result<Subject, String> {
        Ok(Subject {
            surname: self.surname,
            given_name: self.given_name,
            birth_date: self.birth_date,
            citizenship: self
                .citizenship
                .map(|code| code.parse::<CountryCode>())
                .transpose()
                .map_err(|error| error.to_string())?,
            passport_number: self.passport_number,
            iin: self
                .iin
                .map(|iin| iin.parse::<Iin>())
                .transpose()
                .map_err(|error| error.to_string())?,
        })
    }
}

/// An IIN asked about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IinWire {
    /// The IIN.
    pub iin: String,
}

/// An employer asked about.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EmployerWire {
    /// IIN of an individual employer.
    pub iin: Option<String>,
    /// BIN of a legal entity.
    pub bin: Option<String>,
}

impl EmployerWire {
    /// The wire form.
    pub fn from_employer(employer: Employer) -> Self {
        match employer {
            Employer::Individual(iin) => EmployerWire {
                iin: Some(iin.to_string()),
                bin: None,
            },
            Employer::LegalEntity(bin) => EmployerWire {
                iin: None,
                bin: Some(bin.to_string()),
            },
        }
    }

    /// The employer, if the numbers parse.
    pub fn into_employer(self) -> Result<Employer, String> {
        match (self.iin, self.bin) {
            (Some(iin), None) => iin
                .parse::<Iin>()
                .map(Employer::Individual)
                .map_err(|error| error.to_string()),
            (None, Some(bin)) => bin
                .parse::<Bin>()
                .map(Employer::LegalEntity)
                .map_err(|error| error.to_string()),
            (Some(_), Some(_)) | (None, None) => Err("give either iin or bin".into()),
        }
    }
}

/// A yes/no answer.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Flag {
    /// The answer.
    pub answer: bool,
}

/// A count.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Count {
    /// The count.
    pub count: u32,
}

/// A date or none.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct MaybeDate {
    /// The date.
    pub date: Option<NaiveDate>,
}

/// Border facts.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct BorderWire {
    /// The last entry was illegal.
    pub illegal_entry: bool,
}

/// Criminal facts.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct CriminalWire {
    /// Wanted.
    pub wanted: bool,
    /// Unexpunged conviction.
    pub unexpunged_conviction: bool,
    /// Unexecuted obligations.
    pub unexecuted_obligations: bool,
    /// Court ban on the service.
    pub court_ban_on_service: bool,
    /// Released from prison, lived abroad.
    pub released_from_prison_nonresident: bool,
}

/// An administrative offence.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OffenceWire {
    /// Area code.
    pub area: String,
    /// Date.
    pub on: NaiveDate,
}

/// A state-duty payment or none.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct PaymentWire {
    /// Amount in tenge, when paid.
    pub amount_kzt: Option<u64>,
    /// Date, when paid.
    pub paid_on: Option<NaiveDate>,
}

/// Security flags.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FlagsWire {
    /// Flag codes.
    pub flags: Vec<String>,
}

impl From<BorderFacts> for BorderWire {
    fn from(facts: BorderFacts) -> Self {
        BorderWire {
            illegal_entry: facts.illegal_entry,
        }
    }
}

impl From<BorderWire> for BorderFacts {
    fn from(wire: BorderWire) -> Self {
        BorderFacts {
            illegal_entry: wire.illegal_entry,
        }
    }
}

impl From<CriminalFacts> for CriminalWire {
    fn from(facts: CriminalFacts) -> Self {
        CriminalWire {
            wanted: facts.wanted,
            unexpunged_conviction: facts.unexpunged_conviction,
            unexecuted_obligations: facts.unexecuted_obligations,
            court_ban_on_service: facts.court_ban_on_service,
            released_from_prison_nonresident: facts.released_from_prison_nonresident,
        }
    }
}

impl From<CriminalWire> for CriminalFacts {
    fn from(wire: CriminalWire) -> Self {
        CriminalFacts {
            wanted: wire.wanted,
            unexpunged_conviction: wire.unexpunged_conviction,
            unexecuted_obligations: wire.unexecuted_obligations,
            court_ban_on_service: wire.court_ban_on_service,
            released_from_prison_nonresident: wire.released_from_prison_nonresident,
        }
    }
}

/// Offences to the wire.
pub fn offences_to_wire(offences: &[AdminOffence]) -> Vec<OffenceWire> {
    offences
        .iter()
        .map(|offence| OffenceWire {
            area: offence.area.as_str().into(),
            on: offence.on,
        })
        .collect()
}

/// Offences from the wire.
pub fn offences_from_wire(offences: Vec<OffenceWire>) -> Result<Vec<AdminOffence>, String> {
    offences
        .into_iter()
        .map(|offence| {
            Ok(AdminOffence {
                area: offence.area.parse::<OffenceArea>().map_err(|error| error.to_string())?,
                on: offence.on,
            })
        })
        .collect()
}

/// A payment to the wire.
pub fn payment_to_wire(payment: Option<DutyPayment>) -> PaymentWire {
    PaymentWire {
        amount_kzt: payment.map(|payment| payment.amount_kzt),
        paid_on: payment.map(|payment| payment.paid_on),
    }
}

/// A payment from the wire.
pub fn payment_from_wire(wire: PaymentWire) -> Option<DutyPayment> {
    match (wire.amount_kzt, wire.paid_on) {
        (Some(amount_kzt), Some(paid_on)) => Some(DutyPayment { amount_kzt, paid_on }),
        _ => None,
    }
}

/// Flags to the wire.
pub fn flags_to_wire(flags: &[SecurityFlag]) -> FlagsWire {
    FlagsWire {
        flags: flags.iter().map(|flag| flag.as_str().to_owned()).collect(),
    }
}

/// Flags from the wire.
pub fn flags_from_wire(wire: FlagsWire) -> Result<Vec<SecurityFlag>, String> {
    wire.flags
        .iter()
        .map(|flag| flag.parse::<SecurityFlag>().map_err(|error| error.to_string()))
        .collect()
}
