## 中心工作台：名册、指派与回避、限时办结、分流、司法确认、口头协议

mediator-type-full-time = 专职调解员
mediator-type-part-time = 兼职调解员
mediator-type-court-invited = 特邀调解员
mediator-type-lawyer = 律师
mediator-type-legal-advisor = 法律顾问
mediator-type-psychologist = 心理咨询师
mediator-type-grid-worker = 网格员
mediator-type-volunteer = 志愿者
mediator-type-partner-unit = 入驻单位人员

relation-kind-relative = 近亲属
relation-kind-former-employer = 原工作单位
relation-kind-neighbour = 邻居
relation-kind-business = 经济往来
relation-kind-other = 其他利害关系

person-role-party = 当事人
person-role-agent = 代理人
person-role-representative = 法定代表人/负责人

recusal-pending = 待决定
recusal-granted = 准予回避
recusal-refused = 驳回申请

routing-body-arbitration = 仲裁机构
routing-body-court = 人民法院
routing-body-police = 公安机关
routing-body-labour-inspection = 劳动保障监察
routing-body-hotline = 12345 热线
routing-body-other-committee = 其他调解组织
routing-body-department = 职能部门

court-basis-committee-seat = 调解组织所在地基层人民法院
court-basis-party-domicile = 当事人住所地基层人民法院
court-basis-subject-location = 标的物所在地基层人民法院

jc-excluded-personal-status = 身份关系
jc-excluded-parentage = 亲子关系
jc-excluded-adoption = 收养关系
jc-excluded-marriage = 婚姻关系

jc-state-prepared = 已制作申请书
jc-state-filed = 已向法院申请
jc-state-confirmed = 法院裁定确认有效
jc-state-rejected = 法院裁定驳回申请

performance-performed = 已履行
performance-partly = 部分履行
performance-not-yet = 尚未履行

audit-roster-changed = 修改调解员名册
audit-mediator-assigned = 指派调解员
audit-assignment-ended = 调解员退出案件
audit-recusal-requested = 当事人申请回避
audit-recusal-decided = 决定回避申请
audit-time-limit-extended = 延长办理期限
audit-case-handed-over = 首接责任人移交
audit-case-routed = 分流转办
audit-routing-feedback = 登记转办反馈
audit-jc-prepared = 制作司法确认申请书
audit-jc-filed = 登记司法确认申请
audit-jc-ruled = 登记司法确认裁定
audit-oral-agreement-recorded = 登记口头调解协议

error-mediator-type-missing = 请选择调解员类别。
error-reason-empty = 请写明理由。
error-conflict-unexplained = 回避审查发现该调解员与案件当事人存在关联；如仍指派，须写明理由。未作任何更改。
error-feedback-pending = 接收单位尚未反馈，案件暂不能结案。
error-content-empty = 请写明内容。
error-assigned-already = 该调解员已指派到本案。
error-not-a-party = 申请回避的须是本案当事人。
error-decided-already = 已经作出决定，不能再改。
audit-time-limit-set = 设定办结期限
