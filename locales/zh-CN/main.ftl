# Accord — 简体中文（第一语言）

app-title = Accord 调解助手
app-subtitle = 人民调解工作台

## 导航
nav-cases = 案件
nav-new-case = 新建案件
nav-users = 用户
language-label = 语言
user-current = { $name }（{ $role }）
login-title = 登录 Accord
login-password = 密码
login-submit = 登录
login-pick-user = 请先选择您是谁。
lock-title = 已锁定
lock-body = Accord 已锁定。您的工作保持原样，请输入密码继续。
lock-unlock = 解锁
lock-switch-user = 以其他用户登录
header-lock = 锁定
header-switch-user = 切换用户
audit-broken-warning = 审计记录遭到篡改：第 { $id } 条事件（{ $action }，{ $at }）与记录链不符。请保持本机现状，运行 accord audit verify 查看详情；该时间之前的备份保存着真实的记录。
user-switch = 切换用户

## 日期与时间（chrono 格式，按用户所在时区显示）
format-date = %Y年%-m月%-d日
format-datetime = %Y年%-m月%-d日 %H:%M
format-datetime-input = %Y-%m-%d %H:%M
hint-datetime-input = 格式：2025-02-14 09:30

## 首次运行
first-run-title = 欢迎使用 Accord
first-run-intro = 第一位用户是本中心的管理员：由其添加其他用户、重置遗忘的密码。每一次修改都会记录操作人，以备查阅。
first-run-name = 您的姓名
first-run-role = 您的角色
first-run-start = 开始使用
first-run-login = 登录名（小写字母、数字，例如 admin）
first-run-password = 密码（至少 8 个字符）
first-run-again = 再次输入密码
error-password-again = 两次输入的密码不一致，请输入相同的密码。
first-run-example-title = 数据库还是空的
first-run-example-intro = 您可以先载入示例案件（六楼饮用水管漏水纠纷），熟悉一下调解流程。
first-run-load-example = 载入示例案件
first-run-skip-example = 从空白开始

## 用户
users-title = 用户
backups-title = 备份
backups-folder = 备份保存在 { $folder }（每天启动时一次，更新修改数据库之前一次），加密方式与数据库相同。
backups-now = 立即备份
backups-done = 已写入备份：{ $file }
backups-none = 尚无备份。
backups-kind-regular = 每日或手动
backups-kind-migration = 更新之前
backups-restore = 恢复…
backups-restore-ask = 用 { $when } 的备份替换数据库？此后所做的一切将离开数据库，但不会被删除：当前文件保留在旁边（accord.sqlite3.replaced-…），管理员可以取回。Accord 将关闭数据库、放入备份并重新打开（有账户时需再次登录）。
backups-restore-confirm = 用此备份替换数据库
backups-restore-cancel = 取消
users-add = 添加用户
users-use = 使用此用户
users-name = 姓名
users-role = 角色
users-active = 当前用户
users-reset = 设置密码
users-reset-title = 为 { $name } 设置新密码
users-reset-save = 保存密码
users-password-set = 已为 { $name } 设置新密码，请当面告知。旧密码任何人都无法读取。
users-account-added = { $name } 现在可以用登录名 { $login } 和您设定的密码登录；请其首次登录后修改密码。

## 案件列表
cases-title = 案件列表
cases-search-placeholder = 按案件编号或当事人姓名搜索
cases-filter-all = 全部状态
cases-empty = 没有符合条件的案件。
cases-count = 显示 { $shown } 件，共 { $total } 件
cases-load-more = 加载更多
cases-refresh = 刷新
cases-col-number = 案件编号
cases-col-category = 类别
cases-col-applicant = 申请人
cases-col-respondent = 被申请人
cases-col-status = 状态
cases-col-received = 受理时间
cases-col-activity = 最近更新
cases-open = 打开

