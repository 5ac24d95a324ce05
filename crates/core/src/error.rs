//! Typed validation errors. Each maps to a Fluent message id (and its
//! arguments) so the app can show it translated next to the field.

use serde::Serialize;

/// Why a value the user typed (or a change they asked for) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum ValidationError {
    #[error("a name is required")]
    NameEmpty,
    #[error("the text is longer than {max} characters")]
    TooLong { max: usize },
    #[error("a resident ID number has 18 characters")]
    IdLength,
    #[error("a resident ID number has 17 digits and a digit or X")]
    IdFormat,
    #[error("the birth date inside the ID number is not a real date")]
    IdBirthDate,
    #[error("the check character of the ID number does not match")]
    IdCheckCharacter,
    #[error("the first six digits of the ID number name no administrative division")]
    IdRegion,
    #[error("the birth date inside the ID number is after today")]
    IdBirthFuture,
    #[error("the unified social credit code is not valid")]
    CreditCode,
    #[error("the phone number is not valid")]
    Phone,
    #[error("the email address is not valid")]
    Email,
    #[error("a summary of the dispute is required")]
    SummaryEmpty,
    #[error("a case needs at least one applicant")]
    NoApplicant,
    #[error("a case needs at least one respondent")]
    NoRespondent,
    #[error("a case number looks like 2025-0001")]
    CaseNumber,
    #[error("the amount is not valid")]
    Amount,
    #[error("the date and time are not valid")]
    DateTime,
    #[error("write something or enter an amount")]
    ItemEmpty,
    /// "Save signature" with nothing drawn on the pad.
    #[error("nothing was drawn on the signature pad")]
    SignatureEmpty,
    /// A payment larger than what remains of the instalment.
    #[error("the payment is more than what remains")]
    PaymentTooLarge,
    /// The case is closed after performance only.
    #[error("not everything is paid yet")]
    NotFullyPaid,
    /// A login name that is not 2-32 plain letters, digits, `.`, `_`, `-`.
    #[error("a login name is 2 to 32 letters a-z, digits, dots, dashes or underscores")]
    Login,
    /// A password shorter than the minimum.
    #[error("a password has at least {min} characters")]
    PasswordShort { min: usize },
    /// A supplementary agreement or rescission with no words.
    #[error("write what the parties agreed")]
    AmendmentEmpty,
    /// A day that has not come yet where one that has is asked for.
    #[error("the date is in the future")]
    DateInFuture,
    /// A later due date without its reason.
    #[error("an extension needs its reason")]
    ExtensionNoReason,
    /// A later due date without every party's consent.
    #[error("an extension needs every party's consent")]
    ExtensionNoConsent,
    /// An "extension" to a date not after the due date.
    #[error("an extension moves the due date later")]
    ExtensionNotLater,

    /// A roster entry without its type.
    #[error("choose what kind of mediator this is")]
    MediatorTypeMissing,
    /// A decision, a handover or a transfer without its reason.
    #[error("write the reason")]
    ReasonEmpty,
    /// Assigning a mediator the conflict check found tied to a party,
    /// without a written reason.
    #[error("the conflict check found a tie to a party: write why this mediator may still mediate")]
    ConflictUnexplained,
    /// Closing a transferred case before the receiving body answered.
    #[error("the receiving body has not answered yet")]
    FeedbackPending,
    /// A file that is not a JPEG, PNG or PDF.
    #[error("attach a JPEG, PNG or PDF file")]
    AttachmentType,
    /// A count of persons below one.
    #[error("the number of persons is at least 1")]
    PersonsCount,
    /// An oral agreement, a transfer or a result with no words.
    #[error("write what was agreed or done")]
    ContentEmpty,
    /// A mediator assigned to a case already.
    #[error("this mediator is assigned already")]
    AssignedAlready,
    /// Who asks for a mediator's withdrawal must be a party of the case.
    #[error("a withdrawal is asked for by a party of the case")]
    NotAParty,
    /// A decision on a request that was decided already.
    #[error("this was decided already")]
    DecidedAlready,

    #[error("a case cannot go from {from} to {to}")]
    IllegalTransition {
        from: &'static str,
        to: &'static str,
    },
}

