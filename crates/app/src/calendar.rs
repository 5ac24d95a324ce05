//! Follow-ups as an iCalendar file (RFC 5545): one all-day event per
//! follow-up with a stable UID, so importing a newer export updates the
//! events instead of adding copies; a reminder carries an alarm.

use accord_core::{
    Choice,
    followup::{FollowUpKind, FollowUpState},
};
use accord_i18n::Translations;
use accord_store::FollowUp;
use chrono::{DateTime, Days, Utc};

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character
/// (RFC 5545 §3.1), with CRLF endings.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

/// The stable UID of a follow-up's event.
pub fn uid(f: &FollowUp) -> String {
    format!("followup-{}-case-{}@accord.invalid", f.id, f.case_id)
}

/// The calendar of the given follow-ups.
pub fn ics(t: &Translations, followups: &[FollowUp], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |s: String| fold(&s, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Accord//Accord follow-ups//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", text(&t.tr("ics-calendar-name"))));
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for f in followups {
        let summary = t.tr_args(
            "ics-summary",
            &[
                ("kind", t.tr(f.kind.label_key()).into()),
                ("number", f.case_number.clone().into()),
                ("debtor", f.debtor.clone().into()),
            ],
        );
        let mut description = f.description.clone();
        if let Some(b) = f.balance {
            description.push('\n');
            description.push_str(&t.tr_args(
                "ics-remaining",
                &[("amount", accord_document::amount(t, b.remaining()).into())],
            ));
        }
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", uid(f)));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", f.due_on.format("%Y%m%d")));
        line(format!(
            "DTEND;VALUE=DATE:{}",
            (f.due_on + Days::new(1)).format("%Y%m%d")
        ));
        line(format!("SUMMARY:{}", text(&summary)));
        line(format!("DESCRIPTION:{}", text(&description)));
        line(format!("CATEGORIES:{}", f.kind.code().to_uppercase()));
        line(format!(
            "STATUS:{}",
            match f.state {
                FollowUpState::Open => "CONFIRMED",
                FollowUpState::Done => "CONFIRMED",
                FollowUpState::Cancelled => "CANCELLED",
            }
        ));
        line("TRANSP:TRANSPARENT".into());
        if f.kind == FollowUpKind::Reminder && f.state == FollowUpState::Open {
            // 09:00 on the day.
            line("BEGIN:VALARM".into());
            line("ACTION:DISPLAY".into());
            line("TRIGGER;RELATED=START:PT9H".into());
            line(format!("DESCRIPTION:{}", text(&summary)));
            line("END:VALARM".into());
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}