## 新建案件
intake-title = 新建案件
intake-category = 纠纷类别
intake-channel = 受理渠道
intake-received = 受理时间
intake-summary = 纠纷简要情况
intake-summary-placeholder = 简要写明纠纷经过和当事人诉求
intake-parties = 当事人
intake-add-party = 添加当事人
intake-remove-party = 删除此当事人
intake-party-heading = 当事人 { $n }
intake-party-kind = 类型
intake-party-role = 身份
intake-party-name = 姓名或名称
intake-party-name-placeholder = 当事人姓名或单位名称
intake-party-id = 身份证号码或统一社会信用代码
intake-party-id-placeholder = 18 位号码
intake-party-phone = 联系电话
intake-party-phone-placeholder = 手机或固定电话
intake-party-address = 住址
intake-party-address-placeholder = 住所地或经常居住地
intake-party-email = 电子邮箱（可选）
intake-party-email-placeholder = name@example.org
intake-party-agent = 代理人（可选）
intake-party-agent-placeholder = 代理人姓名
intake-party-agent-phone-placeholder = 代理人电话
intake-party-agent-kind = 代理人类别
intake-party-agent-authority = 代理权限
intake-party-agent-authority-placeholder = 例如：特别授权（授权委托书附卷）
intake-party-ethnicity = 民族（可选）
intake-party-ethnicity-placeholder = 例如：汉族
intake-party-occupation = 职业或工作单位（可选）
intake-party-occupation-placeholder = 例如：退休职工
intake-party-representative = 代表单位签名的人
intake-party-representative-placeholder = 姓名
intake-issues = 争议事项
intake-add-issue = 添加争议事项
intake-remove-issue = 删除
intake-issue-placeholder = 例如：赔偿楼下装修损失
intake-issue-amount-placeholder = 主张金额（元，可选）
intake-save = 保存案件
intake-saving = 正在保存…
intake-cancel = 取消
intake-has-errors = 有 { $count } 处需要修改，请查看标红的内容。
intake-saved = 案件 { $number } 已保存。

## 案件详情
detail-back = 返回列表
detail-status = 状态
detail-category = 类别
detail-channel = 受理渠道
detail-received = 受理时间
detail-updated = 最近更新
detail-summary = 纠纷简要情况
detail-parties = 当事人
detail-issues = 争议事项
detail-no-issues = 尚未登记争议事项。
detail-claimed = 主张金额：{ $amount }（{ $words }）
detail-change-status = 变更状态
detail-move-to = 转为“{ $status }”
detail-history = 操作记录
detail-id-number = 证件号码
detail-phone = 电话
detail-address = 住址
detail-email = 邮箱
detail-agent-authority = { $agent }，代理权限：{ $authority }
detail-ethnicity = 民族
detail-occupation = 职业或工作单位
detail-none = 无
detail-birth = 出生日期
detail-status-changed = 状态已变更为“{ $status }”。

## 操作记录
audit-case-created = 创建案件
audit-case-status = 变更状态
audit-party-added = 添加当事人
audit-user-created = 添加用户
audit-centre-details-changed = 修改协议书的法院或编号格式
audit-password-set = 设置密码
audit-entry = { $when } · { $who } · { $what }

## 选项：纠纷类别
category-neighbour = 邻里纠纷
category-property-management = 物业纠纷
category-contract = 合同纠纷
category-finance = 金融纠纷
category-family = 婚姻家庭纠纷
category-labour = 劳动争议
category-consumer = 消费纠纷
category-other = 其他纠纷

## 选项：受理渠道
channel-walk-in = 窗口来访
channel-phone = 电话
channel-online = 网上申请
channel-grid-report = 网格员上报
channel-referral = 转交（公安、法院、信访）

## 选项：案件状态
status-received = 已受理
status-assigned = 已分派
status-in-mediation = 调解中
status-settled = 调解成功
status-not-settled = 调解不成
status-referred = 已转交
status-closed = 已结案

## 选项：当事人
party-kind-person = 自然人
agent-kind-entrusted = 委托代理人
agent-kind-statutory = 法定代理人
representative-title-legal = 法定代表人
representative-title-in-charge = 负责人
party-kind-organisation = 法人或其他组织
party-role-applicant = 申请人
party-role-respondent = 被申请人
party-role-third-party = 第三人

## 选项：调解员类型

## 选项：用户角色
user-role-mediator = 调解员
user-role-legal-advisor = 法律顾问
user-role-administrator = 管理员

## 选项：币种
currency-cny = 人民币
currency-usd = 美元
currency-eur = 欧元
currency-hkd = 港币
currency-gbp = 英镑