impl ValidationError {
    /// The Fluent message id for this error.
    pub fn key(&self) -> &'static str {
        match self {
            Self::NameEmpty => "error-name-empty",
            Self::TooLong { .. } => "error-too-long",
            Self::IdLength => "error-id-length",
            Self::IdFormat => "error-id-format",
            Self::IdBirthDate => "error-id-birth-date",
            Self::IdRegion => "error-id-region",
            Self::IdBirthFuture => "error-id-birth-future",
            Self::IdCheckCharacter => "error-id-check",
            Self::CreditCode => "error-credit-code",
            Self::Phone => "error-phone",
            Self::Email => "error-email",
            Self::SummaryEmpty => "error-summary-empty",
            Self::NoApplicant => "error-no-applicant",
            Self::NoRespondent => "error-no-respondent",
            Self::CaseNumber => "error-case-number",
            Self::Amount => "error-amount",
            Self::DateTime => "error-received-at",
            Self::ItemEmpty => "error-item-empty",
            Self::SignatureEmpty => "error-signature-empty",
            Self::PaymentTooLarge => "error-payment-too-large",
            Self::NotFullyPaid => "error-not-fully-paid",
            Self::AmendmentEmpty => "error-amendment-empty",
            Self::Login => "error-login",
            Self::PasswordShort { .. } => "error-password-short",
            Self::DateInFuture => "error-date-in-future",
            Self::ExtensionNoReason => "error-extension-no-reason",
            Self::ExtensionNoConsent => "error-extension-no-consent",
            Self::ExtensionNotLater => "error-extension-not-later",
            Self::MediatorTypeMissing => "error-mediator-type-missing",
            Self::ReasonEmpty => "error-reason-empty",
            Self::ConflictUnexplained => "error-conflict-unexplained",
            Self::FeedbackPending => "error-feedback-pending",
            Self::PersonsCount => "error-persons-count",
            Self::AttachmentType => "error-attachment-type",
            Self::ContentEmpty => "error-content-empty",
            Self::AssignedAlready => "error-assigned-already",
            Self::NotAParty => "error-not-a-party",
            Self::DecidedAlready => "error-decided-already",

            Self::IllegalTransition { .. } => "error-illegal-transition",
        }
    }

    /// Fluent arguments of the message. Status arguments are status codes;
    /// the app translates them before formatting.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::TooLong { max } => vec![("max", max.to_string())],
            Self::PasswordShort { min } => vec![("min", min.to_string())],
            Self::IllegalTransition { from, to } => {
                vec![("from", (*from).to_owned()), ("to", (*to).to_owned())]
            }
            _ => Vec::new(),
        }
    }
}

/// Which field of a party in the intake form an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PartyField {
    Name,
    IdNumber,
    Phone,
    Address,
    Email,
    AgentName,
    AgentPhone,
    AgentAuthority,
    Ethnicity,
    Occupation,
    Representative,
}

/// Which field of the intake form an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Field {
    Summary,
    /// When the case was received.
    ReceivedAt,
    /// The list of parties as a whole (e.g. no applicant).
    Parties,
    /// One field of the party at this position in the form.
    Party(usize, PartyField),
    /// A disputed issue at this position.
    Issue(usize),
}

/// An error attached to the field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub error: ValidationError,
}

/// All errors of one form; the form shows each next to its field.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, thiserror::Error)]
#[error("{} field(s) are not valid", .0.len())]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, field: Field, error: ValidationError) {
        self.0.push(FieldError { field, error });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error for a field, if any.
    pub fn for_field(&self, field: Field) -> Option<&ValidationError> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.error)
    }

    /// Turns a collected list into a result.
    pub fn into_result(self) -> Result<(), Self> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}
