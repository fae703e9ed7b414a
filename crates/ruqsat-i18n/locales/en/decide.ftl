# Ruqsat: texts of decisions and explanations, English.
# Every message here must exist in kk and ru too (checked by a test).

## Outcomes, services, channels

outcome-issue = issue the permit
outcome-refuse = refuse
outcome-not_accepted = not accepted
outcome-pending = pending
service-trp = temporary residence permit
service-prp = permanent residence permit
channel-desk = the migration police desk
channel-state_corporation = the State Corporation "Government for Citizens"
channel-portal = the e-government portal
presence-applicant = the applicant in person
presence-trustee = a trustee with a notarized power of attorney
presence-legal_entity_representative = a representative of the legal entity
presence-legal_representative = a legal representative (parent, guardian or trustee)
presence-electronic_signature = an electronic digital signature

## Documents

document-application_form = application-questionnaire (Appendix 1)
document-identity_document = copy of the identity document
document-medical_insurance = copy of the medical insurance
document-housing_owner_consent = notarized consent of the housing owner
document-fingerprint_certificate = certificate of fingerprint registration
document-family_relation_proof = document confirming the family relation
document-foreign_labour_permit = permit to attract foreign labour
document-qualification_certificate = certificate or permit on the qualification
document-domestic_work_permit = permit to work for individuals (domestic work)
document-eaeu_labour_contract = employment or civil-law contract registered in the unified system
document-secondment_order = order sending on a business trip
document-journalist_accreditation = journalist's accreditation
document-study_petition = petition of the educational institution
document-medical_institution_documents = documents of the medical organisation
document-missionary_certificate = certificate of the body regulating religious activity
document-business_immigrant_document = document of the local executive body (business immigrant)
document-trafficking_petition = petition of the local executive body (victim of trafficking)
document-aifc_petition = petition of the AIFC administration
document-prp_application_form = application-questionnaire (Appendix 4)
document-passport = foreign passport or stateless person's document
document-solvency_proof = proof of solvency or of the grounds for exemption
document-criminal_record_certificate = certificate of criminal record or its absence
document-child_consent = notarized consent of the child (14 to 18)
document-housing_contract = notarized contract on housing and permanent registration
document-medical_certificate_028 = medical certificate form 028/u
document-photo = photograph 35×45 mm
document-state_duty_receipt = document of payment of the state duty
document-in_demand_petition = petition of the sectoral state body (in-demand profession)
document-birth_certificate = birth certificate of the child
document-other_parent_consent = notarized consent of the other parent
document-labour_contract = employment or civil-law contract (a worker who needs no labour permit)

## Checks

check-chk-1 = completeness of the package
check-chk-2 = crossings of the State border ("Berkut")
check-chk-3 = criminal record, wanted lists and unexecuted obligations
check-chk-4 = IINs of the foreigner and the family members
check-chk-5 = valid domestic-work TRPs of the employer
check-chk-6 = application for a permanent residence permit
check-chk-7 = fingerprint registration
result-passed = passed
result-failed = failed
result-not_applicable = not applicable
result-pending = pending

## Grounds