## 输入错误
error-name-empty = 请填写姓名或名称。
error-login = 登录名为 2 至 32 个小写字母、数字、点、连字符或下划线，以字母开头。
error-password-short = 密码至少 { $min } 个字符。
error-wrong-password = 登录名或密码不正确，未打开任何内容。
error-database-encrypted = 数据库 { $location } 已加密。请用登录名和密码登录后打开（命令行：设置 ACCORD_USER 和 ACCORD_PASSWORD）。
error-not-allowed = 您的角色无权执行此操作，未作任何更改。请联系管理员。
error-login-taken = 登录名 { $login } 已被使用，请另选一个。
error-too-long = 内容过长：最多 { $max } 个字。
error-id-length = 身份证号码应为 18 位。
error-id-format = 身份证号码应为 17 位数字加 1 位数字或 X。
error-id-birth-date = 身份证号码中的出生日期不存在。
error-id-region = 身份证号码前六位不是有效的行政区划代码，请逐位核对。
error-id-birth-future = 身份证号码中的出生日期晚于今天，请逐位核对。
error-id-check = 身份证号码校验位不正确，请逐位核对。
error-credit-code = 统一社会信用代码不正确，请核对。
error-phone = 电话号码格式不正确。
error-email = 电子邮箱格式不正确。
error-summary-empty = 请填写纠纷简要情况。
error-no-applicant = 至少需要一名申请人。
error-no-respondent = 至少需要一名被申请人。
error-case-number = 案件编号格式应为 2025-0001。
error-amount = 金额格式不正确，例如 35000 或 10050.30。
error-illegal-transition = 案件不能从“{ $from }”变为“{ $to }”。
error-received-at = 受理时间格式不正确，例如 2025-02-14 09:30。
error-database = 数据库出错，未作任何更改。
error-database-open = 无法打开数据库 { $location }。
error-not-found = 未找到该案件。
error-conflict = 在您编辑期间，已有他人（在另一窗口或另一调解室）修改了此内容。为免覆盖对方的修改，本次未保存，您填写的内容仍保留在此。请重新打开查看对方的修改后再试。

## 数据库无法打开
db-error-title = 无法打开数据库
db-error-body = Accord 无法打开数据库文件 { $path }。您的数据没有被修改。
db-error-hint = 请确认磁盘空间和文件权限；如文件已损坏，可从备份恢复后重新启动。
db-error-detail = 详细信息：{ $detail }
db-error-retry = 重试
db-error-backup = 旁边最新的备份制作于 { $at }：{ $file }。恢复后它将取代此文件，此文件会被保留（改名，不会删除）；备份之后录入的内容不在其中。
db-error-restore = 恢复此备份
db-restored = 备份已恢复，数据库已打开。被替换的文件保留为 { $aside }。

## 房间显示
larger-text = 大字模式

## 命令行
cli-demo-loaded = 已载入示例案件 { $number }。
cli-login-user = 登录名：
cli-login-password = 密码：
cli-login-needed = 此数据库已设账户：请设置 ACCORD_USER 和 ACCORD_PASSWORD，或在终端中运行此命令以输入。
cli-demo-password = 示例账户的密码：
cli-demo-password-again = 再次输入同一密码：
cli-demo-password-differs = 两次输入的密码不一致，未创建账户，也未载入任何内容。
cli-demo-no-accounts = 未创建账户（设置 ACCORD_PASSWORD 可为示例用户设定密码）；在首次启动创建管理员之前，任何拿到此文件的人都能打开它。
cli-demo-account = 账户 { $login }：{ $name }（{ $role }）
demo-admin-name = 李瑞芳（管理员）
demo-mediator-name = 边文玲
demo-advisor-account-name = 周敏
cli-demo-present = 示例案件 { $number } 已存在，未重复载入。

