## The centre desk: roster, assignment and recusal, time limits, routing, judicial confirmation, oral agreements

mediator-type-full-time = Full-time mediator
mediator-type-part-time = Part-time mediator
mediator-type-court-invited = Court-invited mediator
mediator-type-lawyer = Lawyer
mediator-type-legal-advisor = Legal advisor
mediator-type-psychologist = Psychologist
mediator-type-grid-worker = Grid worker
mediator-type-volunteer = Volunteer
mediator-type-partner-unit = Partner unit staff

relation-kind-relative = Relative
relation-kind-former-employer = Former employer
relation-kind-neighbour = Neighbour
relation-kind-business = Business dealings
relation-kind-other = Other interest

person-role-party = Party
person-role-agent = Agent
person-role-representative = Legal representative

recusal-pending = Awaiting decision
recusal-granted = Withdrawal granted
recusal-refused = Request refused

routing-body-arbitration = Arbitration body
routing-body-court = People's court
routing-body-police = Police
routing-body-labour-inspection = Labour inspection
routing-body-hotline = 12345 hotline
routing-body-other-committee = Another mediation committee
routing-body-department = Government department

court-basis-committee-seat = Basic court where the committee sits
court-basis-party-domicile = Basic court of a party's domicile
court-basis-subject-location = Basic court where the subject matter lies

jc-excluded-personal-status = personal status
jc-excluded-parentage = parentage
jc-excluded-adoption = adoption
jc-excluded-marriage = marriage

jc-state-prepared = Application prepared
jc-state-filed = Filed with the court
jc-state-confirmed = Confirmed by the court
jc-state-rejected = Rejected by the court

performance-performed = Performed
performance-partly = Partly performed
performance-not-yet = Not yet performed

audit-roster-changed = Roster changed
audit-mediator-assigned = Mediator assigned
audit-assignment-ended = Mediator left the case
audit-recusal-requested = Withdrawal requested
audit-recusal-decided = Withdrawal request decided
audit-time-limit-extended = Time limit extended
audit-case-handed-over = Case handed over
audit-case-routed = Case transferred
audit-routing-feedback = Transfer answer recorded
audit-jc-prepared = Judicial confirmation application prepared
audit-jc-filed = Judicial confirmation filed
audit-jc-ruled = Judicial confirmation ruling recorded
audit-oral-agreement-recorded = Oral agreement recorded

error-mediator-type-missing = Choose what kind of mediator this is.
error-reason-empty = Write the reason.
error-conflict-unexplained = The conflict check found a tie between this mediator and someone in the case. To assign them anyway, write why. Nothing was changed.
error-feedback-pending = The receiving body has not answered yet, so the case cannot be closed.
error-content-empty = Write what was agreed or done.
error-assigned-already = This mediator is assigned to the case already.
error-not-a-party = A withdrawal is asked for by a party of this case.
error-decided-already = This was decided already and cannot be changed.
audit-time-limit-set = Time limit set
