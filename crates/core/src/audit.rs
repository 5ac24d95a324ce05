//! What the audit log records. Every change a user makes writes one event
//! (who, what, when) in the same transaction as the change.

crate::choice! {
    /// The kind of change an audit event records.
    pub enum AuditAction {
        CaseCreated => "case_created", "audit-case-created";
        CaseStatus => "case_status", "audit-case-status";
        PartyAdded => "party_added", "audit-party-added";
        UserCreated => "user_created", "audit-user-created";
    }
}
