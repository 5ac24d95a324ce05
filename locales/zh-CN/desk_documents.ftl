## 中心工作台打印的文书：司法确认申请书、申请材料封面、矛盾纠纷转办单

## 司法确认申请书（《中华人民共和国民事诉讼法》第二百零五条；《最高人民法院关于人民调解协议司法确认程序的若干规定》）
jc-doc-title = 司法确认申请书
jc-doc-translation-note = 本文为中文司法确认申请书的译本；向人民法院提交的是中文文本，两者不一致的，以中文文本为准。
jc-doc-to = 致：
jc-doc-request-heading = 请求事项
jc-doc-request = 请求依法确认申请人于{ $date }经{ $committee }主持调解达成的《人民调解协议书》（编号{ $number }）有效。
jc-doc-terms-intro = 该调解协议的主要内容如下：
jc-doc-facts-heading = 事实和理由
jc-doc-facts = 申请人之间的纠纷（纠纷类别：{ $category }）由{ $committee }于{ $received }受理调解。经该委员会主持调解，申请人于{ $date }在平等协商、互谅互让的基础上自愿达成上述调解协议。该协议是申请人的真实意思表示，内容不违反法律、行政法规的强制性规定，不违背公序良俗。依照《中华人民共和国人民调解法》第三十三条、《中华人民共和国民事诉讼法》第二百零五条及《最高人民法院关于人民调解协议司法确认程序的若干规定》的规定，申请人自调解协议生效之日起三十日内（截至{ $deadline }）共同提出本申请。
jc-doc-court-heading = 管辖依据
jc-doc-court-basis = 贵院为{ $basis }。依照《中华人民共和国民事诉讼法》第二百零五条第（二）项的规定，贵院对本申请有管辖权。
jc-doc-enclosures-heading = 附：提交材料
jc-doc-enclosure-agreement = 人民调解协议书
jc-doc-enclosure-identity = 申请人身份证明
jc-doc-enclosure-identity-organisation = 申请人身份证明（法人或者其他组织另附营业执照或者登记证书复印件，以及法定代表人或者主要负责人身份证明书）
jc-doc-enclosure-property = 与纠纷有关的财产权利证明
jc-doc-enclosure-service = 送达地址确认书（含联系电话）
jc-doc-enclosure-power = 授权委托书
jc-doc-enclosure-guardian = 法定代理人身份证明及监护关系证明
jc-doc-undertaking-lead = 申请人承诺：
jc-doc-undertaking = 本调解协议系申请人自愿达成，不存在欺诈、胁迫、恶意串通等情形，不损害国家利益、社会公共利益和他人合法权益；申请人提交的材料真实、合法。如有虚假，申请人愿意承担相应的法律责任。

## 司法确认申请材料封面（每位申请人一份）
jc-doc-cover-title = 司法确认申请材料
jc-doc-cover-court = 受理法院：
jc-doc-cover-committee = 调解组织：
jc-doc-cover-case = 调解案号：
jc-doc-cover-agreement = 协议编号：
jc-doc-cover-party = 申请人：
jc-doc-cover-checklist = 材料清单（请核对份数、页数）
jc-doc-cover-item = { $item }{ $pad }＿＿份　共＿＿页
jc-doc-cover-receipt = 以上材料本人已核对无误并签收。
jc-doc-cover-sign = 申请人（签收）
jc-doc-cover-prepared = { $committee }制作

## 矛盾纠纷转办单（附反馈回执）
transfer-doc-title = 矛盾纠纷转办单
transfer-doc-number = 编号：{ $number }
transfer-doc-to = 接收单位：
transfer-doc-from = 转办单位：
transfer-doc-body = { $name }（{ $kind }）
transfer-doc-case = 案号：
transfer-doc-category = 纠纷类别：
transfer-doc-received = 受理日期：
transfer-doc-parties = 当事人
transfer-doc-party = { $name }，联系电话：{ $phone }
transfer-doc-summary = 纠纷简要情况
transfer-doc-done = 本委员会已开展的工作
transfer-doc-reason = 转办理由
transfer-doc-request-heading = 转办意见
transfer-doc-request = 现将该纠纷转请贵单位依法处理。请于{ $due }前填写下方反馈回执，将受理及办理情况反馈{ $committee }。
transfer-doc-seal = { $committee }（盖章）
transfer-doc-handler = 经办人：{ $name }
transfer-doc-cut = - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - 请沿此线剪下 - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - - -
transfer-doc-receipt-title = 反馈回执（请于{ $due }前反馈）
transfer-doc-receipt-to = { $committee }：
transfer-doc-receipt-intro = 贵委员会转来的{ $case }号纠纷（转办单编号：{ $number }；当事人：{ $parties }）已收悉。办理情况如下：
transfer-doc-receipt-decision = 接收单位意见：□ 受理　　□ 不予受理，理由：＿＿＿＿＿＿＿＿＿＿＿
transfer-doc-receipt-result = 办理结果：
transfer-doc-receipt-blank = ＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿
transfer-doc-receipt-handler = 经办人（签名）
transfer-doc-receipt-phone = 联系电话：＿＿＿＿＿＿＿＿＿
transfer-doc-receipt-seal = 接收单位（盖章）
transfer-doc-name-separator = 、

jc-doc-file = 司法确认申请书
jc-doc-cover-file = 申请材料封面
transfer-doc-file = 转办单
transfer-doc-number-pattern = 转字〔{ $number }〕{ $n }号
