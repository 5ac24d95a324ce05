## The people's mediation papers of the case file (after the Ministry of Justice's formats): application or registration form, notice of rights and duties, investigation record, mediation record, return-visit record, case-closing report, registration of an oral agreement

## Shared by the papers
records-number = Case No. { $number }
records-translation-note = This is an English translation of the Chinese form. Where the two differ, the Chinese text prevails.
records-name-separator = ,{" "}
records-matter = dispute between { $applicants } and { $respondents } ({ $category })
records-blank-line = ____________________________________
records-blank-name = ________________
records-box-ticked = ■ { $label }
records-box-empty = □ { $label }
records-box-next = { $row }    { $next }
records-format-datetime = %B %-d, %Y, %H:%M
records-format-time = %H:%M
records-category = Category:{" "}
records-received = Received on:{" "}
records-receiver = Received by:{" "}
records-committee = Mediation committee:{" "}
records-recorder = Recorded by:{" "}
records-summary-heading = Summary of the dispute
records-sign-party = Party (signature)
records-seal = Seal of the People's Mediation Committee
records-sign-registrar = Registered by (signature)

## Application for people's mediation (a case a party applied for)
records-application-title = Application for People's Mediation
records-application-request = Request
records-request-claimed = { $issue }; amount claimed: { $amount }
records-application-declaration = The people's mediation committee has informed the applicants of the rules on applying for people's mediation. The applicants voluntarily apply to { $committee } for mediation.
records-application-office = For the mediation committee

## Registration form (a case the committee took up itself, or one transferred or entrusted to it)
records-registration-title =
    Registration of a Case
    for People's Mediation
records-registration-request = What the parties ask for
records-source = Source:{" "}
records-source-application = Application by a party
records-source-own = Taken up by the committee on its own initiative
records-source-transferred = Transferred by { $body }
records-source-entrusted = Entrusted to the committee by { $body }
records-registration-consent = Asked by { $committee }, the parties agreed to people's mediation.

## Notice of rights and duties (People's Mediation Law, arts. 23 and 24)
records-notice-title =
    Notice of Rights and Duties
    in People's Mediation
records-notice-to = To { $name }:
records-notice-intro = { $committee } has accepted for mediation the { $matter }. A people's mediation committee is a community organisation established by law to mediate disputes between members of the public. It mediates on the basis of the parties' free will and equality, in keeping with the law, regulations and State policy, and with respect for the parties' rights, and it charges no fee. Under Articles 23 and 24 of the People's Mediation Law of the People's Republic of China, you have the following rights and duties in the mediation:
records-notice-rights = Your rights
records-right-mediator = to choose or accept the people's mediator;
records-right-accept = to accept mediation, to refuse it, or to ask for it to be ended;
records-right-public = to ask for the mediation to be held in public or in private;
records-right-will = to express your wishes freely and to reach a mediation agreement of your own free will.
records-notice-duties = Your duties
records-duty-truth = to state the facts of the dispute truthfully;
records-duty-order = to keep order during the mediation and to respect the people's mediator;
records-duty-respect = to respect the other party's exercise of its rights.
records-notice-other-ways = Mediation does not stop you from protecting your rights through arbitration, administrative or judicial channels in accordance with the law. A mediation agreement reached through a people's mediation committee is legally binding, and the parties shall perform it as agreed.
records-notice-acknowledge = I have read this notice (or had it read to me) and understand my rights and duties in the mediation.

## Record of an investigation
records-investigation-title = Record of Investigation
records-investigation-when = Time:{" "}
records-investigation-place = Place:{" "}
records-investigation-staff = Investigated by:{" "}
records-investigation-persons = Persons heard or present:{" "}
records-investigation-matter = Matter:{" "}
records-investigation-findings = Findings
records-investigation-read = This record has been read by, or read to, the persons heard, who confirm that it agrees with what they said.
records-sign-interviewed = Person heard (signature)
records-sign-investigator = Investigator (signature)

## Record of mediation: only what may be shown to every party
records-mediation-title = Record of Mediation
records-mediation-dates = Dates:{" "}
records-mediation-place = Place:{" "}
records-mediation-mediators = Mediators:{" "}
records-mediation-others = Also present:{" "}
records-mediation-scope-lead = Scope of this record:{" "}
records-mediation-scope = This record sets out only what the parties said in the joint sessions, what a party agreed to have passed on to the other side, and what the people's mediator said to all the parties. What a party said in a private session and did not agree to disclose, and the mediator's own working notes, are confidential and are not recorded here.
records-mediation-nothing = (Nothing said in these sessions may be recorded under the rule above.)
records-mediation-day = Session of { $date }
records-speaker-mediator = Mediator { $name }:
records-speaker-party = { $role } { $name }:
records-speaker-unknown = Other participant:
records-entry = { $time }  { $text }
records-kind-position = Position: { $text }
records-kind-interest = Concern: { $text }
records-kind-alternative = If no agreement is reached: { $text }
records-kind-offer = Proposal: { $text }
records-offer = {" "}(proposal: { $offer })
records-correction = (Correction) { $text }
records-mediation-read = The parties have read this record, or had it read to them, and confirm that it is accurate.

## Record of a return visit
records-visit-title = Record of Return Visit
records-visit-agreement = Agreement:{" "}
records-visit-agreement-value = { $number } (signed { $date })
records-visit-date = Date of visit:{" "}
records-visit-way = Contacted:{" "}
records-visit-visited = Persons visited:{" "}
records-visit-visitor = Visited by:{" "}
records-visit-performance = Performance of the agreement
records-visit-satisfaction = Parties' satisfaction with the mediation
records-visit-opinions = What the parties said
records-sign-visited = Person visited (signature)
records-sign-visitor = Visitor (signature)
visit-way-in-person = In person
visit-way-phone = By telephone

## Case-closing report
records-closing-title = Case-Closing Report
records-closing-accepted = Accepted on:{" "}
records-closing-closed = Closed on:{" "}
records-closing-closed-value = { $date } ({ $days } days)
records-closing-result = Result:{" "}
records-result-written = Written agreement
records-result-oral = Oral agreement
records-result-not-settled = Not settled
records-result-transferred = Transferred
records-result-transferred-to = Transferred to { $body }
records-closing-agreement = Agreement ref.:{" "}
records-closing-claimed = Amount in dispute:{" "}
records-closing-agreed = Amount agreed:{" "}
records-closing-no-amount = None
records-closing-summary = How the case was mediated and its outcome

## Registration of an oral agreement (People's Mediation Law, arts. 28 and 30)
records-oral-title =
    Registration of an Oral
    Mediation Agreement
records-oral-content = What the parties agreed
records-oral-performance = Performance:{" "}
records-oral-mediator = Mediator:{" "}
records-oral-registrar = Registered by:{" "}
records-oral-registered = Registered on:{" "}
records-oral-confirm = The parties reached this oral mediation agreement of their own free will, with a people's mediator presiding; it has been read to them and they confirm it. Under Article 30 of the People's Mediation Law of the People's Republic of China, an oral mediation agreement takes effect on the day the parties reach it.
