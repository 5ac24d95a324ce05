# Accord — English (second language)

app-title = Accord Mediation
app-subtitle = People's mediation workbench

## Navigation
nav-cases = Cases
nav-new-case = New case
nav-users = Users
language-label = Language
user-current = { $name } ({ $role })
login-title = Log in to Accord
login-password = Password
login-submit = Log in
login-pick-user = Pick who you are first.
lock-title = Locked
lock-body = Accord is locked. Your work is kept as you left it; enter your password to go on.
lock-unlock = Unlock
lock-switch-user = Log in as someone else
header-lock = Lock
header-switch-user = Switch user
audit-broken-warning = The audit trail has been tampered with: event { $id } ({ $action }, { $at }) does not fit the chain. Keep this computer as it is and run accord audit verify for the details; a backup from before that time holds the genuine trail.
user-switch = Switch user

## Dates and times (chrono format, shown in the user's time zone)
format-date = %b %-d, %Y
format-datetime = %b %-d, %Y %H:%M
format-datetime-input = %Y-%m-%d %H:%M
hint-datetime-input = Format: 2025-02-14 09:30

## First run
first-run-title = Welcome to Accord
first-run-intro = The first user is the centre's administrator: they add the others and reset forgotten passwords. Every change is recorded in the name of whoever made it.
first-run-name = Your name
first-run-role = Your role
first-run-start = Start
first-run-login = Login name (a–z, digits; for example admin)
first-run-password = Password (at least 8 characters)
first-run-again = The password again
error-password-again = The two passwords differ; type the same password twice.
first-run-example-title = The database is empty
first-run-example-intro = You can load the example case (the sixth-floor water-leak dispute) to get to know the mediation workflow.
first-run-load-example = Load the example case
first-run-skip-example = Start empty

## Users
users-title = Users
backups-title = Backups
backups-folder = Backups go to { $folder } (every day at start, and before an update changes the database), with the database's encryption.
backups-now = Back up now
backups-done = Backup written: { $file }
backups-none = No backup yet.
backups-kind-regular = Daily or by hand
backups-kind-migration = Before an update
backups-restore = Restore…
backups-restore-ask = Replace the database with the backup of { $when }? Everything done since then leaves the database; it is not deleted: the current file is kept aside beside it (accord.sqlite3.replaced-…), where an administrator can get it back. Accord closes the database, puts the backup in its place and opens it again (with accounts, at the login).
backups-restore-confirm = Replace the database with this backup
backups-restore-cancel = Cancel
users-add = Add user
users-use = Use this user
users-name = Name
users-role = Role
users-active = Current user
users-reset = Set password
users-reset-title = A new password for { $name }
users-reset-save = Save password
users-password-set = { $name } has a new password; tell them in person. Nobody can read the old one.
users-account-added = { $name } can now log in as { $login } with the password you gave; they should change it after their first login.

## Case list
cases-title = Cases
cases-search-placeholder = Search by case number or party name
cases-filter-all = All statuses
cases-empty = No cases match.
cases-count = Showing { $shown } of { $total }
cases-load-more = Load more
cases-refresh = Refresh
cases-col-number = Case no.
cases-col-category = Category
cases-col-applicant = Applicant
cases-col-respondent = Respondent
cases-col-status = Status
cases-col-received = Received
cases-col-activity = Last activity
cases-open = Open