## 调解室
room-start = 开始调解
room-resume = 继续调解
room-title = 调解室 · { $number }
room-timer = 已用时 { $time }
room-back = 返回案件
room-curtain = 隐私帘（F12）
room-curtain-up = 收起隐私帘
room-curtain-text = 请稍候
room-curtain-hint = 调解内容已隐藏。按 F12 或点击下方按钮恢复。
room-next = 下一步
room-previous = 上一步
room-close = 结束调解…
room-closed = 本次调解已于 { $when } 结束。之后的修改会作为更正另行记录。
room-checklist = 本阶段要做的事
room-round = 第 { $round } 轮
room-caucus-with = 与 { $name } 背对背沟通（第 { $round } 轮）
room-invite = 请 { $name } 入室
room-switch-title = 更换在场当事人
room-switch-body = { $leaving } 已离开调解室，现在请 { $coming } 进入？屏幕将只显示 { $coming } 的内容。
room-switch-confirm = 确认（Enter）
room-switch-cancel = 取消（Esc）
room-consent = 调解意愿
room-consent-record = 记录同意调解
room-consent-given = 已于 { $when } 同意调解
room-consent-missing = 还有当事人未表示同意调解：{ $names }。背对背调解开始前须征得各方同意。
room-speaker = 发言人
room-kind = 类型
room-issue = 争议事项
room-issue-none = （不限事项）
room-text-placeholder = 记录当事人所说的内容
room-amount-placeholder = 金额（元）
room-terms-placeholder = 条件，例如：一次付清、先修管道
room-record = 保存记录（Enter）
room-own = { $name } 的记录
room-statements = 各方陈述
room-joint-items = 可以公开的内容
room-nothing-yet = 暂无记录。
room-may-share = 允许转达
room-shared-at = 已于 { $when } 转达
room-to-convey = 待转达（对方允许转达的内容）
room-convey = 标记为已转达
room-conveyed = 已转达的对方内容
room-from = 来自 { $name }
room-offers = 方案与出价
room-offer-line = { $amount }（{ $words }）
room-gap = { $a } 与 { $b } 最近一次出价相差 { $amount }（{ $words }）
room-no-offers = 暂无可显示的出价。
room-correction = 更正
room-corrects = 更正第 { $id } 条记录
room-larger-hint = 面向当事人时可开启大字模式。

## 调解阶段
stage-opening = 共同开场
stage-statements = 各方陈述
stage-caucus = 背对背调解
stage-closing = 共同总结

## 记录类型
item-kind-statement = 陈述
item-kind-position = 立场（要求）
item-kind-interest = 利益（原因）
item-kind-alternative = 替代方案（谈不成怎么办）
item-kind-note = 备注
item-kind-remark = 调解员发言
item-kind-offer = 出价或方案

## 各阶段清单
checklist-opening-introduce = 介绍调解员和调解程序
checklist-opening-voluntary = 说明调解自愿，任何一方可随时退出
checklist-opening-confidential = 说明背对背沟通的内容保密，未经同意不转达
checklist-opening-identity = 核对各方身份证件
checklist-opening-consent = 记录各方同意调解
checklist-statements-each = 请各方依次陈述事实和诉求
checklist-statements-listen = 陈述时不打断，不评判
checklist-statements-issues = 归纳争议焦点
checklist-caucus-confidential = 提醒当事人：所说内容保密
checklist-caucus-interests = 了解要求背后的真实原因
checklist-caucus-alternative = 讨论谈不成时的后果（诉讼成本、时间）
checklist-caucus-permission = 确认哪些内容允许转达
checklist-closing-terms = 逐条确认达成的条款
checklist-closing-read = 向各方宣读并解释协议内容
checklist-closing-agreement = 准备起草调解协议

## 调解室错误
session-error-consent = 还有当事人未同意调解，暂不能开始背对背调解。
session-error-closed = 本次调解已结束，只能记录更正。
session-error-party = 该当事人不属于本案。
session-error-not-caucus = 现在不是背对背调解阶段。
session-error-note-not-shared = 调解员备注仅供调解员查看，不能允许转达，也不能转达给任何当事人。
error-item-empty = 请填写内容或金额。