ground-trp-9-1 = the documents submitted, or the data in them, are unreliable
ground-trp-9-2 = the applicant, or the data and information, do not meet the requirements of normative legal acts
ground-trp-9-3 = a court verdict in force deprives the applicant of a special right related to the service
ground-trp-9-4 = the applicant has not consented to access to restricted personal data required for the service
ground-prp-9-1-1 = the documents submitted, or the data in them, are unreliable
ground-prp-9-1-2 = the applicant, the materials or the data do not meet the requirements of the Rules
ground-prp-9-1-3 = an authorized state body answered negatively, or an examination or check concluded negatively
ground-art49-1 = entered Kazakhstan illegally, or is prosecuted in the country of origin for a crime
ground-art49-2 = was released from a place of deprivation of liberty and lived permanently outside Kazakhstan before the conviction
ground-art49-3 = committed a crime against humanity
ground-art49-4 = did not confirm solvency in the order and amounts set by the Ministry of Internal Affairs
ground-art49-5 = repeatedly violated the law on the legal status of foreigners
ground-art49-6 = incited interethnic, interconfessional or religious hatred
ground-art49-7 = acts aimed at changing the constitutional order by force
ground-art49-8 = opposed the sovereignty and independence of Kazakhstan or called for violating its territorial unity
ground-art49-9 = has an unexpunged or outstanding conviction for a crime
ground-art49-10 = the national security bodies hold information on involvement in extremist or terrorist activity
ground-art49-11 = submitted forged documents or knowingly false information, or did not submit required documents in time without good reason
ground-art49-12 = has not passed fingerprint registration
ground-art49-13 = was expelled from Kazakhstan within the five years before the permit would be issued
ground-art49-14 = necessary to protect the rights and lawful interests of citizens and other persons
ground-art49-15 = lived in Kazakhstan fewer than 183 calendar days in a twelve-month period since the permit was issued
ground-art49-16 = the marriage with a citizen of Kazakhstan that was the basis for the permit was declared invalid by a court
ground-art49-17 = was held administratively liable for offences in migration, tax or labour law
ground-art49-18 = threatens national security
ground-art49-19 = has a disease that bars entry to Kazakhstan
ground-art49-20 = previously lost citizenship of Kazakhstan (Law on Citizenship, Art. 21 p.1 sub. 8)
ground-art49-21 = was previously deprived of citizenship of Kazakhstan (Law on Citizenship, Art. 20-1)

## Sources (citations)

source-trp-9-1 = Rules No. 992, Appendix 1-1, item 9, sub. 1
source-trp-9-2 = Rules No. 992, Appendix 1-1, item 9, sub. 2
source-trp-9-3 = Rules No. 992, Appendix 1-1, item 9, sub. 3
source-trp-9-4 = Rules No. 992, Appendix 1-1, item 9, sub. 4; Law on Personal Data and their Protection, Art. 8
source-prp-9-1-1 = Rules No. 992, Appendix 3, item 9 p.1 sub. 1; Law on State Services, Art. 19-1
source-prp-9-1-2 = Rules No. 992, Appendix 3, item 9 p.1 sub. 2; Law on State Services, Art. 19-1
source-prp-9-1-3 = Rules No. 992, Appendix 3, item 9 p.1 sub. 3; Law on State Services, Art. 19-1
source-art49 = Law on Population Migration, Art. 49 p.1 sub. { $sub }; Rules No. 992, Appendix 3, item 9 p.2

## Registries

registry-iin = IIN registry
registry-border = border crossings ("Berkut")
registry-criminal = criminal records and wanted lists
registry-admin_offences = administrative offences
registry-employer_domestic_trps = domestic-work TRPs of the employer
registry-prp_applications = PRP applications
registry-fingerprints = fingerprint registry
registry-expulsions = expulsion records
registry-security = national security bodies
registry-citizenship_lost = citizenship records (loss)
registry-citizenship_deprived = citizenship records (deprivation)
registry-courts = court records (marriage)
registry-duty_payments = state-duty payments

## Explanation: acceptance

