# 谁可以做什么：由数据库层把关（角色从用户表读取），窗口只是照做并说明原因。

error-own-version = 这一版是您起草的：须由另一位法律顾问批准或退回（双人把关）。未作任何更改。
error-agreement-unsigned = 以下签名人尚未签名，不能定稿：{ $names }。请在签名板上签名，或标记为“纸面签名”。
agreement-review-own-version = 这一版是您起草的，须由另一位法律顾问批准或退回（双人把关）。
users-add-admin-only = 只有管理员可以添加用户。
seal-admin-only = 只有管理员可以生成或导入防篡改校验章密钥。首次签章时，如尚无密钥，会自动生成。
smtp-admin-only = 只有管理员可以修改发信设置。
audit-mail-settings-changed = 修改发信设置
