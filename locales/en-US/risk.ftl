## Risk flags

risk-level-green = Green
risk-level-yellow = Yellow
risk-level-red = Red
risk-rule-repeat = Repeat dispute
risk-rule-returned = Back after a settlement
risk-rule-group = Group dispute
risk-rule-escalation = Words of escalation
risk-rule-overdue = Performance overdue