## 操作记录（调解室）
audit-session-started = 开始调解
audit-case-taken = 调解员承办本案
audit-session-stage = 进入下一阶段
audit-consent-recorded = 记录同意调解
audit-party-switched = 更换在场当事人
audit-checklist-ticked = 勾选清单
audit-item-recorded = 新增记录
audit-item-edited = 修改记录
audit-disclosure-changed = 更改转达权限
audit-session-closed = 结束调解
room-edit = 修改
room-editing = 正在修改第 { $id } 条记录
room-correcting = 本次调解已结束：保存后将作为对第 { $id } 条记录的更正另行记录，原记录保留。
room-edit-cancel = 取消修改
room-alone = 仅调解员在场
room-alone-end = 当事人回到调解室
room-alone-notice = 只有调解员在场：显示全部记录，包括各方的保密内容和调解员备注。任何人进入调解室之前，请点击“当事人回到调解室”或按 F12。
room-everything = 全部记录（仅调解员可见）
room-mediators-only = 调解员备注，仅调解员可见
room-confidential = 保密
room-saved-note = 已保存为调解员备注。备注仅供调解员查看，当事人在场时不显示；点击“仅调解员在场”可查看。
room-saved-confidential = 已保存为第 { $id } 条记录。在 { $name } 同意转达之前该记录保密，因此此处不显示；已转达的内容保持不变。
room-editing-conveyed = 第 { $id } 条记录已转达对方：保存后修改将作为新的一条保密记录，已转达的内容保持不变。
cli-verify-ok = { $file }：印章有效。签章人：{ $signer }，时间：{ $when }。签章后文件未被改动。
cli-verify-digest = 所签内容的 SHA-256：{ $digest }
cli-verify-appended = { $file }：印章本身有效，但签章后文件又被追加了内容。
cli-verify-failed = { $file }：印章无效或文件已被改动（{ $detail }）。
cli-agreement-written = 已将案件 { $number } 的电子签章协议书（第 { $version } 版）写入 { $file }。
cli-lang-unknown = “{ $lang }”不是可用的语言：请写 zh-CN 或 en-US。
cli-case-not-found = 没有案号为 { $number } 的案件。
cli-verify-no-reference = 此 PDF 未标明 Accord 协议编号，无法与数据库中的协议比对内容。
cli-verify-audit-changed = 审计记录中已没有第 { $id } 条事件（本协议盖章时记录在文件中的最新事件）：此后审计记录被截断或改写。请用 `accord audit verify` 检查并恢复备份。
cli-verify-matches = 内容与数据库中案件 { $number } 第 { $version } 版定稿协议一致。
cli-verify-mismatch = 内容与数据库中案件 { $number } 的定稿协议不一致（第 { $version } 版不是定稿版本，或内容摘要不同）。

## 邮件
email-agreement-subject = 人民调解协议书 { $number }
email-agreement-body =
    { $name }：

    附件是案件 { $number } 的人民调解协议书（加盖防篡改校验章）。请按协议约定的期限履行。
    可以用 Accord 的“accord verify 文件名”或任何支持 PDF 签名的阅读器核验防篡改校验章。

    { $centre }
email-agreement-file = 人民调解协议书-{ $number }.pdf
email-reminder-subject = 履行提醒：案件 { $number } 第 { $n } 项义务将于 { $due } 到期
email-reminder-body =
    { $name }：

    根据案件 { $number } 的人民调解协议，您应于 { $due } 前履行：{ $what }。尚需支付 { $remaining }。
    如已履行，请忽略本提醒，并告知调解员。

    { $centre }
