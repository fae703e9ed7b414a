# Ruqsat: texts of the web pages, English.
# Every message here must exist in kk and ru too (checked by a test).

## Frame

app-name = Ruqsat
app-tagline = Temporary and permanent residence permits for foreigners and stateless persons in the Republic of Kazakhstan.
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-portal = Apply online
nav-status = Application status
nav-verify = Verify a permit
nav-queue = Queue
nav-desk = Desk
nav-login = Staff sign-in
nav-logout = Sign out
lang-switch = Language
footer-text = Ministry of Internal Affairs of the Republic of Kazakhstan · migration service. Demonstration system: every person in it is fictitious.

## Errors

error-invalid = The request is not valid
error-unauthenticated = Please sign in
error-csrf = The form has expired. Go back, reload the page and send it again.
error-too-many-logins = Too many failed sign-ins. Sign-in is locked for a while; try again in 15 minutes or ask your administrator.
error-forbidden = You are not allowed to do this
error-not-found = Nothing found here
error-conflict = The case has changed meanwhile
error-internal = Something went wrong on our side; please try again later
form-has-errors = Please correct the form:
invalid-required = Please fill in this field.
invalid-citizenship = Three Latin letters, the ISO country code (for example UZB).
invalid-iin = Twelve digits.
invalid-value-check = This value is not accepted: please check it.
invalid-value = This value is not accepted ({ $detail }).
invalid-sign = Sign the application with your electronic signature to submit it.

## Home

home-title = State services for foreigners
home-portal = Apply for a temporary residence permit from home, with your electronic signature.
home-status = Follow your application by its number and your passport number or IIN.
home-verify = Check that a permit is genuine and valid, by its number or its QR code.
home-staff = For staff
home-staff-text = Migration police officers, supervisors and State Corporation operators.

## Status and cabinet

status-title = Application status
status-intro = Enter the application number and the passport number or IIN of the applicant. Nothing else about the application is shown.
field-number = Application number
field-document = Passport number or IIN
action-lookup = Show the status
status-not-found = No application matches this number and document. Check both and try again.
status-case = Application { $number }
status-due = The result is due by
status-history = History
status-registries = Which state registries were asked
status-registries-intro = To check your application the police asks other state registries. Every query is recorded with its legal basis.
status-registries-none = No registry has been asked yet.
col-when = When
col-registry = Registry
col-basis = Legal basis
col-answered = Answered
public-state-under_consideration = Under consideration
public-state-not_accepted = Not accepted: the package is incomplete
public-state-decided = Decided
public-state-ready_for_collection = Ready: the result is waiting for you
public-state-handed_over = Handed over
public-state-revoked = Revoked
cabinet-title = Personal cabinet
cabinet-intro = Sign in to see your application and download its result. (On the e-gov portal you sign in with your electronic signature; this demonstration asks for the application number and the passport number or IIN.)
action-open-cabinet = Open the cabinet
cabinet-documents = Result
cabinet-download-permit = Download the permit (PDF)
cabinet-download-refusal = Download the reasoned refusal (PDF)
cabinet-no-documents = The result is not ready yet.

## Verification

verify-title = Verify a permit
verify-intro = Scan the QR code on the permit, or type its number. The answer says whether the permit is valid today.
col-permit-number = Permit number
action-verify = Verify
verify-valid = Valid
verify-revoked = Revoked: this permit is no longer valid
verify-expired = Expired
verify-not_yet_valid = Not valid yet
verify-unknown = Unknown: no permit with this number was issued
verify-seal-ok = The QR code's seal is genuine: the data below were signed by the issuing system.
verify-seal-demo = This is a specimen: its seal was made with the key of a demo installation. It is not a permit.
demo-banner = Demo installation: fake people and cases; documents sealed here are specimens, not permits.
verify-seal-bad = The QR code's seal does not verify: the permit is forged or was altered.
verify-validity = Validity
verify-permanent = permanent
label-name = Full name
label-birth-date = Date of birth
label-citizenship = Citizenship
label-passport = Passport
label-iin = IIN

## Staff sign-in

login-title = Staff sign-in
field-login = Login
field-password = Password
action-login = Sign in
login-failed = Wrong login or password.
login-demo-hint = Demonstration accounts: officer.almaty, supervisor.almaty, operator.sc (passwords are printed when the service starts with --demo).

## Queue

queue-title = Queue of cases
queue-count = { $count ->
    [one] One open case
   *[other] { $count } open cases
}, { $overdue } overdue
queue-shown = The { $shown } cases due soonest are shown.
queue-empty = No cases.
queue-overdue = overdue
queue-due-today = due today
col-number = Number
col-service = Service
col-channel = Channel
col-state = State
col-due = Due
col-proposal = Proposal
col-outcome = Outcome
col-who = Who
col-reason = Reason
col-check = Check
col-result = Result
col-source = Source
state-submitted = submitted
state-not_accepted = not accepted
state-accepted = accepted
state-checks_running = checks running
state-checks_pending = checks pending
state-checks_done = checks done
state-proposed = proposal ready
state-awaiting_signature = awaiting the supervisor's signature
state-permit_issued = permit issued
state-refusal_issued = refusal issued
state-delivered = delivered to the channel
state-handed_over = handed over
state-revoked = revoked
check-source-chk-1 = the officer, against the list of documents
check-source-chk-2 = Border Service, "Berkut"
check-source-chk-3 = Committee on Legal Statistics (Prosecutor General's Office); wanted lists of the MIA
check-source-chk-4 = IIN registry (State Revenue Committee)
check-source-chk-5 = migration police records (domestic-work TRPs of the employer)
check-source-chk-6 = migration police records (PRP applications)
check-source-chk-7 = fingerprint registry

## Case

case-title = Case { $number }
case-applicant = Applicant
case-family = Family members
case-host = Host party
case-none = none
case-documents = Documents in the package
case-uploads = Scanned documents
case-checks = Checks
case-proposal = The engine's proposal
case-grounds = Grounds
case-explanation = How the proposal was reached
case-edition = Edition of the Rules
case-no-proposal = The checks are not finished yet.
case-actions = Actions
case-decision = Decision
case-appeal = The refusal can be appealed until { $until }.
case-signature-needed = A refusal takes effect only with the supervisor's signature.
case-awaiting-signature = The refusal awaits the supervisor's signature.
field-outcome = Decision
action-issue = Issue the permit
action-refuse = Refuse
field-reason = Reasoning
field-reason-help = Required for a refusal, and when you depart from the engine's proposal.
field-ground = A ground you establish (optional)
field-finding-note = The facts of that ground
action-decide = Record the decision
field-sign-reason = Remark (required to return the refusal)
action-sign = Sign the refusal
action-return = Return to the officer
action-deliver-desk = Print for hand-over at the desk
action-deliver-state_corporation = Send to the State Corporation
action-deliver-portal = Place in the applicant's personal cabinet
field-identity-checked = I checked the identity document of the person receiving the result
action-handover = Hand over
action-print-permit = Print the permit (PDF)
action-print-refusal = Print the refusal (PDF)
action-print-questionnaire = Print the questionnaire (PDF)
case-history = History
case-registry-queries = Registry queries
flash-decided = The decision is recorded.
flash-signed = The signature is recorded.
flash-delivered = The result is delivered through the channel.
flash-handed-over = The result is handed over.
flash-submitted = The application is submitted.

## Desk

desk-title = State Corporation desk
desk-title-police = Migration police desk
desk-new-trp = New TRP application
desk-new-prp = New PRP application
desk-ready = Results to hand over

## Questionnaire

portal-title = Apply for a temporary residence permit
portal-intro = Choose why you stay in Kazakhstan. We then ask only what your case needs and tell you which documents to attach and when you will get the answer.
portal-choose = The purpose of your stay
portal-cabinet-link = My applications (personal cabinet)
action-continue = Continue
section-purpose = Purpose
field-subtype = Purpose of the stay
field-categories = Grounds that apply to the applicant
field-region = Region of the police body
action-update-checklist = Update the list of documents
section-applicant = The applicant
section-applicant-hint = Write the names exactly as in the passport, in Latin letters.
field-surname = Surname
field-given-name = Given name
field-patronymic = Patronymic (if any)
field-birth-date = Date of birth
field-sex = Sex
sex-male = male
sex-female = female
field-citizenship = Citizenship (ISO code)
field-birth-place = Place of birth
field-nationality = Nationality
field-iin = IIN (if you have one)
field-passport-number = Passport number
field-passport-issued = Passport issued on
field-passport-expires = Passport valid until
field-residence-abroad = Country and address of permanent residence
section-address = Address in Kazakhstan
field-address-region = Region
field-address-city = City or settlement
field-address-street = Street
field-address-house = House
field-address-apartment = Apartment
field-registration-code = Address registration code
field-phone = Mobile phone
field-email = E-mail
field-language = Language of notifications
section-period = Period
field-period-from = From
field-period-to = To
field-contract-ends = The employment contract ends on
field-stay-until = Current stay permitted until
section-host = The host party
field-host-kind = Host
host-legal_entity = a legal entity
host-individual = a private person
field-host-name = Name of the host
field-host-id = IIN or BIN of the host
field-host-bin = BIN of the legal entity
field-host-iin = IIN of the private person
field-host-owns-housing = The host owns the housing
section-family = A family member who came with you
section-family-hint = Fill in only if a family member applies with you.
field-relation = Relation
section-documents = Documents
documents-intro = Tick the documents you attach. The list follows the Rules for the purpose you chose.
documents-one-of = One of these:
deadline-if-now = Submitted now, the result is due by { $due }.
section-consents = Consents
field-consent = I consent to the use of information that is a secret protected by law, held in information systems.
field-warning = I have been warned of the liability under Article 518 of the Code of Administrative Offences.
field-sign = I sign this application with my electronic digital signature (simulated in this demonstration).
action-submit = Submit the application
receipt-accepted = The application is received
receipt-not-accepted = The application is not accepted
receipt-what-to-bring = What to bring
receipt-follow = Keep the number: with it and your passport number you follow the application on the status page.

## Purposes in plain words

subtype-family_reunification = family reunification
subtype-family_reunification-help = You join a family member who lives in Kazakhstan.
subtype-labour = work
subtype-labour-help = You work in Kazakhstan for an employer, with a work permit or without one if you are exempt (for example citizens of EAEU states).
subtype-study = study
subtype-study-help = You study at a Kazakh school, college or university.
subtype-medical_treatment = medical treatment
subtype-medical_treatment-help = You are treated in a Kazakh hospital.
subtype-missionary = missionary activity
subtype-missionary-help = You carry out missionary work registered with the authorities.
subtype-business_immigrant = business
subtype-business_immigrant-help = You run a business in Kazakhstan as a business immigrant.
subtype-trafficking_victim = victim of human trafficking
subtype-trafficking_victim-help = You were identified in Kazakhstan as a victim of human trafficking.
subtype-prp_applicant = waiting for a permanent residence permit
subtype-prp_applicant-help = You have applied for permanent residence and stay while it is decided.

## Relations, regions

relation-spouse = spouse
relation-child = child
relation-parent = parent
relation-sibling = brother or sister
relation-grandparent = grandparent
relation-grandchild = grandchild
relation-other = other relative
region-abai = Abai Region
region-akmola = Akmola Region
region-aktobe = Aktobe Region
region-almaty = Almaty city
region-almaty_region = Almaty Region
region-astana = Astana city
region-atyrau = Atyrau Region
region-east_kazakhstan = East Kazakhstan Region
region-jambyl = Jambyl Region
region-jetisu = Jetisu Region
region-karaganda = Karaganda Region
region-kostanay = Kostanay Region
region-kyzylorda = Kyzylorda Region
region-mangystau = Mangystau Region
region-north_kazakhstan = North Kazakhstan Region
region-pavlodar = Pavlodar Region
region-shymkent = Shymkent city
region-turkistan = Turkistan Region
region-ulytau = Ulytau Region
region-west_kazakhstan = West Kazakhstan Region

## Documents

issuing-body = Police Department ({ $region })
refusal-appeal = The decision can be appealed until { $until } to the higher body of internal affairs (migration service), then to the court, under the Administrative Procedural Code.
registry-domestic_work_trps = migration police records: domestic-work TRPs of the employer
registry-citizenship = citizenship records

## Revocations

nav-revocations = Revocations
revocations-title = Revocation candidates
revocations-intro = Permit holders found by the sweep to meet a ground of Art. 49 of the Law on Population Migration, with the evidence. Nothing is revoked without an officer's reasoned decision and the supervisor's signature.
candidate-state-open = to review
candidate-state-awaiting_signature = revocation proposed, awaiting the supervisor's signature
candidate-state-revoked = revoked
candidate-state-dismissed = dismissed
evidence-period = Twelve-month period
evidence-days = Days present / minimum
evidence-unknown = Days unknown (data problems)
evidence-crossings = Crossings used
evidence-found = Found by the sweep of
evidence-finding = What the registry reported
action-propose-revocation = Propose revocation
action-dismiss = Dismiss
action-sign-revocation = Sign the revocation
revocations-open-case = Open the holder's case

## Statistics

nav-reports = Statistics
dashboard-title = Statistics and legal terms
action-show = Show
action-export-csv = Export as CSV
dashboard-terms = Legal terms
sla-cases = Applications submitted in the period
sla-decided = Decided (permit issued or refusal signed)
sla-within-term = Decided within the legal term
sla-median = Median time to decision, hours
sla-p90 = 90th percentile of the time to decision, hours
sla-overdue = Open cases overdue now
dimension-service = By service
dimension-subtype = By TRP purpose
dimension-channel = By channel
dimension-region = By region
dimension-outcome = By outcome
dimension-ground = By refusal ground
report-outcome-open = under consideration
report-outcome-revoked = revoked
col-value = Value
col-count = Cases

## The history of a case: why each change happened (stored as codes, rendered here).
event-submitted = submitted through { $channel }; accepted
event-submitted-not-accepted = submitted through { $channel }; not accepted: { $reasons }
event-asking-registries = asking the registries
event-awaiting = awaiting: { $registries }; asked again later
event-registries-answered = every registry answered
event-proposed = the engine proposes: { $outcome } (edition { $edition })
event-confirms-proposal = confirms the engine's proposal
event-second-signature = second signature
event-delivered-desk = printed at the desk
event-delivered-state_corporation = sent to the State Corporation's system
event-delivered-portal = placed in the applicant's personal cabinet on the portal
event-identity-checked = identity checked
event-revoked = revoked under { $ground } ({ $source }): { $reasoning }
acceptance-presence = who submitted it may not apply for this service
acceptance-is_data = data from information systems
acceptance-age16 = application after the 16th birthday
acceptance-late = late application
acceptance-complete = incomplete package of documents
acceptance-channel = the service is not offered through this channel
acceptance-fingerprints = fingerprint registration
acceptance-hours = submitted outside the hours in which the office takes applications

## Legal bases of registry queries (stored as codes).
basis-rules992-p9_1-2 = Rules No. 992 p.9-1 sub. 2
basis-rules992-p9_1-3 = Rules No. 992 p.9-1 sub. 3
basis-rules992-p9_1-4 = Rules No. 992 p.9-1 sub. 4
basis-rules992-p9_1-6 = Rules No. 992 p.9-1 sub. 6
basis-rules992-p9_1-7 = Rules No. 992 p.9-1 sub. 7
basis-migration-art43_2-p5 = Law on Population Migration Art. 43-2 p.5
basis-migration-art49-13 = Law on Population Migration Art. 49 sub. 13
basis-migration-art49-10-18 = Law on Population Migration Art. 49 sub. 10, 18
basis-migration-art49-20 = Law on Population Migration Art. 49 sub. 20
basis-migration-art49-21 = Law on Population Migration Art. 49 sub. 21
basis-migration-art49-16 = Law on Population Migration Art. 49 sub. 16
basis-rules992-app3-6-tax = Rules No. 992 Appendix 3 item 6; Tax Code
basis-migration-art49-p1 = Law on Population Migration Art. 49 p.1 (revocation of a permanent residence permit)

## Forms refused by a rule of the service.
error-reason-refusal = A refusal needs your reasoned text: write why the permit is refused.
error-reason-departs = Your decision departs from the system's proposal: write the reason.
error-reason-return = To return a refusal to the officer, write the reason.
error-reason-review = A review needs your reasoning.
error-identity-unchecked = Check the applicant's identity before the hand-over.
error-outcome-choose = Choose: issue the permit or refuse.
error-no-period = There is no period to issue: the requested period is missing.
password-change-title = Choose a new password
password-change-intro = Your password is temporary (a new account, or a reset by an administrator). Enter it and choose your own, of at least 12 characters.
password-change-required = Your password is temporary: choose your own.
field-temporary-password = Temporary password
field-new-password = New password (at least 12 characters)
invalid-new-password = The new password must have at least 12 characters and differ from the temporary one.
invalid-login-taken = This login is taken.
invalid-login = A login has 3 to 64 of the characters a–z, 0–9, '.', '_' and '-'.
invalid-role = Choose a role from the list.
invalid-region = Choose a region from the list (only officers and supervisors have one).
invalid-days = From 1 to 366 days.
invalid-text-control = Control characters (such as line breaks) are not allowed here.
invalid-text-bidi = Characters that reverse the direction of text are not allowed.
invalid-text-invisible = Invisible characters (zero-width and format characters) are not allowed.
invalid-text-too-long = This text is too long.
nav-staff = Staff
admin-staff-title = Staff accounts
admin-col-role = Role
admin-col-region = Region
admin-col-state = State
admin-col-actions = Actions
admin-state-active = active
admin-state-disabled = disabled
admin-state-locked = locked
admin-state-reset = must choose a new password
admin-action-reset = Reset password
admin-action-unlock = Unlock
admin-action-disable = Disable
admin-action-enable = Enable
admin-action-add = Create the account
admin-action-role = Change the role
admin-add-title = New account
admin-role-title = Change a role
admin-region-hint = (officers and supervisors only)
admin-role-officer = Officer
admin-role-supervisor = Supervisor
admin-role-operator = State Corporation operator
admin-role-auditor = Auditor
admin-role-administrator = Administrator
admin-temporary-password = Temporary password (shown once; hand it over in person):
admin-done-add = Account { $login } created.
admin-done-role = The role of { $login } was changed; their sessions ended.
admin-done-reset = The password of { $login } was reset; they choose a new one at the next sign-in.
admin-done-unlock = { $login } was unlocked.
admin-done-disable = { $login } was disabled; their sessions ended.
admin-done-enable = { $login } was enabled.

## The hearing, the term and appeals (APPK Art. 73; interpretations 60–62)
state-hearing = preliminary refusal notified: hearing
state-objected = objection received: to be answered
public-state-hearing = Preliminary decision: refusal. You may object
public-state-objection_received = Your objection is received and is being considered
event-hearing-notified = preliminary refusal notified; objections until { $until }
event-objected = objection received ({ $channel })
event-hearing-lapsed = no objection by { $until }: the refusal goes to the supervisor
event-suspended = term suspended from { $from } to { $until }: { $reason }
event-resumed = suspension ended on { $on }
event-extended = term extended by { $days } days: { $reason }
event-appeal-received = appeal filed on { $filed }: { $body }
event-appeal-upheld = the appeal body upheld the act
event-appeal-annulled = the appeal body annulled the act
pause-approving_body = waiting for the approving body's answer (prp.9.1.3)
pause-hearing = the window to object to a preliminary refusal
pause-missing_document = a missing document was requested from the applicant
pause-registry_unavailable = a registry needed for the checks is unavailable
appeal-body-higher_body = the higher body of the internal affairs (migration service)
appeal-body-quality_body = the body that assesses the quality of state services
appeal-body-court = the court
hearing-title = Preliminary decision
hearing-intro = The police body intends to refuse the permit on the grounds below. Before the decision becomes final you may object (Administrative Procedural and Process Code, Art. 73).
hearing-until = You may object until the end of { $until }.
hearing-lapse-note = If no objection comes by that day, the refusal goes to the supervisor for signature.
hearing-grounds = Grounds
hearing-reason = The officer's reasoning
field-objection = Your objection
field-objection-help = Say what is wrong in the preliminary decision. Documents for the objection can be brought to the police body or attached through the portal.
action-object = Send the objection
objection-received = Objection received on { $at }.
objection-sent = Your objection is received. The officer must answer it in the decision.
case-hearing = Hearing before the refusal
case-hearing-open = The applicant was notified on { $notified } and may object until { $until }.
case-hearing-lapsed = No objection came by { $until }.
case-objection = The applicant's objection
field-answer = Your answer to the objection
field-answer-help = Required after an objection: the decision answers it.
case-term = The term
case-term-due = Due: { $due }
term-suspended-days = Days the term did not run: { $days }
term-extension-days = Days added: { $days }
term-none = The term was never suspended or extended.
field-pause-reason = Reason
field-from = First day
field-until = Last day
field-days = Days
field-note = Note (optional)
action-suspend = Suspend the term
action-resume = End the suspension today
action-extend = Extend the term
appeal-title = How to appeal
appeal-route = A complaint to the higher body of the internal affairs (migration service) or to the body that assesses the quality of state services, then the court (Administrative Procedural and Process Code).
appeal-until = Last day to appeal: { $until }.
appeal-until-provisional = Last day to appeal: { $until } (counted from the signature until the decision is delivered, then from the delivery).
appeal-received = Appeals received
appeal-outcome-upheld = upheld
appeal-outcome-annulled = annulled
appeal-outcome-pending = outcome awaited
field-appeal-body = Where it was filed
field-filed-on = Day of filing
field-appeal-note = The appeal body's decision (number and date, or a summary)
action-record-appeal = Record the appeal
action-appeal-upheld = The act is upheld
action-appeal-annulled = The act is annulled
error-objection-empty = Write the objection: what is wrong in the preliminary decision.
error-objection-long = The objection is too long (at most 4000 characters).
error-objection-closed = Objections to this application are not taken now: there is no preliminary decision open to objection.
error-answer-objection = The applicant objected: answer the objection in the decision.
error-suspension-before-submission = A suspension cannot begin before the submission.
error-suspension-order = The last day of a suspension is on or after its first day.
error-suspension-long = A suspension lasts at most 90 days at once.
error-not-suspended = The term is not suspended beyond today.
error-extension-days = An extension adds 1 to 30 days.
error-date-future = The day cannot be in the future.
error-appeal-note = Name the appeal body's decision (its number and date, or a summary).
flash-objected = The objection is recorded; answer it in the decision.
flash-term = The term is changed; the due time is recomputed.
flash-appeal = The appeal is recorded.
sla-suspended-cases = Cases whose term was suspended or extended
sla-suspended-days = Days the terms did not run (counted apart)
sla-extension-days = Days added by extensions
impact-title = Impact of an amendment
impact-intro = Paste a draft of the parameters and/or the calendar (TOML, as the law files). Every pending case is decided under the law in force and under the draft; the cases whose outcome, grounds, documents, due time, fee or validity would change are listed. Nothing is changed.
field-draft-parameters = Draft parameters (TOML)
field-draft-calendar = Draft calendar (TOML)
action-assess = Assess the impact
impact-summary = { $assessed } pending cases assessed; { $changed } would change.
col-what = What changes
col-current = Under the law in force
col-draft = Under the draft
impact-what-outcome = outcome
impact-what-grounds = grounds
impact-what-missing_documents = missing documents
impact-what-invalid_documents = documents not acceptable
impact-what-due_at = due time
impact-what-fee_kzt = fee (tenge)
impact-what-valid_until = validity
impact-what-error = the draft cannot decide the case
nav-impact = Impact of an amendment
error-suspension-backdated = A suspension begins today at the earliest (a supervisor may date it up to 10 days back).
error-term-calendar = The new term would end beyond the published production calendar.
error-appeal-before-act = An appeal is filed on or after the day of the act.
invalid-consent = Tick the consent to the use of restricted personal data: without it the permit cannot be considered (Rules No. 992, ground trp.9.4).
tracker-title = Who read your file
tracker-intro = Every time a staff member opens your application, a document of it or prints it, it is recorded; you see the role and the body, not the name.
tracker-none = No staff member has read your file yet.
tracker-col-what = What
tracker-col-who = Who
tracker-action-read_case = opened the application
tracker-action-read_document = opened a document
tracker-action-print = printed a document
tracker-body-police = migration police
admin-role-staff = staff member
