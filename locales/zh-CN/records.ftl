## 案卷中的人民调解文书（参照司法部人民调解文书格式）：申请书或受理登记表、权利义务告知书、调查记录、调解记录、回访记录、结案报告、口头调解协议登记表

## 各文书通用
records-number = 案号：{ $number }
records-translation-note = 本文为中文文书的译本；两者不一致的，以中文文本为准。
records-name-separator = 、
records-matter = { $applicants }与{ $respondents }之间的{ $category }
records-blank-line = ＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿
records-blank-name = ＿＿＿＿＿＿
records-box-ticked = ■{ $label }
records-box-empty = □{ $label }
records-box-next = { $row }　　{ $next }
records-format-datetime = %Y年%-m月%-d日%H时%M分
records-format-time = %H:%M
records-category = 纠纷类别：
records-received = 受理日期：
records-receiver = 受理人：
records-committee = 调解组织：
records-recorder = 记录人：
records-summary-heading = 纠纷简要情况
records-sign-party = 当事人（签名/按指印）
records-seal = { $committee }（盖章）
records-sign-registrar = 登记人（签名）

## 人民调解申请书（当事人申请调解的案件）
records-application-title = 人民调解申请书
records-application-request = 申请事项
records-request-claimed = { $issue }，请求金额{ $amount }
records-application-declaration = 人民调解委员会已将申请人民调解的相关规定告知申请人。申请人自愿申请{ $committee }进行调解。
records-application-office = 以下由人民调解委员会填写

## 人民调解受理登记表（人民调解委员会主动调解、有关单位移送或者委托调解的案件）
records-registration-title = 人民调解受理登记表
records-registration-request = 当事人请求
records-source = 纠纷来源：
records-source-application = 当事人申请
records-source-own = 人民调解委员会主动调解
records-source-transferred = { $body }移送
records-source-entrusted = { $body }委托调解
records-registration-consent = 经{ $committee }征询，当事人同意接受人民调解。

## 人民调解权利义务告知书（《中华人民共和国人民调解法》第二十三条、第二十四条）
records-notice-title = 人民调解权利义务告知书
records-notice-to = { $name }：
records-notice-intro = { $committee }已受理{ $matter }。人民调解委员会是依法设立的调解民间纠纷的群众性组织，在当事人自愿、平等的基础上进行调解，不违背法律、法规和国家政策，尊重当事人的权利；调解民间纠纷不收取任何费用。依照《中华人民共和国人民调解法》第二十三条、第二十四条的规定，现将您在人民调解活动中享有的权利和承担的义务告知如下：
records-notice-rights = 一、您享有以下权利
records-right-mediator = 选择或者接受人民调解员；
records-right-accept = 接受调解、拒绝调解或者要求终止调解；
records-right-public = 要求调解公开进行或者不公开进行；
records-right-will = 自主表达意愿、自愿达成调解协议。
records-notice-duties = 二、您承担以下义务
records-duty-truth = 如实陈述纠纷事实；
records-duty-order = 遵守调解现场秩序，尊重人民调解员；
records-duty-respect = 尊重对方当事人行使权利。
records-notice-other-ways = 人民调解不妨碍您依法通过仲裁、行政、司法等途径维护自己的权利。经人民调解委员会调解达成的调解协议具有法律约束力，当事人应当按照约定履行。
records-notice-acknowledge = 以上告知内容本人已阅读（或已听取告知），清楚在人民调解活动中享有的权利和承担的义务。

## 人民调解调查记录
records-investigation-title = 人民调解调查记录
records-investigation-when = 调查时间：
records-investigation-place = 调查地点：
records-investigation-staff = 调查人：
records-investigation-persons = 被调查人（在场人）：
records-investigation-matter = 事由：
records-investigation-findings = 调查情况
records-investigation-read = 以上记录已交被调查人阅看（或已向其宣读），被调查人确认与其陈述一致。
records-sign-interviewed = 被调查人（签名/按指印）
records-sign-investigator = 调查人（签名）

## 人民调解记录：仅记载可以向各方公开的内容
records-mediation-title = 人民调解记录
records-mediation-dates = 调解时间：
records-mediation-place = 调解地点：
records-mediation-mediators = 人民调解员：
records-mediation-others = 其他参加人：
records-mediation-scope-lead = 记载范围：
records-mediation-scope = 本记录仅载明各方当事人在共同会谈中的陈述、当事人同意向对方转达的内容以及人民调解员向各方当事人所作的发言。背对背会谈中当事人未同意公开的内容和人民调解员的工作笔记，依照保密要求不予记载。
records-mediation-nothing = （本次调解没有可以记载的公开内容。）
records-mediation-day = { $date }调解情况
records-speaker-mediator = 人民调解员{ $name }：
records-speaker-party = { $role }{ $name }：
records-speaker-unknown = 其他参加人：
records-entry = { $time }　{ $text }
records-kind-position = 主张：{ $text }
records-kind-interest = 关切：{ $text }
records-kind-alternative = 调解不成时的打算：{ $text }
records-kind-offer = 提出方案：{ $text }
records-offer = （方案：{ $offer }）
records-correction = （更正）{ $text }
records-mediation-read = 以上记录已经各方当事人阅看（或已向其宣读），确认无误。

## 人民调解回访记录
records-visit-title = 人民调解回访记录
records-visit-agreement = 调解协议：
records-visit-agreement-value = { $number }（{ $date }签订）
records-visit-date = 回访日期：
records-visit-way = 回访方式：
records-visit-visited = 回访对象：
records-visit-visitor = 回访人：
records-visit-performance = 协议履行情况
records-visit-satisfaction = 当事人满意程度
records-visit-opinions = 当事人意见
records-sign-visited = 被回访人（签名）
records-sign-visitor = 回访人（签名）
visit-way-in-person = 上门回访
visit-way-phone = 电话回访

## 人民调解结案报告
records-closing-title = 人民调解结案报告
records-closing-accepted = 受理日期：
records-closing-closed = 结案日期：
records-closing-closed-value = { $date }（历时{ $days }日）
records-closing-result = 调解结果：
records-result-written = 达成书面调解协议
records-result-oral = 达成口头调解协议
records-result-not-settled = 调解不成
records-result-transferred = 转办
records-result-transferred-to = 转办（{ $body }）
records-closing-agreement = 协议编号：
records-closing-claimed = 涉及金额：
records-closing-agreed = 协议金额：
records-closing-no-amount = 无
records-closing-summary = 调解经过及结果

## 口头调解协议登记表（《中华人民共和国人民调解法》第二十八条、第三十条）
records-oral-title = 口头调解协议登记表
records-oral-content = 口头协议内容
records-oral-performance = 履行情况：
records-oral-mediator = 人民调解员：
records-oral-registrar = 登记人：
records-oral-registered = 登记日期：
records-oral-confirm = 以上协议系各方当事人在人民调解员主持下自愿达成的口头调解协议，已向各方当事人宣读，各方确认无误。依照《中华人民共和国人民调解法》第三十条的规定，口头调解协议自各方当事人达成协议之日起生效。
