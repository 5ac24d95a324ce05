## Statistics and the case file

audit-case-classified = Statistical classification changed
audit-risk-cleared = Risk flag cleared
audit-investigation-recorded = Investigation recorded
audit-attachment-added = Attachment added
error-persons-count = The number of persons is at least 1.

stat-category-marriage-family = Marriage and family
stat-category-neighbour = Neighbours
stat-category-housing-land = Housing and homesteads
stat-category-contract = Contracts
stat-category-production = Production and business
stat-category-damages = Damages
stat-category-forest-land = Forests and land
stat-category-demolition = Land requisition and demolition
stat-category-environment = Environmental pollution
stat-category-labour = Labour disputes
stat-category-consumer = Consumer disputes
stat-category-medical = Medical disputes
stat-category-traffic = Road traffic
stat-category-property = Property management
stat-category-other = Other

source-application = Application by a party
source-own-initiative = Taken up by the committee
source-transferred = Transferred
source-entrusted = Entrusted

stats-col-received = Received
stats-col-mediated = Mediated
stats-col-settled = Settled
stats-col-rate = Settlement rate
stats-col-amount = Amount agreed
stats-col-days = Average days to settle
stats-col-within-limit = Within the time limit
stats-col-compliance = Paid on time
stats-col-satisfaction = Satisfied at the return visit
stats-col-crime = Violence prevented (cases / persons)
stats-col-petition = Group petitions prevented (cases / persons)

stats-by-category = By dispute type
stats-by-channel = By channel
stats-by-mediator = By mediator
stats-by-month = By month
stats-total = Total
stats-no-mediator = Not assigned
stats-title = People's mediation statistics
stats-period = Period: { $from } to { $to }
