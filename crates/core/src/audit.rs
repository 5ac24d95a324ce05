//! What the audit log records. Every change a user makes writes one event
//! (who, what, when) in the same transaction as the change.

crate::choice! {
    /// The kind of change an audit event records.
    pub enum AuditAction {
        CaseCreated => "case_created", "audit-case-created";
        CaseStatus => "case_status", "audit-case-status";
        PartyAdded => "party_added", "audit-party-added";
        UserCreated => "user_created", "audit-user-created";
        CentreDetailsChanged => "centre_details_changed", "audit-centre-details-changed";
        PasswordSet => "password_set", "audit-password-set";
        SessionStarted => "session_started", "audit-session-started";
        CaseTaken => "case_taken", "audit-case-taken";
        SessionStage => "session_stage", "audit-session-stage";
        ConsentRecorded => "consent_recorded", "audit-consent-recorded";
        PartySwitched => "party_switched", "audit-party-switched";
        ChecklistTicked => "checklist_ticked", "audit-checklist-ticked";
        ItemRecorded => "item_recorded", "audit-item-recorded";
        ItemEdited => "item_edited", "audit-item-edited";
        DisclosureChanged => "disclosure_changed", "audit-disclosure-changed";
        SessionClosed => "session_closed", "audit-session-closed";
        AgreementDrafted => "agreement_drafted", "audit-agreement-drafted";
        AgreementSubmitted => "agreement_submitted", "audit-agreement-submitted";
        AgreementApproved => "agreement_approved", "audit-agreement-approved";
        AgreementReturned => "agreement_returned", "audit-agreement-returned";
        AgreementFinalised => "agreement_finalised", "audit-agreement-finalised";
        AgreementSigned => "agreement_signed", "audit-agreement-signed";
        AgreementSealed => "agreement_sealed", "audit-agreement-sealed";
        AgreementPrinted => "agreement_printed", "audit-agreement-printed";
        AgreementSupplemented => "agreement_supplemented", "audit-agreement-supplemented";
        AgreementRescinded => "agreement_rescinded", "audit-agreement-rescinded";
        CentreKeyCreated => "centre_key_created", "audit-centre-key-created";
        CentreKeyImported => "centre_key_imported", "audit-centre-key-imported";
        CentreKeySealed => "centre_key_sealed", "audit-centre-key-sealed";
        FollowUpDone => "follow_up_done", "audit-follow-up-done";
        PaymentRecorded => "payment_recorded", "audit-payment-recorded";
        ReturnVisit => "return_visit", "audit-return-visit";
        MailSettingsChanged => "mail_settings_changed", "audit-mail-settings-changed";
        RosterChanged => "roster_changed", "audit-roster-changed";
        MediatorAssigned => "mediator_assigned", "audit-mediator-assigned";
        AssignmentEnded => "assignment_ended", "audit-assignment-ended";
        RecusalRequested => "recusal_requested", "audit-recusal-requested";
        RecusalDecided => "recusal_decided", "audit-recusal-decided";
        TimeLimitExtended => "time_limit_extended", "audit-time-limit-extended";
        TimeLimitSet => "time_limit_set", "audit-time-limit-set";
        CaseHandedOver => "case_handed_over", "audit-case-handed-over";
        CaseRouted => "case_routed", "audit-case-routed";
        RoutingFeedback => "routing_feedback", "audit-routing-feedback";
        JcPrepared => "jc_prepared", "audit-jc-prepared";
        JcFiled => "jc_filed", "audit-jc-filed";
        JcRuled => "jc_ruled", "audit-jc-ruled";
        OralAgreementRecorded => "oral_agreement_recorded", "audit-oral-agreement-recorded";
        CaseClassified => "case_classified", "audit-case-classified";
        RiskCleared => "risk_cleared", "audit-risk-cleared";
        InvestigationRecorded => "investigation_recorded", "audit-investigation-recorded";
        AttachmentAdded => "attachment_added", "audit-attachment-added";

    }
}
