## The mediation case file: cover, table of contents, back cover (notes
## on the file), and the archive number stamped on every page

case-file-title = Mediation Case File
# The PDF's title (metadata)
case-file-doc-title = Mediation Case File { $number }
case-file-cover = Cover
case-file-number = File number:
case-file-case-name = Dispute:
case-file-parties = Parties:
case-file-list-separator = ,{" "}
case-file-mediator = Mediator:
case-file-accepted = Accepted on:
case-file-closed = Closed on:
case-file-result = Outcome:
case-file-retention = Retention:
case-file-compiled-by = Compiled by:
case-file-compiled-on = Compiled on:
case-file-contents = Contents
case-file-contents-number = No.
case-file-contents-title = Document
case-file-contents-page = Page
case-file-back = Notes on the File
case-file-total = This file has { $pages } pages.
# The archive number in the top right corner of every page
case-file-page-stamp = { $page }
case-file-checked-by = Checked by:
case-file-remarks = Remarks:
