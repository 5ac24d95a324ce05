## Papers printed at the centre desk: the application for judicial confirmation, the cover of the application materials, the dispute referral form

## Application for judicial confirmation (Civil Procedure Law art. 205; the Supreme People's Court's provisions on the procedure)
# A long title is broken over lines where the lines below break.
jc-doc-title =
    Application for Judicial Confirmation
    of a People's Mediation Agreement
jc-doc-translation-note = This is an English translation of the Chinese application (司法确认申请书). The Chinese text is the one filed with the court; where the two differ, the Chinese text prevails.
jc-doc-to = To:{" "}
jc-doc-request-heading = Request
jc-doc-request = The applicants request the court to confirm, in accordance with the law, the validity of the People's Mediation Agreement (ref. { $number }) that they reached on { $date } through mediation conducted by { $committee }.
jc-doc-terms-intro = The agreement provides as follows:
jc-doc-facts-heading = Facts and reasons
jc-doc-facts = The dispute between the applicants (category: { $category }) was accepted for mediation by { $committee } on { $received }. Through mediation conducted by the committee, on { $date } the applicants, negotiating as equals and in a spirit of mutual understanding, voluntarily reached the mediation agreement referred to above. The agreement expresses the applicants' true intentions; its content violates no mandatory provision of any law or administrative regulation, nor public order and good morals. In accordance with Article 33 of the People's Mediation Law of the People's Republic of China, Article 205 of the Civil Procedure Law of the People's Republic of China and the Several Provisions of the Supreme People's Court on the Judicial Confirmation Procedure for People's Mediation Agreements, the applicants jointly file this application within thirty days of the agreement taking effect (that is, on or before { $deadline }).
jc-doc-court-heading = Jurisdiction
jc-doc-court-basis = Basis of jurisdiction: { $basis } (Civil Procedure Law of the People's Republic of China, Article 205, item 2). The court therefore has jurisdiction over this application.
jc-doc-enclosures-heading = Enclosures
jc-doc-enclosure-agreement = The People's Mediation Agreement
jc-doc-enclosure-identity = Proof of the applicants' identity
jc-doc-enclosure-identity-organisation = Proof of the applicants' identity (for a legal person or other organisation, also a copy of its business licence or registration certificate and proof of the identity of its legal representative or principal person in charge)
jc-doc-enclosure-property = Proof of the property rights related to the dispute
jc-doc-enclosure-service = Confirmation of addresses for service (with telephone numbers)
jc-doc-enclosure-power = Power of attorney
jc-doc-enclosure-guardian = Proof of the statutory agent's identity and of guardianship
jc-doc-undertaking-lead = Undertaking:{" "}
jc-doc-undertaking = The applicants undertake that they reached the mediation agreement voluntarily and free of fraud, duress or collusion; that it does not harm the interests of the State, the public interest or the lawful rights and interests of others; and that the materials submitted are true and lawful. Should anything in them prove false, the applicants will bear the legal liability that follows.

## Cover of the application materials (one for each applicant)
jc-doc-cover-title =
    Application Materials
    for Judicial Confirmation
jc-doc-cover-court = Court:{" "}
jc-doc-cover-committee = Mediation committee:{" "}
jc-doc-cover-case = Mediation case No.:{" "}
jc-doc-cover-agreement = Agreement ref.:{" "}
jc-doc-cover-party = Applicant:{" "}
jc-doc-cover-checklist = Checklist (please check the number of copies and pages)
jc-doc-cover-item = ____ copies, ____ pages — { $item }
jc-doc-cover-receipt = I have checked the materials listed above and acknowledge receipt of them.
jc-doc-cover-sign = Applicant (signature on receipt)
jc-doc-cover-prepared = Prepared by the mediation committee

## Dispute referral form (with a feedback receipt)
transfer-doc-title = Dispute Referral Form
transfer-doc-number = Referral No. { $number }
transfer-doc-to = To:{" "}
transfer-doc-from = From:{" "}
transfer-doc-body = { $name } ({ $kind })
transfer-doc-case = Case No.:{" "}
transfer-doc-category = Category:{" "}
transfer-doc-received = Received on:{" "}
transfer-doc-parties = Parties
transfer-doc-party = { $name }, tel. { $phone }
transfer-doc-summary = Summary of the dispute
transfer-doc-done = Action taken by the committee
transfer-doc-reason = Reason for the referral
transfer-doc-request-heading = Request
transfer-doc-request = We hereby refer this dispute to you for handling in accordance with the law. Please complete the feedback receipt below and return it by { $due } to { $committee }, stating whether you accept the case and how it was handled.
transfer-doc-seal = Seal of the referring committee
transfer-doc-handler = Handled by: { $name }
transfer-doc-cut = - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - cut here - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
transfer-doc-receipt-title = Feedback Receipt (please return by { $due })
transfer-doc-receipt-to = To { $committee }:
transfer-doc-receipt-intro = We have received the dispute in case No. { $case } (referral No. { $number }; parties: { $parties }) that you referred to us. We report as follows:
transfer-doc-receipt-decision = Our decision: □ Accepted    □ Not accepted, because: ______________
transfer-doc-receipt-result = Outcome:
transfer-doc-receipt-blank = ______________________________________________________________
transfer-doc-receipt-handler = Handled by (signature)
transfer-doc-receipt-phone = Tel.: ____________________
transfer-doc-receipt-seal = Seal of the receiving body
transfer-doc-name-separator = ,{" "}

jc-doc-file = judicial-confirmation-application
jc-doc-cover-file = packet-cover
transfer-doc-file = transfer-slip
transfer-doc-number-pattern = T-{ $number }-{ $n }
