//! The stable codes of the catalogue as enums, each with its legal source (`docs/CONTRACT.md`
//! says where they appear).
//!
//! Every code has exactly one spelling, used in data, APIs, tests and explanations. Parsing an
//! unknown code is an error that lists the codes allowed.

/// An unknown code for one of the catalogue's vocabularies.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {vocabulary} {found:?} (allowed: {allowed})")]
pub struct UnknownCode {
    /// Which vocabulary was expected, e.g. "document type".
    pub vocabulary: &'static str,
    /// The text given.
    pub found: String,
    /// The allowed codes, comma-separated.
    pub allowed: String,
}

/// Defines a closed vocabulary: the enum, its codes, `FromStr`, `Display` and `Deserialize`.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($label:literal) {
            $( $(#[$variant_meta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every code of the vocabulary, in catalogue order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The stable code.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    $( $name::$variant => $code, )+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $( $code => Ok($name::$variant), )+
                    _ => Err($crate::codes::UnknownCode {
                        vocabulary: $label,
                        found: text.to_owned(),
                        allowed: [$( $code, )+].join(", "),
                    }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary! {
    /// The two services (catalogue §1).
    pub enum Service ("service") {
        /// Issuing a temporary residence permit (Rules p.5, Appendix 1-1).
        Trp = "trp",
        /// Issuing a permanent residence permit (Appendix 3).
        Prp = "prp",
    }
}

vocabulary! {
    /// TRP subtypes (Appendix 1-1, header; catalogue §1).
    pub enum Subtype ("TRP subtype") {
        /// 1. Family reunification.
        FamilyReunification = "family_reunification",
        /// 2. Labour activity.
        Labour = "labour",
        /// 3. Study at Kazakh educational institutions.
        Study = "study",
        /// 4. In-patient treatment at Kazakh medical institutions.
        MedicalTreatment = "medical_treatment",
        /// 5. Missionary activity.
        Missionary = "missionary",
        /// 6. Entrepreneurial activity (business immigrants).
        BusinessImmigrant = "business_immigrant",
        /// 7. Victims of human trafficking identified in Kazakhstan.
        TraffickingVictim = "trafficking_victim",
        /// 8. Migrants who applied for a PRP.
        PrpApplicant = "prp_applicant",
    }
}

vocabulary! {
    /// Channels through which an application is made (item 2 of each list; catalogue §2).
    pub enum Channel ("channel") {
        /// The territorial police body at the place of registration (the service provider).
        Desk = "desk",
        /// State Corporation "Government for Citizens".
        StateCorporation = "state_corporation",
        /// The e-government portal, with an electronic digital signature (TRP only).
        Portal = "portal",
    }
}

vocabulary! {
    /// The regions of the police bodies: the 17 regions and the 3 cities of republican
    /// significance (the case is handled by the body of the place of registration).
    pub enum Region ("region") {
        /// Abai region.
        Abai = "abai",
        /// Akmola region.
        Akmola = "akmola",
        /// Aktobe region.
        Aktobe = "aktobe",
        /// the city of Almaty.
        Almaty = "almaty",
        /// Almaty region.
        AlmatyRegion = "almaty_region",
        /// the city of Astana.
        Astana = "astana",
        /// Atyrau region.
        Atyrau = "atyrau",
        /// East Kazakhstan region.
        EastKazakhstan = "east_kazakhstan",
        /// Jambyl region.
        Jambyl = "jambyl",
        /// Jetisu region.
        Jetisu = "jetisu",
        /// Karaganda region.
        Karaganda = "karaganda",
        /// Kostanay region.
        Kostanay = "kostanay",
        /// Kyzylorda region.
        Kyzylorda = "kyzylorda",
        /// Mangystau region.
        Mangystau = "mangystau",
        /// North Kazakhstan region.
        NorthKazakhstan = "north_kazakhstan",
        /// Pavlodar region.
        Pavlodar = "pavlodar",
        /// the city of Shymkent.
        Shymkent = "shymkent",
        /// Turkistan region.
        Turkistan = "turkistan",
        /// Ulytau region.
        Ulytau = "ulytau",
        /// West Kazakhstan region.
        WestKazakhstan = "west_kazakhstan",
    }
}

vocabulary! {
    /// Where a revocation candidate stands (the sweep finds it; the officer reviews it; the
    /// supervisor signs the revocation).
    pub enum CandidateState ("revocation candidate state") {
        /// Found, not reviewed yet.
        Open = "open",
        /// The officer proposes the revocation; the supervisor's signature is awaited.
        AwaitingSignature = "awaiting_signature",
        /// Signed: the permit is revoked.
        Revoked = "revoked",
        /// The officer found that the ground does not hold.
        Dismissed = "dismissed",
    }
}

vocabulary! {
    /// Who acts when no person does: recorded as the actor of events and audit entries.
    pub enum Agent ("agent") {
        /// The background worker (asks the registries, retries).
        System = "system",
        /// The decision engine (proposes).
        Engine = "engine",
        /// The applicant, identified at the portal (downloads from the personal cabinet).
        Applicant = "applicant",
    }
}

vocabulary! {
    /// Who appears to submit the application (acc.presence, Rules p.5; Appendix 3 item 8).
    pub enum Presence ("presence") {
        /// The applicant in person.
        Applicant = "applicant",
        /// A trustee with a notarized power of attorney (TRP only).
        Trustee = "trustee",
        /// A legal entity's representative under its order or power of attorney (TRP only).
        LegalEntityRepresentative = "legal_entity_representative",
        /// A parent, guardian or trustee of a child or of a person declared incapable by a court.
        LegalRepresentative = "legal_representative",
        /// Nobody appears: the portal, signed with an electronic digital signature.
        ElectronicSignature = "electronic_signature",
    }
}

vocabulary! {
    /// Sex as written in the passport.
    pub enum SexCode ("sex") {
        /// Male.
        Male = "male",
        /// Female.
        Female = "female",
    }
}

vocabulary! {
    /// Kind of the identity document of a foreigner (Appendix 1, column 3 "document type").
    pub enum IdentityDocumentKind ("identity document kind") {
        /// A foreign passport.
        ForeignPassport = "foreign_passport",
        /// A stateless person's document.
        StatelessPersonDocument = "stateless_person_document",
        /// Another identity document recognised by a treaty (e.g. an EAEU identity card).
        OtherIdentityDocument = "other_identity_document",
    }
}

vocabulary! {
    /// Degree of kinship of an accompanying family member with the migrant (Appendix 1).
    pub enum Relation ("relation") {
        /// Husband or wife.
        Spouse = "spouse",
        /// Son or daughter.
        Child = "child",
        /// Father or mother.
        Parent = "parent",
        /// Brother or sister.
        Sibling = "sibling",
        /// Grandfather or grandmother.
        Grandparent = "grandparent",
        /// Grandson or granddaughter.
        Grandchild = "grandchild",
        /// Another relation, as stated in the questionnaire.
        Other = "other",
    }
}

vocabulary! {
    /// Applicant categories that change the documents required or the grounds applied.
    pub enum Category ("applicant category") {
        /// Ethnic Kazakh (Art. 49 p.1 sub. 4 exemption; art49.15 and art49.17 exemption).
        EthnicKazakh = "ethnic_kazakh",
        /// Family member of an ethnic Kazakh.
        EthnicKazakhFamily = "ethnic_kazakh_family",
        /// Former compatriot.
        FormerCompatriot = "former_compatriot",
        /// Born in the Kazakh SSR or in Kazakhstan.
        BornInKazakhstan = "born_in_kazakhstan",
        /// Formerly a citizen of Kazakhstan.
        FormerCitizen = "former_citizen",
        /// Entitled to Kazakh citizenship in a simplified procedure under a treaty.
        SimplifiedCitizenshipTreaty = "simplified_citizenship_treaty",
        /// Family member of a person exempt from confirming solvency (art49.4).
        FamilyOfExempt = "family_of_exempt",
        /// Foreigner with an in-demand profession (Order No. 49 of 20.02.2023).
        InDemandProfession = "in_demand_profession",
        /// Has refugee status in Kazakhstan.
        Refugee = "refugee",
        /// Stateless person without identity documents.
        StatelessNoDocuments = "stateless_no_documents",
        /// Stateless person holding a USSR passport of the 1974 model.
        Ussr1974Passport = "ussr_1974_passport",
        /// Woman covered by the Convention on the Nationality of Married Women.
        MarriedWomenConvention = "married_women_convention",
        /// Obtained another citizenship through a mission in Kazakhstan and has permanent registration.
        ConsularOtherCitizenship = "consular_other_citizenship",
        /// Under 18 and came with a parent, or the legal representative resides in Kazakhstan.
        MinorWithParents = "minor_with_parents",
        /// A parent of the child applicant lives outside Kazakhstan.
        ParentAbroad = "parent_abroad",
        /// Both parents of the child applicant live outside Kazakhstan (the child applies with
        /// another legal representative: a guardian or trustee).
        ParentsAbroad = "parents_abroad",
        /// Needs none of the labour permits by law or ratified treaty.
        PermitExemptLabour = "permit_exempt_labour",
        /// Comes from a visa-free treaty state to work in the AIFC.
        AifcWorker = "aifc_worker",
        /// AIFC investment resident from a visa-free treaty state.
        AifcInvestmentResident = "aifc_investment_resident",
        /// Confirms solvency during the stay (PRP document 6 is then required).
        ConfirmsSolvency = "confirms_solvency",
    }
}

vocabulary! {
    /// Documents of the packages (catalogue §6 and §8).
    pub enum DocumentType ("document type") {
        /// TRP application-questionnaire (Appendix 1).
        ApplicationForm = "application_form",
        /// Copy of the identity document.
        IdentityDocument = "identity_document",
        /// Copy of medical insurance.
        MedicalInsurance = "medical_insurance",
        /// Notarized consent of the housing owner.
        HousingOwnerConsent = "housing_owner_consent",
        /// Certificate of fingerprint registration (Government Decree No. 36 of 31.01.2018).
        FingerprintCertificate = "fingerprint_certificate",
        /// Proof of a family relation with a person permanently residing in Kazakhstan.
        FamilyRelationProof = "family_relation_proof",
        /// LEB permit to attract foreign labour.
        ForeignLabourPermit = "foreign_labour_permit",
        /// LEB certificate or permit on the foreigner's qualification.
        QualificationCertificate = "qualification_certificate",
        /// LEB permit for a labour immigrant to work for individuals.
        DomesticWorkPermit = "domestic_work_permit",
        /// Employment or civil-law contract registered in the unified system (EAEU citizens).
        EaeuLabourContract = "eaeu_labour_contract",
        /// Order sending on a business trip (intra-corporate transfer or contract).
        SecondmentOrder = "secondment_order",
        /// Journalist's accreditation, with its term.
        JournalistAccreditation = "journalist_accreditation",
        /// Petition of the Kazakh educational institution.
        StudyPetition = "study_petition",
        /// Documents of a Kazakh medical organisation on the need of treatment or care.
        MedicalInstitutionDocuments = "medical_institution_documents",
        /// Certificate of the state body regulating religious activity.
        MissionaryCertificate = "missionary_certificate",
        /// Document of the LEB under Art. 40 of the Law on Population Migration.
        BusinessImmigrantDocument = "business_immigrant_document",
        /// Petition of the LEB under Government Decree No. 148 of 21.01.2012.
        TraffickingPetition = "trafficking_petition",
        /// Petition of the AIFC administration for an investment resident.
        AifcPetition = "aifc_petition",
        /// PRP application-questionnaire (Appendix 4).
        PrpApplicationForm = "prp_application_form",
        /// Foreign passport or stateless person's document.
        Passport = "passport",
        /// Proof of solvency, or of the grounds for exemption.
        SolvencyProof = "solvency_proof",
        /// Certificate of criminal record or its absence.
        CriminalRecordCertificate = "criminal_record_certificate",
        /// Notarized consent of a child aged 14 to 18.
        ChildConsent = "child_consent",
        /// Notarized housing and permanent-registration contract, or notarized statement.
        HousingContract = "housing_contract",
        /// Medical certificate form 028/u.
        MedicalCertificate028 = "medical_certificate_028",
        /// One photograph 35×45 mm.
        Photo = "photo",
        /// Document of payment of the state duty.
        StateDutyReceipt = "state_duty_receipt",
        /// Petition of the sectoral state body (in-demand professions).
        InDemandPetition = "in_demand_petition",
        /// Birth certificate of a child under 16 (copy and original).
        BirthCertificate = "birth_certificate",
        /// Notarized consent of the other parent living outside Kazakhstan.
        OtherParentConsent = "other_parent_consent",
        /// Employment contract or civil-law contract for works or services of a migrant who needs
        /// no labour permit, or of an AIFC worker (Appendix 1-1 item 8, subtype 2; the order,
        /// L641–L660, L661–L678: the TRP never outlasts it).
        LabourContract = "labour_contract",
    }
}

vocabulary! {
    /// Reasons an application is not accepted (catalogue §4).
    pub enum AcceptanceCode ("acceptance rule") {
        /// Personal presence (Rules p.5; Appendix 3 item 8).
        Presence = "acc.presence",
        /// Data held in integrated information systems replaces the document (Rules p.5).
        IsData = "acc.is_data",
        /// A migrant who turned 16 applies within 10 calendar days (Rules p.5).
        Age16 = "acc.age16",
        /// After the permitted stay, only with a downtime act or Art. 517 liability (Rules p.9-1).
        Late = "acc.late",
        /// The package is complete and its documents acceptable (p.9-1 sub. 1).
        Complete = "acc.complete",
        /// The channel is offered for the service (item 2 of each list).
        Channel = "acc.channel",
        /// The desk and the State Corporation accept applications within their hours (item 7 of
        /// each list).
        Hours = "acc.hours",
        /// Fingerprint registration at the territorial police body (Rules p.5).
        Fingerprints = "acc.fingerprints",
    }
}

vocabulary! {
    /// The seven checks of the authorized officer (Rules p.9-1; catalogue §5).
    pub enum CheckCode ("check") {
        /// Completeness of the package.
        Completeness = "chk.1",
        /// Crossings of the State border ("Berkut").
        Border = "chk.2",
        /// Criminal record, wanted status, unexecuted obligations.
        Criminal = "chk.3",
        /// IINs of the foreigner and of the family members.
        Iin = "chk.4",
        /// Valid domestic-work TRPs of the employer (Law Art. 43-2 p.5).
        EmployerDomesticTrps = "chk.5",
        /// An application for the PRP service exists.
        PrpApplication = "chk.6",
        /// Fingerprint registration.
        Fingerprints = "chk.7",
    }
}

vocabulary! {
    /// Results of a check.
    pub enum CheckResult ("check result") {
        /// Nothing that stands in the way was found.
        Passed = "passed",
        /// A fact was found that gives rise to a refusal ground or to non-acceptance.
        Failed = "failed",
        /// The check does not apply to this service or subtype.
        NotApplicable = "not_applicable",
        /// The registry has not answered yet.
        Pending = "pending",
    }
}

vocabulary! {
    /// Areas of law of an administrative offence (art49.5, art49.17).
    pub enum OffenceArea ("offence area") {
        /// Migration law (including the legal status of foreigners).
        Migration = "migration",
        /// Tax law.
        Tax = "tax",
        /// Labour law.
        Labour = "labour",
        /// Any other area (not a ground by itself).
        Other = "other",
    }
}

vocabulary! {
    /// Why the term of a case is suspended or extended (interpretation 61).
    pub enum PauseReason ("reason to suspend the term") {
        /// Waiting for the answer of an approving body (`prp.9.1.3`).
        ApprovingBody = "approving_body",
        /// The window in which the applicant may object to a preliminary refusal (APPK Art. 73).
        Hearing = "hearing",
        /// A missing or unreadable document was requested from the applicant.
        MissingDocument = "missing_document",
        /// A registry needed for the checks is unavailable for longer than the term allows.
        RegistryUnavailable = "registry_unavailable",
    }
}

vocabulary! {
    /// Where an unfavourable act is appealed (interpretation 62).
    pub enum AppealBody ("appeal body") {
        /// The higher body of the internal affairs (the migration service).
        HigherBody = "higher_body",
        /// The body that assesses the quality of state services.
        QualityBody = "quality_body",
        /// The court (after the pre-trial appeal, Administrative Procedural and Process Code).
        Court = "court",
    }
}

vocabulary! {
    /// What the national security bodies reported (art49.10, art49.18).
    pub enum SecurityFlag ("security flag") {
        /// Information on involvement in extremist or terrorist activity.
        ExtremismTerrorism = "extremism_terrorism",
        /// A threat to national security.
        NationalSecurityThreat = "national_security_threat",
    }
}

vocabulary! {
    /// Refusal grounds (catalogue §7 and §9).
    pub enum GroundCode ("refusal ground") {
        /// Documents or data found unreliable.
        Trp9_1 = "trp.9.1",
        /// Applicant or data do not meet the requirements of normative legal acts.
        Trp9_2 = "trp.9.2",
        /// A court verdict deprives the applicant of a special right related to the service.
        Trp9_3 = "trp.9.3",
        /// No consent to access restricted personal data.
        Trp9_4 = "trp.9.4",
        /// Documents or data found unreliable.
        Prp9_1_1 = "prp.9.1.1",
        /// Applicant, materials or data do not meet the requirements of the Rules.
        Prp9_1_2 = "prp.9.1.2",
        /// Negative answer of an authorized body, or a negative conclusion of a check.
        Prp9_1_3 = "prp.9.1.3",
        /// Entered illegally, or prosecuted in the country of origin.
        Art49_1 = "art49.1",
        /// Released from prison, lived permanently abroad before conviction.
        Art49_2 = "art49.2",
        /// Crime against humanity.
        Art49_3 = "art49.3",
        /// Did not confirm solvency.
        Art49_4 = "art49.4",
        /// Repeatedly violated the law on the legal status of foreigners.
        Art49_5 = "art49.5",
        /// Incited interethnic, interconfessional or religious hatred.
        Art49_6 = "art49.6",
        /// Acts aimed at changing the constitutional order by force.
        Art49_7 = "art49.7",
        /// Opposed sovereignty and independence, called for violating territorial unity.
        Art49_8 = "art49.8",
        /// Unexpunged or outstanding conviction.
        Art49_9 = "art49.9",
        /// Involvement in extremism or terrorism (no reasons given).
        Art49_10 = "art49.10",
        /// Forged documents, knowingly false information, or documents not submitted in time.
        Art49_11 = "art49.11",
        /// Has not passed fingerprint registration.
        Art49_12 = "art49.12",
        /// Expelled within the five years before the PRP would be issued.
        Art49_13 = "art49.13",
        /// Necessary to protect the rights and lawful interests of citizens and others.
        Art49_14 = "art49.14",
        /// Holder lived in Kazakhstan fewer than 183 days in a twelve-month period.
        Art49_15 = "art49.15",
        /// Marriage that was the basis for the permit declared invalid by a court.
        Art49_16 = "art49.16",
        /// Held administratively liable in migration, tax or labour law.
        Art49_17 = "art49.17",
        /// Threatens national security.
        Art49_18 = "art49.18",
        /// Has a disease that bars entry.
        Art49_19 = "art49.19",
        /// Previously lost Kazakh citizenship (Law on Citizenship Art. 21 p.1 sub. 8).
        Art49_20 = "art49.20",
        /// Previously deprived of Kazakh citizenship (Law on Citizenship Art. 20-1).
        Art49_21 = "art49.21",
    }
}

impl GroundCode {
    /// The service whose refusals may cite this ground.
    pub fn service(&self) -> Service {
        match self {
            GroundCode::Trp9_1 | GroundCode::Trp9_2 | GroundCode::Trp9_3 | GroundCode::Trp9_4 => Service::Trp,
            GroundCode::Prp9_1_1
            | GroundCode::Prp9_1_2
            | GroundCode::Prp9_1_3
            | GroundCode::Art49_1
            | GroundCode::Art49_2
            | GroundCode::Art49_3
            | GroundCode::Art49_4
            | GroundCode::Art49_5
            | GroundCode::Art49_6
            | GroundCode::Art49_7
            | GroundCode::Art49_8
            | GroundCode::Art49_9
            | GroundCode::Art49_10
            | GroundCode::Art49_11
            | GroundCode::Art49_12
            | GroundCode::Art49_13
            | GroundCode::Art49_14
            | GroundCode::Art49_15
            | GroundCode::Art49_16
            | GroundCode::Art49_17
            | GroundCode::Art49_18
            | GroundCode::Art49_19
            | GroundCode::Art49_20
            | GroundCode::Art49_21 => Service::Prp,
        }
    }

    /// The legal source of the ground, as a citation in English.
    pub fn source(&self) -> &'static str {
        match self {
            GroundCode::Trp9_1 => "Rules No. 992, Appendix 1-1, item 9, sub. 1",
            GroundCode::Trp9_2 => "Rules No. 992, Appendix 1-1, item 9, sub. 2",
            GroundCode::Trp9_3 => "Rules No. 992, Appendix 1-1, item 9, sub. 3",
            GroundCode::Trp9_4 => {
                "Rules No. 992, Appendix 1-1, item 9, sub. 4; Law on Personal Data and their Protection, Art. 8"
            }
            GroundCode::Prp9_1_1 => "Rules No. 992, Appendix 3, item 9 p.1 sub. 1; Law on State Services, Art. 19-1",
            GroundCode::Prp9_1_2 => "Rules No. 992, Appendix 3, item 9 p.1 sub. 2; Law on State Services, Art. 19-1",
            GroundCode::Prp9_1_3 => "Rules No. 992, Appendix 3, item 9 p.1 sub. 3; Law on State Services, Art. 19-1",
            GroundCode::Art49_1 => {
                "Law on Population Migration, Art. 49 p.1 sub. 1; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_2 => {
                "Law on Population Migration, Art. 49 p.1 sub. 2; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_3 => {
                "Law on Population Migration, Art. 49 p.1 sub. 3; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_4 => {
                "Law on Population Migration, Art. 49 p.1 sub. 4; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_5 => {
                "Law on Population Migration, Art. 49 p.1 sub. 5; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_6 => {
                "Law on Population Migration, Art. 49 p.1 sub. 6; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_7 => {
                "Law on Population Migration, Art. 49 p.1 sub. 7; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_8 => {
                "Law on Population Migration, Art. 49 p.1 sub. 8; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_9 => {
                "Law on Population Migration, Art. 49 p.1 sub. 9; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_10 => {
                "Law on Population Migration, Art. 49 p.1 sub. 10; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_11 => {
                "Law on Population Migration, Art. 49 p.1 sub. 11; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_12 => {
                "Law on Population Migration, Art. 49 p.1 sub. 12; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_13 => {
                "Law on Population Migration, Art. 49 p.1 sub. 13; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_14 => {
                "Law on Population Migration, Art. 49 p.1 sub. 14; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_15 => {
                "Law on Population Migration, Art. 49 p.1 sub. 15; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_16 => {
                "Law on Population Migration, Art. 49 p.1 sub. 16; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_17 => {
                "Law on Population Migration, Art. 49 p.1 sub. 17; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_18 => {
                "Law on Population Migration, Art. 49 p.1 sub. 18; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_19 => {
                "Law on Population Migration, Art. 49 p.1 sub. 19; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_20 => {
                "Law on Population Migration, Art. 49 p.1 sub. 20; Rules No. 992, Appendix 3, item 9 p.2"
            }
            GroundCode::Art49_21 => {
                "Law on Population Migration, Art. 49 p.1 sub. 21; Rules No. 992, Appendix 3, item 9 p.2"
            }
        }
    }
}

impl AcceptanceCode {
    /// The legal source of the acceptance rule, as a citation in English.
    pub fn source(&self) -> &'static str {
        match self {
            AcceptanceCode::Presence => "Rules No. 992, p.5; Appendix 3, item 8",
            AcceptanceCode::IsData => "Rules No. 992, p.5, part 3",
            AcceptanceCode::Age16 => "Rules No. 992, p.5, part 4",
            AcceptanceCode::Late => "Rules No. 992, p.9-1, last part",
            AcceptanceCode::Complete => {
                "Rules No. 992, p.9-1 sub. 1; Appendix 1-1 item 8; Appendix 3 item 8; Law on State Services, Art. 20"
            }
            AcceptanceCode::Channel => "Rules No. 992, Appendix 1-1 item 2; Appendix 3 item 2",
            AcceptanceCode::Hours => "Rules No. 992, Appendix 1-1 item 7; Appendix 3 item 7",
            AcceptanceCode::Fingerprints => "Rules No. 992, p.5, last part",
        }
    }
}

impl CheckCode {
    /// The legal source of the check, as a citation in English.
    pub fn source(&self) -> &'static str {
        match self {
            CheckCode::Completeness => "Rules No. 992, p.9-1 sub. 1",
            CheckCode::Border => "Rules No. 992, p.9-1 sub. 2",
            CheckCode::Criminal => "Rules No. 992, p.9-1 sub. 3",
            CheckCode::Iin => "Rules No. 992, p.9-1 sub. 4",
            CheckCode::EmployerDomesticTrps => {
                "Rules No. 992, p.9-1 sub. 5; Law on Population Migration, Art. 43-2 p.5"
            }
            CheckCode::PrpApplication => "Rules No. 992, p.9-1 sub. 6",
            CheckCode::Fingerprints => "Rules No. 992, p.9-1 sub. 7",
        }
    }
}

#[cfg(test)]
mod tests;
