## The centre desk's screens

nav-desk = Desk
detail-desk = Centre desk
leave-desk = What you typed on the desk is not saved yet and would be lost.
desk-loading = Reading…
desk-title = Centre desk
desk-board-heading = Time limits: { $overdue } overdue, { $near } due within { $days } days
desk-mine-only = Only my cases
desk-board-empty = No case is near its due date or overdue.
desk-unassigned = Not assigned
desk-per-mediator = By mediator
desk-per-mediator-line = { $name }: { $overdue } overdue, { $near } due soon
desk-warn-days = Warn this many days ahead
desk-warn-days-save = Save days
desk-warn-days-saved = The board now warns { $days } days ahead.
desk-error-warn-days = The warning days are a whole number from 0 to 60.
desk-overdue = Overdue by { $days } { $days ->
    [one] day
   *[other] days
}
desk-due-today = Due today
desk-due-in = Due in { $days } { $days ->
    [one] day
   *[other] days
}
desk-on-time = On time
desk-weekday = { $day ->
    [0] Monday
    [1] Tuesday
    [2] Wednesday
    [3] Thursday
    [4] Friday
    [5] Saturday
   *[6] Sunday
}
desk-roster-heading = Roster of mediators (1+N)
desk-roster-add = Add a mediator
desk-roster-edit = Edit
desk-roster-empty = The roster is empty.
desk-roster-save = Save to the roster
desk-roster-saved = { $name } is saved.
desk-retired = Retired
desk-cancel = Cancel
desk-name = Name
desk-type = Kind
desk-unit = Unit
desk-categories = Categories handled
desk-weekdays = Days on duty
desk-languages = Languages or dialects (separated by commas)
desk-leave = Leave (one range per line: 2026-12-01 2026-12-07)
desk-error-leave = The leave dates cannot be read: write one range per line, such as 2026-12-01 2026-12-07.
desk-id-number = ID number
desk-phone = Phone
desk-address = Address
desk-relations = Declared relations (relatives, former employers, neighbours)
desk-relation-name = Name of the person or organisation
desk-relation-id = ID number or credit code (optional)
desk-relation-add = Add a relation
desk-relation-remove = Remove
desk-account = User account
desk-no-account = No account
desk-active = On the roster (can be assigned)
desk-case-title = Case { $number } · centre desk
desk-back = Back to the case
desk-time-limit = Time limit
desk-due = Due
desk-receiver = First receiver
desk-none = Nobody
desk-extension-line = Extended to { $date }: { $reason }
desk-extend-to = Extend to (date)
desk-extend-reason = Reason for the extension
desk-consent = Parties who consent (all must)
desk-extend = Record the extension
desk-extended = The case is now due on { $date }.
desk-handover-to = Hand over to
desk-handover-reason = Reason for the handover
desk-handover = Hand over the case
desk-handed-over = The case was handed over.
desk-error-user = Choose whom to hand the case over to.
desk-mediators = Mediators
desk-lead = Lead
desk-co = Co-mediator
desk-ended = Left on { $date }: { $reason }
desk-assigned-by = Assigned by { $by } on { $date }
desk-replace = Replace
desk-recusal = Withdrawal request
desk-override-kept = Assigned despite the conflict check because: { $reason }
desk-hit = Conflict check: { $role } { $person } — { $evidence }
desk-hit-same-id = the same ID number ({ $id })
desk-hit-same-phone = the same name and phone ({ $phone })
desk-hit-same-address = the same name and address ({ $address })
desk-hit-declared-id = declared { $kind } “{ $name }” (same ID number)
desk-hit-declared-name = declared { $kind } “{ $name }” (same name)
desk-recusal-of = Request that { $name } withdraw:
desk-recusal-party = Requested by
desk-recusal-reason = Grounds
desk-recusal-record = Record the request
desk-recusal-recorded = The request is recorded; the director decides.
desk-recusal-line = { $party } asks { $name } to withdraw: { $reason } ({ $decision })
desk-decision-reason = Reason for the decision
desk-grant = Grant
desk-refuse = Refuse
desk-recusal-decided = The decision is recorded.
desk-error-party = Choose the party who asks.
desk-suggestions = Suggested mediators (by category, days on duty and open cases)
desk-suggestions-replace = Choose who takes over
desk-other-categories = Other categories
desk-open-cases = { $count } open { $count ->
    [one] case
   *[other] cases
}
desk-available-today = On duty today
desk-available-on = Available { $day }
desk-not-available = Not on duty soon
desk-override-reason = The conflict check found a tie: why assign this mediator anyway
desk-replace-reason = Reason for the change
desk-assign = Assign
desk-reassign = Change mediator
desk-assigned = { $name } is assigned.
desk-error-pick = Choose a mediator first.
desk-routing = Transfer to another body
desk-routing-line = Transferred on { $date } to { $body } ({ $kind }); answer due by { $due }
desk-feedback-accepted = Answer of { $date }: accepted. { $result }
desk-feedback-declined = Answer of { $date }: declined. { $result }
desk-feedback-late = The answer is late: remind them.
desk-feedback-took = The receiving body accepted the case
desk-feedback-result = What they did
desk-feedback-record = Record the answer
desk-feedback-recorded = The answer is recorded.
desk-route-body = Kind of body
desk-route-name = Name of the receiving body
desk-route-due = Answer due by
desk-route-reason = Reason for the transfer
desk-route-done = What the centre did
desk-route = Transfer and issue the slip
desk-routed = Transferred to { $body }. The case keeps its number and history and closes once they answer.
desk-error-route = Choose the kind of body and write the answer's due date (such as 2026-12-31).
desk-jc = Judicial confirmation
desk-jc-window = The agreement took effect on { $from }; the parties apply jointly to the court by { $until } (Civil Procedure Law art. 205).
desk-jc-excluded = Note: the agreement touches { $matters }, which courts do not confirm.
desk-jc-no-agreement = Once a written agreement is signed and final, the application is prepared here.
desk-jc-state = Stage
desk-court = Court
desk-court-basis = Why this court
desk-court-number = Court case number
desk-ruling-note = Ruling
desk-jc-prepare = Prepare the application
desk-jc-prepared = The application is prepared.
desk-jc-file = Record the filing
desk-jc-filed = The filing is recorded.
desk-jc-confirmed = Confirmed
desk-jc-rejected = Rejected
desk-jc-ruled = The ruling is recorded.
desk-oral = Oral agreement
desk-oral-hint = For a simple dispute settled on the spot (People's Mediation Law art. 28): record what was agreed and whether it was carried out; the case is then settled.
desk-oral-save = Record the oral agreement
desk-oral-saved = The oral agreement is recorded.
desk-oral-recorded = Recorded by { $by } on { $date }
today-limits-title = Cases near their time limit or overdue
notify-due-summary = Accord: { $count } { $count ->
    [one] case is
   *[other] cases are
} near the time limit or overdue
cases-mine-first = My open cases
desk-jc-papers = Application and each party's packet cover (PDF)
desk-slip-papers = Transfer slip (PDF)
desk-papers-saved = Saved { $files } in { $dir }.
desk-cmd-open = Open the desk of case { $number }
desk-cmd-edit = Edit the roster entry of { $name }
desk-cmd-pick = Choose mediator { $name }
desk-cmd-choice = { $field }: { $value }
desk-set-due-on = Date set by the court or the source
desk-set-due-reason = On what authority
desk-set-due = Set the date
desk-due-set = The case is now due on { $date }.
desk-limit = Other time limit
desk-limit-source = Category or channel
desk-limit-save = Save the days
desk-limit-saved = Saved: cases of this kind taken in from now on are due after these days (0 goes back to one month).
desk-limit-line = { $source }: { $days } days
desk-limits-none = Every case is due one month after it was received.
desk-error-limit = Choose a category or channel and write the days, from 0 to 365.