ics-calendar-name = Accord 履行回访
ics-summary = { $kind } · { $number } · { $debtor }
ics-remaining = 尚需支付：{ $amount }
cli-followups-none = 截至 { $date } 没有待办的回访事项。
cli-followups-late = 已逾期 { $days } 天
cli-ics-written = 已将 { $count } 个回访事项写入 { $file }。
cli-outbox-no-smtp = 未设置发信服务器（在“用户”页面设置 SMTP，或设置 ACCORD_SMTP_URL）：{ $detail }
cli-outbox-report = 已发送 { $sent } 封；{ $retrying } 封稍后重试；{ $failed } 封无法投递。
nav-today = 今日待办
today-title = 今日待办 · { $date }
today-refresh = 刷新
today-review-title = 等待您审核的协议
today-review-empty = 没有等待审核的协议。
today-review-item = 案件 { $number } 第 { $version } 版：{ $by } 于 { $at } 提交
today-review-open = 审核
today-nothing = 今天没有到期或逾期的回访事项。
today-late = 已逾期 { $days } 天
today-remaining = 尚需支付：{ $amount }
today-handle = 处理
today-outcome-hint = 处理结果（如：电话督促，承诺本周内支付）
today-performed = 已履行
today-done = 完成
today-amount = 本次付款（元）
today-paid-on = 付款日期
today-evidence = 所见凭证
today-evidence-hint = 如：转账回单、收条
today-pay = 登记付款
today-completed = 已记录处理结果。
today-paid = 已登记付款 { $amount }，该期尚需支付 { $remaining }。
error-outcome-empty = 请写明处理结果。
outbox-title = 发件箱
outbox-empty = 发件箱是空的。
outbox-state-queued = 待发送
outbox-state-sent = 已发送
outbox-state-failed = 无法投递
outbox-state-cancelled = 已取消
outbox-retry = 已尝试 { $attempts } 次，{ $next } 重试：{ $error }
notify-summary = Accord：{ $count } 项回访事项到期
notify-more = 另有 { $count } 项
smtp-title = 发信设置（SMTP）
smtp-host = 服务器
smtp-port = 端口
smtp-security = 加密方式
smtp-security-starttls = STARTTLS（端口 587）
smtp-security-tls = TLS（端口 465）
smtp-security-none = 不加密（仅限本机转发）
smtp-user = 用户名
smtp-password = 密码
smtp-password-hint = 留空则不修改；加密保存
smtp-from = 发件人
smtp-save = 保存发信设置
smtp-saved = 发信设置已保存（密码已加密保存）。
notify-hide-names = 桌面通知中隐藏当事人姓名
error-smtp-port = 端口须为数字，如 587。
error-smtp-settings = 发信设置有误。
detail-performance = 协议履行情况
detail-paid = 已付清
detail-paid-part = 已付 { $paid } / 应付 { $due }
detail-installment = 第 { $n } 项第 { $k } 期
detail-obligation = 第 { $n } 项
detail-visit-date = 回访日期
detail-satisfaction = 当事人满意度
detail-visit-note = 回访记录
detail-close-after-visit = 记录回访并结案
reminder-days = 到期前提醒天数
reminder-days-save = 保存
reminder-days-saved = 今后定稿的协议将在到期前 { $days } 天提醒。
error-reminder-days = 提醒天数须为 0 至 60 之间的整数。

## 在不同数据库之间迁移数据（accord db …）
cli-db-migrated = { $backend } 数据库已是最新结构：已应用 { $count } 项迁移，最新为 { $latest }。
cli-db-encrypt-server = 数据库服务器自行加密其存储的数据：`accord db encrypt` 仅用于 SQLite 文件。
cli-db-encrypt-already = { $location } 已经加密。
cli-db-encrypt-no-accounts = 此数据库尚无可登录的账户，加密后将无人能打开：请先启动应用创建管理员。
cli-db-encrypted = { $location } 已加密。每个账户用自己的密码打开它；密钥槽位于 { $location }.keys（两者请放在一起）。
cli-db-copied = 已从 { $from } 复制 { $tables } 张表共 { $rows } 行到 { $to }；两侧每张表的行数与内容哈希一致。
error-copy-target-not-empty = 目标数据库不是空的（{ $table } 已有 { $rows } 行）。只能复制到新建的空数据库；未写入任何数据。
error-copy-mismatch = 复制后 { $table } 不一致（源库 { $source } 行，目标库 { $target } 行）。复制已撤销，未写入任何数据。

## 校验审计记录（accord audit verify）
cli-audit-intact = 共 { $count } 条审计记录，哈希链完整，链头 { $head }。
cli-audit-empty = 尚无审计记录，无需校验。
cli-audit-changed = 审计记录在编号 { $id } 的记录处断裂（{ $at }，{ $action }）：其内容与其哈希值不符。该记录写入后被改动过，或系伪造。
cli-audit-deleted = 审计记录在编号 { $id } 的记录处断裂（{ $at }，{ $action }）：它所链接的上一条记录不存在。此前有记录被删除，或其上一条记录被改写。
cli-audit-inserted = 审计记录在编号 { $id } 的记录处断裂（{ $at }，{ $action }）：它不在哈希链中，其后的真实记录越过它链接到前一条。该记录系事后插入。
cli-audit-intact-before = 此前校验无误的记录：{ $count } 条。