expl-edition = Submitted on { $date } at { $time } (Kazakhstan time) through { $channel }; decided under the Rules as in force from { $edition_from } ({ $edition }).
expl-iin-mismatch = Note for the officer: the IIN encodes the birth date { $iin_date }, the application states { $birth_date }.
expl-channel-not-offered = The { $service } is not offered through { $channel } (acc.channel).
expl-outside-hours = Submitted through { $channel } on { $at }, outside the hours in which it accepts applications: { $hours } (acc.hours). The e-gov portal accepts a TRP application at any time.
expl-hours-desk = working days { $opens }–{ $closes }, except the lunch break { $break_from }–{ $break_until }
expl-hours-sc = working days { $opens }–{ $closes }
expl-hours-sc-duty = working days { $opens }–{ $closes } and Saturdays { $saturday_opens }–{ $saturday_closes } (duty office), except holidays
expl-presence-not-allowed = The application was submitted by { $presence }, which the Rules do not allow for a { $service } (acc.presence).
expl-stay-expired-accepted = The permitted stay ended on { $until }; the application is accepted because { $exception } (acc.late).
expl-stay-expired-refused = The permitted stay ended on { $until }; without a downtime act or liability under Art. 517, a late application is not accepted (acc.late).
exception-downtime_act = a downtime act of the State Corporation and the provider is recorded
exception-art517 = the applicant was held liable under Art. 517 of the Code of Administrative Offences
expl-age16-in-time = The applicant turned 16 on { $birthday } and applied by { $deadline }, within 10 days (acc.age16).
expl-age16-late-accepted = The applicant turned 16 on { $birthday } and should have applied by { $deadline }; the application is accepted because { $exception } (acc.age16).
expl-age16-late-refused = The applicant turned 16 on { $birthday } and should have applied by { $deadline }; the application is late and not accepted (acc.age16).
expl-reduced-consular = Reduced package: citizenship of another state obtained through a mission in Kazakhstan, with permanent registration (Appendix 3 item 8).
expl-reduced-minor = Reduced package for a child aged { $age } who came with a parent (Appendix 3 item 8).
expl-document-missing = Missing: { $document } ({ $code }).
expl-documents-missing-one-of = Missing: one of { $documents }.
expl-not-required-eaeu = Not required: { $document }, the applicant is a citizen of an EAEU state.
expl-not-required-host-owns = Not required: { $document }, the host owns the housing.
expl-not-required-refugee = Not required: { $document }, the applicant has refugee status.
expl-not-required-china-ethnic-kazakh = Not required: { $document }, the applicant is an ethnic Kazakh and a citizen of the PRC.
expl-not-required-permit-exempt = Not required: a labour permit, the applicant is in the category { $category }.
expl-from-information-system = { $document }: data taken from an integrated information system (acc.is_data).
expl-invalid-expires_too_soon = Not acceptable: { $document } expires on { $expires_on }, { $days_left } days after the application; it must be valid more than { $minimum } days.
expl-invalid-too_old = Not acceptable: { $document } was issued on { $issued_on }, { $age_days } days before the application; at most { $maximum } days are allowed.
expl-invalid-issue_date_missing = Not acceptable: { $document } has no issue date, so its age cannot be checked.
expl-invalid-translation_missing = Not acceptable: { $document } is in a foreign language without a notarized translation into Kazakh or Russian.
expl-invalid-legalization_missing = Not acceptable: { $document } comes from a foreign authority and is not legalized.
expl-invalid-underpaid = Not acceptable: { $document } shows { $paid } tenge paid on { $paid_on }; the duty is { $due } tenge.
expl-package-complete = The package is complete: { $required } required documents, all acceptable.
expl-invalid-expired = Not acceptable: { $document } expired on { $expired_on }, before the application.
expl-invalid-too_short = Not acceptable: { $document } runs until { $valid_until }, { $days } days from the application; at least { $minimum } days are required.
expl-family-no-period = Family member { $number }: the passport expires on { $expires_on }, before the permit would start; no permit for this member.
expl-art517-too-long = Liability under Art. 517 opens a late application only for not leaving within at most { $maximum } days after the term; the applicant was held liable for { $days } days.
expl-finding-ignored = A finding on { $code } is ignored: it is not a ground of the { $service }.

## Explanation: checks

expl-check-not-applicable = { $code } ({ $check }): not applicable to this application.
expl-check-pending = { $code } ({ $check }): the registry has not answered yet.
expl-chk1-passed = chk.1 (completeness): passed.
expl-chk1-failed = chk.1 (completeness): failed, { $missing } missing and { $invalid } not acceptable.
expl-chk2-clear = chk.2 (border crossings): no illegal entry on record.
expl-chk2-illegal = chk.2 (border crossings): the last entry was illegal.
expl-chk2-expelled = chk.2 (border crossings and expulsions): expelled on { $on }.
expl-chk3-clear = chk.3 (criminal records): nothing that stands in the way ({ $offences } administrative offences counted).
expl-chk3-found = chk.3 (criminal records): { $flags } record(s) and { $offences } administrative offence(s) that stand in the way.
expl-chk4-passed = chk.4 (IINs): { $family_total ->
    [0] the applicant's IIN is in order.
   *[other] the IINs of the applicant and { $family_total } family member(s) are in order.
}
expl-chk4-no-iin = chk.4 (IINs): the applicant has no IIN yet; one is assigned on issue.
expl-chk4-failed = chk.4 (IINs): { $applicant ->
    [yes] the applicant's IIN
   *[no] no IIN of the applicant
} and { $family_missing } family member IIN(s) not found in the registry.
expl-chk5-no-limit = chk.5 (domestic work): the employer holds { $count } valid TRP(s) for domestic work; no limit is set (Art. 43-2 p.5), the officer judges.
expl-chk5-under = chk.5 (domestic work): the employer holds { $count } valid TRP(s) for domestic work, below the limit of { $limit }.
expl-chk5-over = chk.5 (domestic work): the employer already holds { $count } valid TRP(s) for domestic work; the limit is { $limit }.
expl-chk6-exists = chk.6 (PRP application): an application for a permanent residence permit is on record.
expl-chk6-missing = chk.6 (PRP application): no application for a permanent residence permit is on record.
expl-chk7-registered = chk.7 (fingerprints): registration passed.
expl-chk7-missing = chk.7 (fingerprints): no fingerprint registration on record.
expl-awaiting = Awaiting the answer of: { $registry } ({ $field }).

