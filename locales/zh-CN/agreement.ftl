# 调解协议书：模板文字（法律顾问可在此修改措辞）

jurisdiction-prc = 人民调解协议书（中华人民共和国人民调解法）
jurisdiction-generic-english = 英文和解协议（通用）
obligation-kind-payment = 给付金钱
obligation-kind-act = 履行行为

## 完整性检查
missing-id-number = 缺少 { $party } 的身份证号码或统一社会信用代码。
missing-address = 缺少 { $party } 的住址。
missing-facts = 缺少纠纷的主要事实、争议事项及各方责任。
missing-terms = 尚未写明达成的协议内容。
missing-deadline = 第 { $n } 项义务缺少履行期限。
missing-amount = 第 { $n } 项给付义务缺少金额。
missing-installment-sum = 第 { $n } 项义务的分期金额之和与总额不一致。
missing-debtor = 第 { $n } 项义务的履行人不是本案当事人。
missing-mediator = 缺少调解员签名栏。
missing-recorder = 缺少记录人签名栏。

## 按纠纷类别的默认条款
clause-neighbour-repair = 被申请人应于约定期限内自行维修漏水管道，消除漏水隐患，维修费用由被申请人承担。
clause-neighbour-compensation = 被申请人应按本协议约定的金额和期限赔偿申请人的财产损失。
clause-neighbour-goodwill = 双方本着互谅互让、和睦相处的原则，今后互相尊重、友好相处，不再因本纠纷发生争执。
clause-property-fees = 业主应按本协议约定的金额和期限缴纳所欠物业服务费，物业服务企业相应减免滞纳金。
clause-property-service = 物业服务企业应按照物业服务合同改进服务，并在约定期限内完成整改。
clause-contract-performance = 双方应按本协议约定的方式和期限继续履行或解除合同，并结清相关款项。
clause-finance-repayment = 借款人应按本协议约定的金额、方式和期限分期偿还欠款。
clause-family-arrangement = 双方就赡养、抚养及财产事宜达成的安排，应本着家庭和睦的原则诚信履行。
clause-labour-wages = 用人单位应按本协议约定的金额和期限支付所欠劳动报酬。

## 人民调解协议书的固定条款
clause-prc-effect = 本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。
clause-prc-judicial-confirmation = 本协议生效后，双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。
clause-prc-performance-supervision = 当事人应当按照约定履行义务。人民调解委员会对本协议的履行情况进行监督。
clause-prc-copies = 本协议一式{ $copies }份，当事人各执一份，人民调解委员会留存一份。

## 英文协议的固定条款（中文译文）
clause-en-binding = 本和解协议具有约束力并可强制执行。各方同意受其法律约束，本协议不可撤销。
clause-en-default = 任何一期款项未按期足额支付的，全部未付余额立即到期，债权人可向法院申请强制执行本协议。
clause-en-entire = 本协议构成各方就调解事项达成的完整协议，了结由此产生的全部请求。
clause-en-copies = 本协议签署正本{ $copies }份，各方各执一份，调解中心留存一份。

## 协议书正文
doc-title-prc = 人民调解协议书
doc-title-en = 和解协议
doc-number = 编号：{ $number }
doc-format-date = %Y年%-m月%-d日
doc-amount = { $words }（{ $figures }）
doc-parties = 当事人
doc-party-role = { $role }：
doc-separator = ，
doc-list-separator = ；
doc-sex-male = 男
doc-sex-female = 女
doc-born = { $date }出生
doc-id-number = 身份证号码：{ $id }
doc-credit-code = 统一社会信用代码：{ $id }
doc-address = 住址：{ $address }
doc-phone = 联系电话：{ $phone }
doc-agent = 委托代理人：{ $name }
doc-facts = 纠纷主要事实、争议事项及各方责任
doc-terms = 经调解，各方当事人自愿达成如下协议
doc-obligation-act = { $debtor }应于{ $due }前{ $what }。
doc-obligation-payment = { $debtor }应于{ $due }前向{ $creditor }支付{ $what }{ $amount }，支付方式：{ $method }。
doc-obligation-installments = { $debtor }应向{ $creditor }支付{ $what }共计{ $amount }，分{ $count }期支付：{ $installments }。支付方式：{ $method }。
doc-installment = 第{ $n }期于{ $due }前支付{ $amount }
doc-sign-party = { $role }（签名/按指印）
doc-sign-mediator = 人民调解员（签名）
doc-sign-recorder = 记录人（签名）
doc-sign-witness = 见证人（签名）
doc-committee-seal = 人民调解委员会（盖章）
doc-date-line = 　　　　年　　月　　日

## 审核状态
agreement-status-draft = 草稿
agreement-status-in-review = 待审核
agreement-status-returned = 已退回修改
agreement-status-approved = 已审核通过
agreement-status-final = 已定稿
doc-original = 正本 { $n }/{ $of }
doc-footer = 第 {"{"}page{"}"} 页 共 {"{"}pages{"}"} 页
doc-fingerprint = 按指印处
doc-qr-caption = 扫码核验

## 操作记录（协议）
audit-agreement-drafted = 保存协议草稿
audit-agreement-submitted = 提交法律顾问审核
audit-agreement-approved = 审核通过
audit-agreement-returned = 退回修改
audit-agreement-finalised = 协议定稿
error-agreement-incomplete = 协议尚不完整，不能定稿。
error-agreement-status = 协议当前为“{ $status }”，不能进行此操作。
audit-agreement-signed = 协议签名
audit-agreement-sealed = 协议加盖电子印章
audit-agreement-printed = 协议打印
audit-centre-key-created = 生成调解委员会电子印章密钥
audit-centre-key-imported = 导入调解委员会电子印章证书
signatory-party = 当事人
signatory-mediator = 调解员
signatory-recorder = 记录人
signatory-witness = 见证人
sign-method-pad = 已在签名板签名
sign-method-paper = 纸面签名
error-signature-empty = 签名板上还没有签名。请签名人签名，或选择“纸面签名”。
centre-default-name = 人民调解委员会
seal-reason = 人民调解协议书定稿
error-agreement-not-final = 协议尚未定稿：须经审核批准并定稿后，方可加盖电子印章并交付当事人。
error-missing-glyphs = 文中有文书字体无法打印的字：{ $chars }。请改用其他写法（如常用异体字）。
error-pdf = 无法生成文书：{ $detail }
error-file = 无法写入文件 { $path }：{ $detail }
error-print = 打印失败：{ $detail }
demo-centre-name = 青山区青山路街道人民调解委员会
demo-advisor-name = 周敏（法律顾问）
demo-review-comment = 已核对协议条款、履行期限及司法确认告知，同意。
