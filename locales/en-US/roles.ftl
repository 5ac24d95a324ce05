# Who may do what: checked by the store (the role is read from the users table); the window follows and says why.

error-own-version = You wrote this version: another legal advisor must approve or return it (four eyes). Nothing was changed.
error-agreement-unsigned = Not signed yet, so the agreement cannot be finalised: { $names }. Sign on the pad, or mark them as signing on paper.
agreement-review-own-version = You wrote this version, so another legal advisor must approve or return it (four eyes).
users-add-admin-only = Only an administrator adds users.
seal-admin-only = Only an administrator creates or imports the seal key. If there is none when something is first sealed, one is made then.
smtp-admin-only = Only an administrator changes the mail settings.
audit-mail-settings-changed = Mail settings changed