## Explanation: grounds

expl-ground-holds = Ground { $code } holds: { $title }. { $facts }
expl-exempted = Ground { $code } is not applied: the applicant is in the category { $category } (exemption of Art. 49).
fact-finding = Officer's reasoned finding: { $note }
fact-finding-required = The officer must give a reasoned finding before the refusal is signed.
fact-illegal_entry = The border-crossing system records an illegal entry.
fact-wanted = The applicant is on a wanted list.
fact-unexecuted_obligations = Obligations for offences committed during a previous stay are unexecuted.
fact-court_ban = A court verdict in force bans the special right.
fact-released_from_prison = Released from a place of deprivation of liberty after living permanently outside Kazakhstan.
fact-unexpunged_conviction = The criminal records show an unexpunged or outstanding conviction.
fact-repeated_violations = { $count } offences in migration law are on record (the latest on { $latest_on }); { $minimum } or more count as repeated.
fact-admin_offences = { $count } administrative offence(s) in migration, tax or labour law are on record (the latest on { $latest_on }).
fact-iin_not_found = An IIN stated in the application is not in the registry ({ $who }).
fact-iin-who-applicant = the applicant
fact-iin-who-family = { $count } family member(s)
fact-iin-who-both = the applicant and { $count } family member(s)
fact-domestic_work_limit = The employer already holds { $count } valid TRPs for domestic work; the limit is { $limit }.
fact-no_prp_application = No application for a permanent residence permit is on record.
fact-no_fingerprints = No fingerprint registration is on record.
fact-expelled = Expelled on { $on }; the five years run until { $until }, after the application date.
fact-extremism = Information of the national security bodies (no reasons are given).
fact-security_threat = The national security bodies report a threat to national security.
fact-barring_disease = The medical certificate 028/u reports a disease that bars entry.
fact-citizenship_lost = The citizenship records show a loss of citizenship under Art. 21 p.1 sub. 8.
fact-citizenship_deprived = The citizenship records show a deprivation of citizenship under Art. 20-1.
fact-marriage_annulled = A court decision in force declared invalid the marriage that was the basis for the permit.
fact-no_consent = The applicant has not given consent to access restricted personal data.
fact-no_valid_period = No period remains for the permit: it could start on { $from } but must end by { $until }.

## Explanation: term, fee, validity, outcome

