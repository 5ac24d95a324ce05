## 矛盾纠纷预警

risk-level-green = 绿色
risk-level-yellow = 黄色
risk-level-red = 红色
risk-rule-repeat = 重复纠纷
risk-rule-returned = 调解后再起纠纷
risk-rule-group = 群体性纠纷
risk-rule-escalation = 有激化言语
risk-rule-overdue = 逾期未履行
