//! What the audit log records. Every change a user makes writes one event
//! (who, what, when) in the same transaction as the change.

crate::choice! {
    /// The kind of change an audit event records.
    pub enum AuditAction {
        CaseCreated => "case-created", "audit-case-created";
        CaseStatus => "case-status", "audit-case-status";
        PartyAdded => "party-added", "audit-party-added";
        UserCreated => "user-created", "audit-user-created";
    }
}