# 程序自身的错误（整修）：任务中断、密钥、邮件。
error-job-stopped = Accord 内部出错，您输入的内容均未丢失，请重试。
error-secret-key-file = 本机的密钥文件 { $path } 无法使用。
error-secret-unreadable = 已保存的口令无法在本机打开，请重新输入。
error-smtp-not-configured = 尚未设置发信服务器。
cli-verify-certificate = 证书 SHA-256：{ $fingerprint }
cli-verify-key-current = 该证书是本调解组织正在使用的签章证书。
cli-verify-key-retired = 该证书是本调解组织此前使用过的签章证书（{ $when } 登记）。
cli-verify-key-named = 该证书即 --trust 指定的证书（{ $file }）。
cli-verify-no-database = 仅依据 { $file } 核验：未与调解组织的数据库比对。
cli-verify-identical = 该文件与数据库中保存的案件 { $number } 第 { $version } 版盖章原件逐字节一致。
cli-verify-trust-unreadable = { $file }：无法读取证书文件。
cli-verify-trust-invalid = { $file } 中没有可用的证书：{ $reason }
cli-verify-no-centre-key = 数据库中没有本调解组织的签章密钥，无从核验印章。请用 --trust 文件 指定调解组织的证书。
cli-verify-unknown-case = 盖章文件标明的案件 { $number } 不在此数据库中。
cli-verify-not-final = 此数据库中案件 { $number } 没有已定稿的协议，该盖章文件不可能是其定稿协议。
cli-verify-signer-unregistered = 该文件所用的签章证书从未在此数据库中登记（SHA-256 { $fingerprint }）。
cli-verify-signer-mismatch = 内容为案件 { $number } 第 { $version } 版，但所用签章证书与保存的原件不同（SHA-256 { $fingerprint }）。
cli-verify-signed-after-retirement = 该文件的盖章时间为 { $signed }，所用的是本调解组织此前的签章证书；该证书已于 { $retired } 登记下一份证书时停用，此后调解组织不再以其盖章。
cli-seal-certificate-written = 已将 { $name } 的签章证书写入 { $file }。SHA-256：{ $fingerprint }
cli-seal-certificates-written = 已将本调解组织的 { $count } 份签章证书写入 { $file }，正在使用的排在最前。
cli-seal-no-key = 此数据库尚无签章密钥：首次盖章时会自动创建，也可在设置中创建或导入。
error-database-missing = { $location } 处没有数据库，未创建任何文件。请检查路径，或用 accord db migrate --db 新建数据库。
error-database-empty = { $location } 是一个空文件，不是 Accord 数据库，未向其写入任何内容。请检查路径，或用 accord db migrate --db 在此新建数据库。
error-database-locked = 另一个程序正在使用数据库 { $location } 并将其锁定，未作任何更改。请关闭该程序（另一个 Accord、备份或数据库工具）后重试。
error-database-locked-write = 另一个程序正在使用数据库并将其锁定，因此无法保存；未作任何更改，您输入的内容仍在。请关闭该程序后重试。
error-database-not-a-database = { $location } 不是 Accord 数据库（不是 SQLite 文件，或已损坏），未作任何更改。
error-database-read-only = 数据库 { $location } 是只读的：可以读取，但无法保存任何更改。请取得该文件的写入权限，或在副本上操作。
error-database-read-only-write = 数据库文件是只读的，无法保存任何更改，未作任何更改。请取得该文件的写入权限，或在副本上操作。
error-database-newer = 数据库 { $location } 由较新版本的 Accord 写入（结构版本 { $schema }），本版本最多识别到 { $known }。未向其写入任何内容，请安装较新版本的 Accord 后使用。
cli-db-read-only = 注意：{ $location } 是只读的，仅作读取；任何需要保存更改的操作都会被拒绝。
outbox-state-possibly-twice = 可能已发送两次
error-secret-key-file-malformed = 本机的密钥文件 { $path } 不是有效密钥（{ $length } 字节，密钥应恰为 32 字节），已原样保留。请从备份恢复，或将其移走后重新输入已保存的口令。
error-database-unreachable = 无法连接到数据库服务器 { $server }：服务器未运行、本机无法访问，或 4 秒内没有应答。请检查服务器是否在运行，以及本机能否通过网络访问它。
error-database-untrusted = { $server } 上的数据库服务器出示的证书并非连接中指定的机构（sslrootcert）所签发，可能不是本中心的服务器；未向其发送任何数据。请检查地址和证书文件。

