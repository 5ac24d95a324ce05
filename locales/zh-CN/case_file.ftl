## 人民调解卷宗：案卷封面、卷内目录、卷内备考表，以及每页的卷宗页号

case-file-title = 人民调解卷宗
# PDF 文件的标题（元数据）
case-file-doc-title = 人民调解卷宗 { $number }
case-file-cover = 封面
case-file-number = 卷宗号：
case-file-case-name = 案由：
case-file-parties = 当事人：
case-file-list-separator = 、
case-file-mediator = 调解员：
case-file-accepted = 受理日期：
case-file-closed = 结案日期：
case-file-result = 调解结果：
case-file-retention = 保管期限：
case-file-compiled-by = 立卷人：
case-file-compiled-on = 立卷日期：
case-file-contents = 卷内目录
case-file-contents-number = 序号
case-file-contents-title = 文件名称
case-file-contents-page = 页号
case-file-back = 卷内备考表
case-file-total = 本卷共 { $pages } 页。
# 每页右上角的卷宗页号
case-file-page-stamp = { $page }
case-file-checked-by = 检查人：
case-file-remarks = 说明：
