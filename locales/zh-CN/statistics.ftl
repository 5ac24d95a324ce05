## 统计与卷宗

audit-case-classified = 修改统计分类
audit-risk-cleared = 解除预警
audit-investigation-recorded = 登记调查记录
audit-attachment-added = 添加附件
error-persons-count = 人数至少为 1。

stat-category-marriage-family = 婚姻家庭
stat-category-neighbour = 邻里
stat-category-housing-land = 房屋宅基地
stat-category-contract = 合同
stat-category-production = 生产经营
stat-category-damages = 损害赔偿
stat-category-forest-land = 山林土地
stat-category-demolition = 征地拆迁
stat-category-environment = 环境污染
stat-category-labour = 劳动争议
stat-category-consumer = 消费
stat-category-medical = 医疗
stat-category-traffic = 道路交通
stat-category-property = 物业
stat-category-other = 其他

source-application = 当事人申请
source-own-initiative = 主动调解
source-transferred = 移送调解
source-entrusted = 委托调解

stats-col-received = 受理
stats-col-mediated = 调解
stats-col-settled = 调解成功
stats-col-rate = 调解成功率
stats-col-amount = 协议金额
stats-col-days = 平均调解天数
stats-col-within-limit = 期限内办结率
stats-col-compliance = 按期履行率
stats-col-satisfaction = 回访满意率
stats-col-crime = 防止民转刑（件/人）
stats-col-petition = 防止群体性上访（件/人）

stats-by-category = 按纠纷类型
stats-by-channel = 按受理渠道
stats-by-mediator = 按调解员
stats-by-month = 按月份
stats-total = 合计
stats-no-mediator = 未指派
stats-title = 人民调解工作统计表
stats-period = 统计期间：{ $from } 至 { $to }