## Backups (accord backup, accord restore, the daily backup)
error-backup-file = 无法写入 { $location }；没有留下写了一半的文件，也没有替换任何文件。请检查该文件夹是否存在、能否写入、空间是否足够。
error-backup-exists = { $location } 已经存在，备份从不覆盖已有文件。请指定一个新文件名。
error-backup-missing = { $location } 处没有备份。请检查路径。
error-backup-damaged = 备份 { $location } 已损坏，因此未使用，也没有替换任何文件。请改用另一份备份（备份文件夹中保留多份）。
error-backup-chain-broken = 备份 { $location } 中的审计记录在编号 { $event } 的记录处断裂（{ $kind ->
        [changed] 该记录写入后内容被改动过
        [deleted] 其前面的记录被删除过
       *[inserted] 该记录系事后插入
    }）。该备份被篡改过，因此未使用，也没有替换任何文件。请改用另一份备份。
cli-backup-written = 已将 { $backend } 数据库备份到 { $file }（{ $size }）。
cli-backup-sha256 = SHA-256：{ $sha256 }（同时写在旁边的 .sha256 文件中）
cli-backup-folder-set = 本机的备份今后保存到 { $folder }。
cli-backup-folder-unusable = 无法写入备份文件夹 { $folder }（磁盘是否已插好？），本次备份改存到 { $fallback }。
cli-backup-auto-failed = 未能完成每日备份：{ $reason }
cli-restore-checked = { $file } 完好：{ $cases } 件案件，审计记录完整（{ $events } 条，最新一条在 { $newest }）。
cli-restore-checked-unchained = { $file } 完好：{ $cases } 件案件，{ $events } 条审计记录（最新一条在 { $newest }）。该备份早于审计记录链接成链，因此无法核验审计记录。
cli-restore-done = 已恢复到 { $target }。被替换的数据库保留为 { $aside }：程序从不删除它，确认无误后可自行删除。
cli-restore-new = 已恢复到 { $target }；该处原本没有数据库，未替换任何文件。
cli-restore-postgres = accord restore 只能用备份替换 SQLite 文件。要把备份载入 PostgreSQL 数据库，请新建一个空数据库，然后运行 accord db copy --from 备份文件 --to postgres://…

## The room: ending asks first; saving from the keyboard
room-close-title = 结束本次调解？
room-close-body = 结束后本次调解不能再添加新记录，之后的修改只能作为更正另行记录；已保存的记录都会保留。尚未保存的输入将被清除。
room-close-confirm = 结束调解（Enter）
room-close-cancel = 继续调解（Esc）
room-record-share = 保存并允许转达（Ctrl+Enter）
room-newline-hint = Shift+Enter 换行
room-offer-text-placeholder = 补充说明（可不填）

## Leaving a screen with unsaved work asks first
leave-title = 有尚未保存的内容
leave-intake = 立案表中已填写的内容尚未保存。离开后这些内容将丢失。
leave-room = 记录框中有尚未保存的文字（可能包括为其他当事人暂存的文字）。离开调解室后这些文字将丢失。
leave-agreement = 协议草稿的修改尚未保存。离开后这些修改将丢失。
leave-users = 新用户表单或邮件密码中已填写的内容尚未保存。离开后这些内容将丢失。
leave-stay = 留下继续编辑（Esc）
leave-discard = 放弃并离开（Ctrl+D）
room-earlier = 此前调解的记录
today-coming = 今后 { $days } 天
today-coming-nothing = 今后两周没有到期事项。

## The command palette (Ctrl+K) and its lines
palette-title = 命令（Ctrl+K）
palette-hint = 输入文字筛选；↑↓ 选择，Enter 执行，Esc 关闭
palette-empty = 没有符合的命令。
palette-count = 共 { $count } 条
cmd-open-case = 打开案件 { $number }（{ $names }）
cmd-party-role = 当事人 { $n } 的身份：{ $role }
cmd-party-kind = 当事人 { $n } 的类型：{ $kind }
cmd-allow-share = 允许转达：{ $what }
cmd-disallow-share = 取消允许转达：{ $what }
cmd-convey = 标记为已转达：{ $name } 的 { $what }
cmd-review = 审核案件 { $number } 的协议（第 { $version } 版）
cmd-handle = 处理：{ $number } { $what }（{ $when }）
cmd-language = 界面语言
room-to-agreement = 起草调解协议
login-picked = 已选择：{ $name }（↑↓ 键可换人，Tab 到密码框）
login-pick-hint = 请选择您的名字（↑↓ 键选择，Tab 到密码框）
detail-payment-recorded = 付款已登记。
room-mediator = 调解员
leave-case = 回访记录或付款登记中已填写的内容尚未保存。离开后这些内容将丢失。
