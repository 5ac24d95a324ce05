# Settlement agreement: template wording (a legal advisor may change it here)

jurisdiction-prc = People's mediation agreement (PRC People's Mediation Law)
jurisdiction-generic-english = Mediated settlement agreement (generic, English)
obligation-kind-payment = Payment
obligation-kind-act = Act to be performed

## Completeness check
missing-id-number = { $party } has no resident ID number or unified social credit code.
missing-address = { $party } has no address.
missing-facts = The main facts, the disputed matters and each side's responsibility are missing.
missing-terms = Nothing agreed has been written down yet.
missing-deadline = Obligation { $n } has no performance deadline.
missing-amount = Payment { $n } has no amount.
missing-installment-sum = The instalments of obligation { $n } do not add up to its amount.
missing-debtor = The party who owes obligation { $n } is not a party to this case.
missing-mediator = The mediator's signature block is missing.
missing-recorder = The recorder's signature block is missing.

## Default clauses by category
clause-neighbour-repair = The respondent shall repair the leaking pipe and remove the cause of the leak within the agreed time, at the respondent's own cost.
clause-neighbour-compensation = The respondent shall compensate the applicants' property damage in the amounts and by the dates agreed in this agreement.
clause-neighbour-goodwill = In a spirit of mutual understanding, the parties will respect each other as neighbours and will not raise this dispute again.
clause-property-fees = The owner shall pay the outstanding property service fees in the amounts and by the dates agreed; the property manager waives the late charges accordingly.
clause-property-service = The property manager shall improve its services as the service contract requires and complete the agreed repairs by the agreed date.
clause-contract-performance = The parties shall perform or terminate the contract as agreed here and settle the amounts due by the agreed dates.
clause-finance-repayment = The borrower shall repay the debt in the instalments, manner and dates agreed in this agreement.
clause-family-arrangement = The parties shall perform in good faith the arrangements agreed on support, custody and property, for the sake of family harmony.
clause-labour-wages = The employer shall pay the outstanding wages in the amounts and by the dates agreed in this agreement.

## Fixed clauses of the English agreement
clause-prc-effect = This agreement takes effect on the day each party has signed, sealed or fingerprinted it and the mediator has signed it under the seal of the People's Mediation Committee.
clause-prc-judicial-confirmation = Within thirty days of this agreement taking effect, the parties may jointly apply to the people's court for judicial confirmation.
clause-prc-performance-supervision = The parties shall perform their obligations as agreed. The People's Mediation Committee supervises the performance of this agreement.
clause-prc-copies = This agreement is made in { $copies } originals: one for each party and one kept by the People's Mediation Committee.
clause-en-binding = This settlement agreement is binding and enforceable. The parties intend to be legally bound by it and it is not subject to revocation.
clause-en-default = If a payment is not made in full by its due date, the whole unpaid balance becomes due at once, and the creditor may enforce this agreement in court.
clause-en-entire = This agreement is the entire agreement between the parties on the matters mediated and settles all claims arising from them.
clause-en-copies = This agreement is signed in { $copies } originals, one for each party and one kept by the mediation centre.

## The agreement's text
doc-title-prc = People's Mediation Agreement
doc-title-en = Mediated Settlement Agreement
doc-number = No. { $number }
doc-format-date = %-d %B %Y
doc-amount = { $words } ({ $figures })
doc-parties = Parties
doc-party-role = { $role }:{" "}
doc-separator = ,{" "}
doc-list-separator = ;{" "}
doc-sex-male = male
doc-sex-female = female
doc-born = born { $date }
doc-id-number = Resident ID number: { $id }
doc-credit-code = Unified social credit code: { $id }
doc-address = Address: { $address }
doc-phone = Phone: { $phone }
doc-agent = Represented by: { $name }
doc-facts = Facts, matters in dispute and responsibility
doc-terms = Through mediation the parties have freely agreed as follows
doc-obligation-act = { $debtor } shall { $what } no later than { $due }.
doc-obligation-payment = { $debtor } shall pay { $creditor } { $amount } for { $what } no later than { $due }, by { $method }.
doc-obligation-installments = { $debtor } shall pay { $creditor } { $amount } for { $what } in { $count } instalments: { $installments }. Method of payment: { $method }.
doc-installment = instalment { $n } of { $amount } no later than { $due }
doc-sign-party = { $role } (signature)
doc-sign-mediator = Mediator (signature)
doc-sign-recorder = Recorder (signature)
doc-sign-witness = Witness (signature)
doc-committee-seal = Seal of the People's Mediation Committee
doc-date-line = Date: ____________________

## Review status
agreement-status-draft = Draft
agreement-status-in-review = In review
agreement-status-returned = Returned for changes
agreement-status-approved = Approved
agreement-status-final = Final
doc-original = Original { $n }/{ $of }
doc-footer = Page {"{"}page{"}"} of {"{"}pages{"}"}
doc-fingerprint = Fingerprint
doc-qr-caption = Scan to verify

## History (agreements)
audit-agreement-drafted = Agreement draft saved
audit-agreement-submitted = Sent to the legal advisor for review
audit-agreement-approved = Approved
audit-agreement-returned = Returned for changes
audit-agreement-finalised = Agreement finalised
error-agreement-incomplete = The agreement is not complete yet and cannot be finalised.
error-agreement-status = The agreement is “{ $status }”; this step is not possible now.
audit-agreement-signed = Agreement signed
audit-agreement-sealed = Agreement sealed
audit-agreement-printed = Agreement printed
audit-centre-key-created = Centre sealing key created
audit-centre-key-imported = Centre sealing key imported
signatory-party = Party
signatory-mediator = Mediator
signatory-recorder = Recorder
signatory-witness = Witness
sign-method-pad = Signed on the pad
sign-method-paper = Signs on paper
error-signature-empty = Nothing was drawn on the signature pad. Ask the signatory to sign, or choose “signs on paper”.
centre-default-name = People's Mediation Committee
seal-reason = Final settlement agreement
error-agreement-not-final = The agreement is not final yet: it must be approved and finalised before it is sealed and handed out.
error-missing-glyphs = The text has characters the document font cannot print: { $chars }. Please write them differently (e.g. a common variant).
error-pdf = The document could not be produced: { $detail }
error-file = The file { $path } could not be written: { $detail }
error-print = Printing failed: { $detail }
demo-centre-name = Qingshan Road Subdistrict People's Mediation Committee, Qingshan District
demo-advisor-name = Zhou Min (legal advisor)
demo-review-comment = Terms, deadlines and the judicial-confirmation notice checked. Approved.