## New case
intake-title = New case
intake-category = Category
intake-channel = Intake channel
intake-received = Received at
intake-summary = Summary of the dispute
intake-summary-placeholder = What happened, and what the parties want
intake-parties = Parties
intake-add-party = Add party
intake-remove-party = Remove this party
intake-party-heading = Party { $n }
intake-party-kind = Type
intake-party-role = Role
intake-party-name = Name
intake-party-name-placeholder = Party's full name or organisation name
intake-party-id = Resident ID number or unified social credit code
intake-party-id-placeholder = 18 characters
intake-party-phone = Phone
intake-party-phone-placeholder = Mobile or landline
intake-party-address = Address
intake-party-address-placeholder = Domicile or habitual residence
intake-party-email = Email (optional)
intake-party-email-placeholder = name@example.org
intake-party-agent = Agent (optional)
intake-party-agent-placeholder = Agent's name
intake-party-agent-phone-placeholder = Agent's phone
intake-party-agent-kind = Kind of agent
intake-party-agent-authority = Agent's powers
intake-party-agent-authority-placeholder = e.g. special authority (power of attorney on file)
intake-party-ethnicity = Ethnic group (optional)
intake-party-ethnicity-placeholder = e.g. Han
intake-party-occupation = Occupation or employer (optional)
intake-party-occupation-placeholder = e.g. retired worker
intake-party-representative = Who signs for it
intake-party-representative-placeholder = Name
intake-issues = Disputed issues
intake-add-issue = Add issue
intake-remove-issue = Remove
intake-issue-placeholder = e.g. compensation for the damaged ceiling below
intake-issue-amount-placeholder = Amount claimed (optional)
intake-save = Save case
intake-saving = Saving…
intake-cancel = Cancel
intake-has-errors = { $count ->
    [one] One field needs your attention; it is marked in red.
   *[other] { $count } fields need your attention; they are marked in red.
}
intake-saved = Case { $number } saved.

## Case detail
detail-back = Back to the list
detail-status = Status
detail-category = Category
detail-channel = Intake channel
detail-received = Received
detail-updated = Last activity
detail-summary = Summary of the dispute
detail-parties = Parties
detail-issues = Disputed issues
detail-no-issues = No disputed issues recorded yet.
detail-claimed = Claimed: { $amount } ({ $words })
detail-change-status = Change status
detail-move-to = Move to "{ $status }"
detail-history = History
detail-id-number = ID number
detail-phone = Phone
detail-address = Address
detail-email = Email
detail-agent-authority = { $agent }, with authority: { $authority }
detail-ethnicity = Ethnic group
detail-occupation = Occupation or employer
detail-none = none
detail-birth = Date of birth
detail-status-changed = Status changed to "{ $status }".

## History
audit-case-created = Case created
audit-case-status = Status changed
audit-party-added = Party added
audit-user-created = User added
audit-centre-details-changed = Court or document-number format of agreements changed
audit-password-set = Password set
audit-entry = { $when } · { $who } · { $what }

## Choices: categories
category-neighbour = Neighbour dispute
category-property-management = Property management
category-contract = Contract
category-finance = Finance
category-family = Family
category-labour = Labour
category-consumer = Consumer
category-other = Other

## Choices: intake channels
channel-walk-in = Walk-in
channel-phone = Phone
channel-online = Online
channel-grid-report = Grid worker's report
channel-referral = Referral (police, court, petition office)

## Choices: case status
status-received = Received
status-assigned = Assigned
status-in-mediation = In mediation
status-settled = Settled
status-not-settled = Not settled
status-referred = Referred
status-closed = Closed

## Choices: parties
party-kind-person = Person
agent-kind-entrusted = Appointed agent
agent-kind-statutory = Statutory agent (guardian)
representative-title-legal = Legal representative
representative-title-in-charge = Person in charge
party-kind-organisation = Organisation
party-role-applicant = Applicant
party-role-respondent = Respondent
party-role-third-party = Third party

## Choices: mediator types

## Choices: user roles
user-role-mediator = Mediator
user-role-legal-advisor = Legal advisor
user-role-administrator = Administrator

## Choices: currencies
currency-cny = Renminbi
currency-usd = US dollar
currency-eur = Euro
currency-hkd = Hong Kong dollar
currency-gbp = Pound sterling