expl-trp-due-submission_day = Term: { $days } working day from { $day_zero } (submitted on a working day before the end of the day); the result is due on { $due_date } at { $due_time }.
expl-trp-due-after_hours = Term: submitted after the end of the working day, so counted from the next working day, { $day_zero }; the result is due on { $due_date } at { $due_time }.
expl-trp-due-day_off = Term: submitted on a day off, so counted from the next working day, { $day_zero }; the result is due on { $due_date } at { $due_time }.
expl-prp-due = Term: { $days } calendar days from { $day_zero } end on { $last_day }; the result is due on { $due_date } at { $due_time }.
expl-prp-due-moved = Term: { $days } calendar days from { $day_zero } end on { $last_day }, a day off; the result is due on the next working day, { $due_date } at { $due_time }.
expl-fee-paid = State duty: { $count } MCI × { $mci } tenge (MCI in force on the payment date, { $basis_on }) = { $fee } tenge.
expl-fee-unpaid = State duty: { $count } MCI × { $mci } tenge (MCI in force on { $basis_on }; nothing paid yet) = { $fee } tenge.
expl-fee-free = The service is free of charge.
expl-provisional-calendar = The term runs into { $year }, whose production calendar is not published yet: the date follows the holidays fixed by law; Kurban Ait and transfers by decree may still move it.
expl-permit-validity = The permit is valid from { $from } to { $until } ({ $limit }).
expl-family-validity = Family member { $number }: valid from { $from } to { $until } ({ $limit }).
limit-requested = the period requested
limit-passport = the passport expires then
limit-contract = the contract ends then
limit-years = { $years } year(s), extendable yearly
limit-aifc_total = five years in all since { $since }
limit-prp_applicant_days = at most { $days } days while the PRP application is considered
limit-supporting_document = the term of the { $document }
limit-principal = not beyond the principal's permit
limit-own_application_at_16 = the last day to apply on one's own after the 16th birthday on { $birthday }
expl-outcome-issue = Outcome: issue the permit.
expl-outcome-refuse = Outcome: refuse, on the grounds above.
expl-outcome-not_accepted = Outcome: not accepted; the applicant is told what to bring.
expl-outcome-pending = Outcome: pending until the registries answer.

## Categories

category-ethnic_kazakh = ethnic Kazakh
category-ethnic_kazakh_family = family member of an ethnic Kazakh
category-former_compatriot = former compatriot
category-born_in_kazakhstan = born in the Kazakh SSR or Kazakhstan
category-former_citizen = former citizen of Kazakhstan
category-simplified_citizenship_treaty = entitled to simplified citizenship under a treaty
category-family_of_exempt = family member of an exempt person
category-in_demand_profession = in-demand profession
category-refugee = refugee
category-stateless_no_documents = stateless person without identity documents
category-ussr_1974_passport = holder of a USSR passport of 1974
category-married_women_convention = covered by the Convention on the Nationality of Married Women
category-consular_other_citizenship = other citizenship obtained through a mission in Kazakhstan
category-minor_with_parents = child who came with a parent
category-parent_abroad = a parent lives abroad
category-parents_abroad = both parents live abroad
category-permit_exempt_labour = needs no labour permit by law or treaty
category-aifc_worker = AIFC worker
category-aifc_investment_resident = AIFC investment resident
category-confirms_solvency = confirms solvency

## Notifications to the applicant

notify-accepted = Ruqsat: application { $number } is accepted; the result is due on { $due }.
notify-not_accepted = Ruqsat: application { $number } is not accepted: the package is incomplete. See what to bring with the status lookup.
notify-permit_issued = Ruqsat: a permit is issued on application { $number }.
notify-refusal_issued = Ruqsat: a reasoned refusal is issued on application { $number }; it can be appealed.
notify-delivered = Ruqsat: the result of application { $number } is ready to be handed over.
notify-delivered-portal = Ruqsat: the result of application { $number } is in your personal cabinet on the portal.
equeue-notify-booked = Ruqsat: you are booked in the electronic queue on { $day } at { $slot }, { $office }. Ticket { $ticket }.
equeue-notify-cancelled = Ruqsat: your booking { $ticket } on { $day } at { $slot } is cancelled.
notify-revoked = Ruqsat: the permit issued on application { $number } is revoked; the decision states its reasons and how to appeal it.
notify-hearing = Ruqsat: the police body intends to refuse application { $number } (grounds: { $grounds }). You may object until the end of { $until } on the status page, at the police body or through the portal.
notify-objection = Ruqsat: your objection on application { $number } is received; the officer answers it in the decision.
notify-term-changed = Ruqsat: the term of application { $number } changed; the result is now due on { $due }.
notify-expiring = Ruqsat: your temporary residence permit { $permit } (application { $number }) is valid until { $until }. To stay longer, apply for a new permit before that day.
notify-expiring-labour = Ruqsat: your temporary residence permit { $permit } for work (application { $number }) is valid until { $until }. A permit for labour activity is extended each year: ask your employer to renew the work permit and apply for the extension before that day.