## Input errors
error-name-empty = Please enter a name.
error-login = A login name is 2 to 32 letters a–z, digits, dots, dashes or underscores, starting with a letter.
error-password-short = A password has at least { $min } characters.
error-wrong-password = The login name or the password is not right. Nothing was opened.
error-database-encrypted = The database { $location } is encrypted. Log in with your login name and password to open it (on the command line: ACCORD_USER and ACCORD_PASSWORD).
error-not-allowed = Your role does not allow this; nothing was changed. Ask an administrator.
error-login-taken = The login name { $login } is taken; choose another.
error-too-long = Too long: at most { $max } characters.
error-id-length = A resident ID number has 18 characters.
error-id-format = A resident ID number has 17 digits followed by a digit or X.
error-id-birth-date = The date of birth inside this ID number does not exist.
error-id-region = The first six digits of this ID number are not an administrative-division code; please compare them digit by digit.
error-id-birth-future = The date of birth inside this ID number is after today; please compare it digit by digit.
error-id-check = The check character of this ID number does not match; please compare it digit by digit.
error-credit-code = This unified social credit code is not valid; please check it.
error-phone = This phone number is not valid.
error-email = This email address is not valid.
error-summary-empty = Please describe the dispute briefly.
error-no-applicant = A case needs at least one applicant.
error-no-respondent = A case needs at least one respondent.
error-case-number = A case number looks like 2025-0001.
error-amount = This amount is not valid, e.g. 35000 or 10050.30.
error-illegal-transition = A case cannot go from "{ $from }" to "{ $to }".
error-received-at = This date is not valid, e.g. 2025-02-14 09:30.
error-database = The database reported an error; nothing was changed.
error-database-open = Cannot open the database { $location }.
error-not-found = This case was not found.
error-conflict = Someone else changed this meanwhile (in another window or another room). Nothing of yours was saved over it: your text is still here. Reopen to see their change, then try again.

## Database cannot be opened
db-error-title = The database cannot be opened
db-error-body = Accord could not open the database file { $path }. Nothing in it was changed.
db-error-hint = Check the free disk space and the file's permissions; if the file is damaged, restore it from a backup and start again.
db-error-detail = Details: { $detail }
db-error-retry = Try again
db-error-backup = The newest backup beside it was made on { $at }: { $file }. Restoring it puts it in place of this file, which is kept aside (renamed, never deleted); what was entered after the backup is not in it.
db-error-restore = Restore this backup
db-restored = The backup is in place and the database opened. The file it replaced was kept as { $aside }.

## Room display
larger-text = Larger text

## Command line
cli-demo-loaded = Loaded the example case { $number }.
cli-login-user = Login name:
cli-login-password = Password:
cli-login-needed = This database has accounts: set ACCORD_USER and ACCORD_PASSWORD, or run the command at a terminal to be asked.
cli-demo-password = Password for the example's accounts:
cli-demo-password-again = The same password again:
cli-demo-password-differs = The two passwords differ; no accounts were made and nothing was loaded.
cli-demo-no-accounts = No accounts were made (set ACCORD_PASSWORD to give the example's users a password); anyone with the file can open it until the first start makes the administrator.
cli-demo-account = Account { $login }: { $name } ({ $role })
demo-admin-name = Li Ruifang (administrator)
demo-mediator-name = Bian Wenling
demo-advisor-account-name = Zhou Min
cli-demo-present = The example case { $number } is already there; nothing was added.

## The mediation room
room-start = Start mediation
room-resume = Resume mediation
room-title = Mediation room · { $number }
room-timer = Elapsed { $time }
room-back = Back to the case
room-curtain = Privacy curtain (F12)
room-curtain-up = Raise the curtain
room-curtain-text = One moment, please
room-curtain-hint = The session is hidden. Press F12 or the button below to return.
room-next = Next
room-previous = Back
room-close = End the session…
room-closed = This session ended on { $when }. Later changes are recorded as corrections.
room-checklist = For this stage
room-round = Round { $round }
room-caucus-with = Caucus with { $name } (round { $round })
room-invite = Invite { $name } in
room-switch-title = Change the party in the room
room-switch-body = { $leaving } has left the room; invite { $coming } in? The screen will show only what belongs to { $coming }.
room-switch-confirm = Confirm (Enter)
room-switch-cancel = Cancel (Esc)
room-consent = Consent to mediate
room-consent-record = Record consent
room-consent-given = Consented at { $when }
room-consent-missing = Not every party has consented yet: { $names }. Every party must consent before the first caucus.
room-speaker = Speaker
room-kind = Type
room-issue = Disputed issue
room-issue-none = (any issue)
room-text-placeholder = What the party said
room-amount-placeholder = Amount (yuan)
room-terms-placeholder = Terms, e.g. paid at once, pipe repaired first
room-record = Save entry (Enter)
room-own = Recorded for { $name }
room-statements = Statements
room-joint-items = What may be shared
room-nothing-yet = Nothing recorded yet.
room-may-share = May be shared
room-shared-at = Conveyed at { $when }
room-to-convey = To convey (the other side allowed it)
room-convey = Mark as conveyed
room-conveyed = Conveyed from the other side
room-from = From { $name }
room-offers = Offers
room-offer-line = { $amount } ({ $words })
room-gap = The latest offers of { $a } and { $b } are { $amount } ({ $words }) apart
room-no-offers = No offers to show.
room-correction = Correct
room-corrects = Corrects entry { $id }
room-larger-hint = Turn on larger text when the screen faces the parties.

## Session stages
stage-opening = Joint opening
stage-statements = Statements
stage-caucus = Caucus
stage-closing = Joint closing

## Entry kinds
item-kind-statement = Statement
item-kind-position = Position (what they demand)
item-kind-interest = Interest (why)
item-kind-alternative = Alternative if talks fail
item-kind-note = Note
item-kind-remark = Mediator's remark
item-kind-offer = Offer

## Stage checklists
checklist-opening-introduce = Introduce yourself and the process
checklist-opening-voluntary = Explain that mediation is voluntary; anyone may leave at any time
checklist-opening-confidential = Explain that caucus talk stays confidential unless a party allows it to be passed on
checklist-opening-identity = Check every party's identity document
checklist-opening-consent = Record each party's consent to mediate
checklist-statements-each = Let each party state the facts and what they want
checklist-statements-listen = Do not interrupt or judge
checklist-statements-issues = Sum up the disputed issues
checklist-caucus-confidential = Remind the party that what they say stays confidential
checklist-caucus-interests = Find the reasons behind the demands
checklist-caucus-alternative = Discuss what happens if talks fail (cost and time of a lawsuit)
checklist-caucus-permission = Confirm what may be passed on
checklist-closing-terms = Confirm the agreed terms one by one
checklist-closing-read = Read the terms out and explain them
checklist-closing-agreement = Prepare the settlement agreement

## Room errors
session-error-consent = Not every party has consented yet; the caucus cannot start.
session-error-closed = This session has ended; only corrections can be recorded.
session-error-party = That party is not in this case.
session-error-not-caucus = This is not a caucus.
session-error-note-not-shared = A mediator's note is for mediators only: it cannot be allowed out or conveyed to any party.
error-item-empty = Write something or enter an amount.

## History (room)
audit-session-started = Mediation started
audit-case-taken = Mediator takes the case
audit-session-stage = Moved to another stage
audit-consent-recorded = Consent recorded
audit-party-switched = Party in the room changed
audit-checklist-ticked = Checklist ticked
audit-item-recorded = Entry recorded
audit-item-edited = Entry edited
audit-disclosure-changed = Sharing permission changed
audit-session-closed = Session ended
room-edit = Edit
room-editing = Editing entry { $id }
room-correcting = This session has ended: saving records a correction of entry { $id }; the original stays as it was.
room-edit-cancel = Cancel
room-alone = Mediator alone
room-alone-end = A party is back in the room
room-alone-notice = Only you are in the room: every entry shows, each party's confidential ones and the mediators' notes included. Before anyone comes in, press "A party is back in the room" or F12.
room-everything = Every entry (for the mediator only)
room-mediators-only = Mediator's note, mediators only
room-confidential = Confidential
room-saved-note = Saved as a mediator's note. Notes are for mediators only and never show while a party is in the room; use "Mediator alone" to see them.
room-saved-confidential = Saved as entry { $id }. It stays confidential until { $name } allows passing it on, so it does not show here; what was conveyed before stays as it was.
room-editing-conveyed = Entry { $id } was conveyed to the other side: saving records the change as a new, confidential entry; what was conveyed stays as it was.
cli-verify-ok = { $file }: the seal is valid. Sealed by { $signer } at { $when }. Nothing changed since.
cli-verify-digest = SHA-256 of the sealed content: { $digest }
cli-verify-appended = { $file }: the seal itself is valid, but content was appended after sealing.
cli-verify-failed = { $file }: the seal is not valid or the file was changed ({ $detail }).
cli-agreement-written = Wrote the sealed agreement of case { $number } (version { $version }) to { $file }.
cli-lang-unknown = "{ $lang }" is not a language Accord writes: use zh-CN or en-US.
cli-case-not-found = There is no case { $number }.
cli-verify-no-reference = This PDF does not name an Accord agreement, so its content cannot be compared with the database.
cli-verify-audit-changed = The audit trail no longer holds event { $id }, its newest event when this agreement was sealed (recorded in the file): the trail was cut or rewritten since. Check it with `accord audit verify` and restore a backup.
cli-verify-matches = The content is the finalised agreement of case { $number }, version { $version }, as recorded in the database.
cli-verify-mismatch = The content does NOT match the finalised agreement of case { $number } in the database (version { $version } is not the final version, or its content hash differs).

## Email
email-agreement-subject = Settlement agreement { $number }
email-agreement-body =
    Dear { $name },

    Attached is the sealed settlement agreement of case { $number }. Please perform it within the agreed time limits.
    The seal can be checked with "accord verify FILE" or any PDF reader that checks signatures.

    { $centre }
email-agreement-file = settlement-agreement-{ $number }.pdf
email-reminder-subject = Reminder: case { $number }, obligation { $n } falls due on { $due }
email-reminder-body =
    Dear { $name },

    Under the settlement agreement of case { $number } you are to perform by { $due }: { $what }. Still to pay: { $remaining }.
    If you have already done so, please ignore this reminder and tell the mediator.

    { $centre }
ics-calendar-name = Accord follow-ups
ics-summary = { $kind } · { $number } · { $debtor }
ics-remaining = Still to pay: { $amount }
cli-followups-none = Nothing is due by { $date }.
cli-followups-late = { $days ->
        [one] 1 day overdue
       *[other] { $days } days overdue
    }
cli-ics-written = Wrote { $count } follow-ups to { $file }.
cli-outbox-no-smtp = No mail server is set up (set SMTP on the users screen, or ACCORD_SMTP_URL): { $detail }
cli-outbox-report = Sent { $sent }; { $retrying } to retry later; { $failed } could not be delivered.
nav-today = Today
today-title = Today · { $date }
today-refresh = Refresh
today-review-title = Waiting for your review
today-review-empty = No agreement is waiting for review.
today-review-item = Case { $number }, version { $version }: submitted by { $by } on { $at }
today-review-open = Review
today-nothing = Nothing is due or overdue today.
today-late = { $days ->
        [one] 1 day overdue
       *[other] { $days } days overdue
    }
today-remaining = Still to pay: { $amount }
today-handle = Handle
today-outcome-hint = What came of it (e.g. phoned, promised to pay this week)
today-performed = Performed
today-done = Done
today-amount = Paid now (yuan)
today-paid-on = Paid on
today-evidence = Evidence seen
today-evidence-hint = e.g. bank slip, receipt
today-pay = Record payment
today-completed = The outcome is recorded.
today-paid = Recorded a payment of { $amount }; { $remaining } of this instalment remains.
error-outcome-empty = Write what came of it.
outbox-title = Outbox
outbox-empty = The outbox is empty.
outbox-state-queued = Queued
outbox-state-sent = Sent
outbox-state-failed = Undeliverable
outbox-state-cancelled = Cancelled
outbox-retry = { $attempts } attempts, next at { $next }: { $error }
notify-summary = Accord: { $count } follow-ups due
notify-more = and { $count } more
smtp-title = Outgoing mail (SMTP)
smtp-host = Server
smtp-port = Port
smtp-security = Security
smtp-security-starttls = STARTTLS (port 587)
smtp-security-tls = TLS (port 465)
smtp-security-none = None (a relay on this machine only)
smtp-user = User name
smtp-password = Password
smtp-password-hint = Leave empty to keep it; stored sealed
smtp-from = Sender
smtp-save = Save mail settings
smtp-saved = Mail settings saved (the password is stored sealed).
notify-hide-names = Hide party names in desktop notifications
error-smtp-port = The port must be a number, e.g. 587.
error-smtp-settings = The mail settings are not right.
detail-performance = Performance of the agreement
detail-paid = Paid in full
detail-paid-part = Paid { $paid } of { $due }
detail-installment = Obligation { $n }, instalment { $k }
detail-obligation = Obligation { $n }
detail-visit-date = Return visit on
detail-satisfaction = Parties' satisfaction
detail-visit-note = Notes of the visit
detail-close-after-visit = Record the visit and close the case
reminder-days = Remind days before a due date
reminder-days-save = Save
reminder-days-saved = Agreements finalised from now on are reminded { $days } days before each due date.
error-reminder-days = The days must be a whole number from 0 to 60.

## Moving a database between back ends (accord db …)
cli-db-migrated = The { $backend } database is up to date: { $count } schema migrations applied, the newest { $latest }.
cli-db-encrypt-server = A database server encrypts what it stores itself: `accord db encrypt` is for a SQLite file.
cli-db-encrypt-already = { $location } is encrypted already.
cli-db-encrypt-no-accounts = Nobody can log in to this database yet, so nobody could open it encrypted: start the app to make the administrator first.
cli-db-encrypted = { $location } is now encrypted. Every account opens it with its own password; the key slots are in { $location }.keys (keep the two together).
cli-db-copied = Copied { $rows } rows in { $tables } tables from { $from } to { $to }; row counts and content hashes agree on both sides.
error-copy-target-not-empty = The target database is not empty ({ $table } has { $rows } rows). Copy only into a new, empty database; nothing was written.
error-copy-mismatch = After copying, { $table } differs ({ $source } rows in the source, { $target } in the target). The copy was undone; nothing was written.

## Checking the audit trail (accord audit verify)
cli-audit-intact = { $count } events, chain intact, head { $head }.
cli-audit-empty = No audit events yet: there is nothing to verify.
cli-audit-changed = The audit trail is broken at event { $id } ({ $at }, { $action }): its content does not match its hash. It was changed after it was written, or forged.
cli-audit-deleted = The audit trail is broken at event { $id } ({ $at }, { $action }): it is chained to an event that is not there. An event before it was deleted, or the one before it was rewritten.
cli-audit-inserted = The audit trail is broken at event { $id } ({ $at }, { $action }): it is not part of the chain, the next genuine event is chained past it. It was inserted afterwards.
cli-audit-intact-before = Events before it that verify: { $count }.

# Errors of the app itself (renovation): a job that stopped, secrets, mail.
error-job-stopped = Something went wrong inside Accord; nothing you typed was lost. Please try again.
error-secret-key-file = This computer's key file { $path } cannot be used.
error-secret-unreadable = The stored password cannot be opened on this computer; enter it again.
error-smtp-not-configured = No mail server is set up yet.
cli-verify-certificate = Certificate SHA-256: { $fingerprint }
cli-verify-key-current = The certificate is the centre's sealing certificate in use.
cli-verify-key-retired = The certificate is one of the centre's earlier sealing certificates (registered { $when }).
cli-verify-key-named = The certificate is the one named with --trust ({ $file }).
cli-verify-no-database = Checked against { $file } only: the file was not compared with the centre's database.
cli-verify-identical = The file is byte for byte the sealed original of case { $number }, version { $version }, stored in the database.
cli-verify-trust-unreadable = { $file }: the certificate file cannot be read.
cli-verify-trust-invalid = { $file } holds no certificate that can be used: { $reason }
cli-verify-no-centre-key = The database has no sealing key of the centre, so there is nothing to check the seal against. Name the centre's certificate with --trust FILE.
cli-verify-unknown-case = The sealed file names case { $number }, which is not in this database.
cli-verify-not-final = Case { $number } has no finalised agreement in this database, so the sealed file cannot be its final agreement.
cli-verify-signer-unregistered = The file was sealed with a certificate this database never registered (SHA-256 { $fingerprint }).
cli-verify-signer-mismatch = The content is version { $version } of case { $number }, but it was sealed with another certificate than the stored original (SHA-256 { $fingerprint }).
cli-verify-signed-after-retirement = The file was sealed on { $signed } with an earlier sealing certificate of the centre, which was retired on { $retired }, when the next one was registered: the centre did not seal with it after that.
cli-seal-certificate-written = Wrote the sealing certificate of { $name } to { $file }. SHA-256: { $fingerprint }
cli-seal-certificates-written = Wrote { $count } sealing certificates of the centre to { $file }, the one in use first.
cli-seal-no-key = This database has no sealing key yet: one is created when the first agreement is sealed, or in the settings.
error-database-missing = There is no database at { $location }; nothing was created. Check the path, or run accord db migrate --db to create a new one.
error-database-empty = { $location } is an empty file, not an Accord database; nothing was written to it. Check the path, or run accord db migrate --db to make a new database there.
error-database-locked = Another program is using the database { $location } and keeps it locked; nothing was changed. Close the other program (another Accord, a backup or a database tool) and try again.
error-database-locked-write = Another program is using the database and keeps it locked, so this could not be saved; nothing was changed and what you entered is still here. Close the other program and try again.
error-database-not-a-database = { $location } is not an Accord database (not a SQLite file, or damaged); nothing was changed.
error-database-read-only = The database { $location } is read-only: it can be read, but nothing can be saved to it. Ask for permission to write to the file, or work on a copy.
error-database-read-only-write = The database file is read-only, so nothing can be saved to it; nothing was changed. Ask for permission to write to the file, or work on a copy.
error-database-newer = The database { $location } was written by a newer Accord (schema { $schema }); this version knows up to { $known }. Nothing was written to it: install the newer Accord to use it.
cli-db-read-only = Note: { $location } is read-only, so it is only read; anything that would save a change is refused.
outbox-state-possibly-twice = Possibly sent twice
error-secret-key-file-malformed = This computer's key file { $path } is not a key ({ $length } bytes; a key is exactly 32) and was left as it is. Restore it from a backup, or move it away and enter the stored passwords again.
error-database-unreachable = Cannot reach the database server at { $server }: it is not running, cannot be reached from here, or did not answer within 4 seconds. Check that the server is running and that this computer can reach it over the network.
error-database-untrusted = The database server at { $server } did not show a certificate from the authority named in the connection (sslrootcert), so it may not be the centre's server; nothing was sent to it. Check the address and the certificate file.

## Backups (accord backup, accord restore, the daily backup)
error-backup-file = Could not write { $location }; nothing was left half-written and nothing was replaced. Check that the folder exists, can be written to and has room.
error-backup-exists = { $location } exists already, and a backup is never written over a file. Name a new file.
error-backup-missing = There is no backup at { $location }. Check the path.
error-backup-damaged = The backup { $location } is damaged, so it was not used and nothing was replaced. Use another backup (the backups folder keeps several).
error-backup-chain-broken = The audit trail in the backup { $location } is broken at event { $event } ({ $kind ->
        [changed] its content was changed after it was written
        [deleted] an event before it was deleted
       *[inserted] it was inserted afterwards
    }). The backup was tampered with, so it was not used and nothing was replaced. Use another backup.
cli-backup-written = Wrote a backup of the { $backend } database to { $file } ({ $size }).
cli-backup-sha256 = SHA-256: { $sha256 } (also in the .sha256 file beside it)
cli-backup-folder-set = The backups of this computer now go to { $folder }.
cli-backup-folder-unusable = The backups folder { $folder } cannot be written to (is the disk plugged in?); the backup goes to { $fallback } instead.
cli-backup-auto-failed = The daily backup could not be made: { $reason }
cli-restore-checked = { $file } is sound: { $cases } cases, audit trail intact ({ $events } events, the newest at { $newest }).
cli-restore-checked-unchained = { $file } is sound: { $cases } cases, { $events } audit events (the newest at { $newest }). It is from before the audit trail was chained, so the trail could not be verified.
cli-restore-done = Restored into { $target }. The database it replaced is kept as { $aside }: it is never deleted, remove it yourself once you are sure.
cli-restore-new = Restored into { $target }; there was no database there, so nothing was replaced.
cli-restore-postgres = accord restore puts a backup in place of a SQLite file only. To load a backup into a PostgreSQL database, create an empty database and run accord db copy --from BACKUP --to postgres://…

## The room: ending asks first; saving from the keyboard
room-close-title = End this session?
room-close-body = Once ended, no new entries can be added to this session; later changes are recorded as corrections. Every saved entry is kept. Anything typed and not saved is cleared.
room-close-confirm = End the session (Enter)
room-close-cancel = Keep mediating (Esc)
room-record-share = Save, may be passed on (Ctrl+Enter)
room-newline-hint = Shift+Enter for a new line
room-offer-text-placeholder = Anything to add (optional)

## Leaving a screen with unsaved work asks first
leave-title = Unsaved work
leave-intake = What you typed into the intake form is not saved. Leaving loses it.
leave-room = The entry box holds text that is not saved (perhaps also text kept for another party). Leaving the room loses it.
leave-agreement = Changes to the draft agreement are not saved. Leaving loses them.
leave-users = What you typed for a new user or the mail password is not saved. Leaving loses it.
leave-stay = Stay and keep editing (Esc)
leave-discard = Discard and leave (Ctrl+D)
room-earlier = Entries from earlier sessions
today-coming = The next { $days } days
today-coming-nothing = Nothing falls due in the next two weeks.

## The command palette (Ctrl+K) and its lines
palette-title = Commands (Ctrl+K)
palette-hint = Type to narrow; Up/Down to choose, Enter to run, Esc to close
palette-empty = No command matches.
palette-count = { $count } commands
cmd-open-case = Open case { $number } ({ $names })
cmd-party-role = Party { $n } takes part as: { $role }
cmd-party-kind = Party { $n } is: { $kind }
cmd-allow-share = May be passed on: { $what }
cmd-disallow-share = No longer to be passed on: { $what }
cmd-convey = Mark as conveyed: { $what } from { $name }
cmd-review = Review the agreement of case { $number } (version { $version })
cmd-handle = Handle: { $number } { $what } ({ $when })
cmd-language = Language
room-to-agreement = Draft the agreement
login-picked = Chosen: { $name } (Up/Down for someone else, Tab to the password)
login-pick-hint = Choose your name (Up/Down to choose, Tab to the password)
detail-payment-recorded = The payment was recorded.
room-mediator = Mediator
leave-case = What you typed for the return visit or a payment is not saved. Leaving loses it.
