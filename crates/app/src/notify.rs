//! Desktop notifications for follow-ups that fell due while the app runs.
//! A desktop without a notification service is normal (a kiosk, a test
//! machine): the failure is logged and nothing else happens.

use accord_core::Choice;
use accord_i18n::Translations;
use accord_store::FollowUp;

/// The per-computer setting that keeps party names out of notifications.
pub const SETTING_HIDE_NAMES: &str = "notify_hide_names";

/// The text of the notification: a count, then up to three lines; party
/// names only when the centre allows it.
pub fn text(t: &Translations, due: &[FollowUp], hide_names: bool) -> (String, String) {
    let summary = t.tr_args("notify-summary", &[("count", due.len().to_string().into())]);
    let mut lines: Vec<String> = due
        .iter()
        .take(3)
        .map(|f| {
            let kind = t.tr(f.kind.label_key());
            if hide_names {
                format!("{} · {kind}", f.case_number)
            } else {
                format!("{} · {kind} · {}", f.case_number, f.debtor)
            }
        })
        .collect();
    if due.len() > 3 {
        lines.push(t.tr_args(
            "notify-more",
            &[("count", (due.len() - 3).to_string().into())],
        ));
    }
    (summary, lines.join("\n"))
}

/// Shows the notification; logs when the desktop cannot.
pub fn announce(t: &Translations, due: &[FollowUp], hide_names: bool) {
    let (summary, body) = text(t, due, hide_names);
    show(&summary, &body);
}

/// Shows a notification; logs when the desktop cannot.
fn show(summary: &str, body: &str) {
    let shown = notify_rust::Notification::new()
        .appname("Accord")
        .summary(summary)
        .body(body)
        .show();
    if let Err(e) = shown {
        eprintln!("accord: notification not shown ({e}): {summary}");
    }
}

/// The text of the time-limit notification: a count, then up to three
/// cases with how near each is (no names: case numbers only).
pub fn due_text(t: &Translations, rows: &[accord_store::BoardRow]) -> (String, String) {
    use accord_core::time_limit::Urgency;
    let summary = t.tr_args(
        "notify-due-summary",
        &[("count", rows.len().to_string().into())],
    );
    let mut lines: Vec<String> = rows
        .iter()
        .take(3)
        .map(|r| {
            let when = match r.urgency() {
                Urgency::Overdue { days } => {
                    t.tr_args("desk-overdue", &[("days", days.to_string().into())])
                }
                Urgency::Today => t.tr("desk-due-today"),
                Urgency::Near { days_left } => {
                    t.tr_args("desk-due-in", &[("days", days_left.to_string().into())])
                }
                Urgency::OnTime => t.tr("desk-on-time"),
            };
            format!("{} · {when}", r.number)
        })
        .collect();
    if rows.len() > 3 {
        lines.push(t.tr_args(
            "notify-more",
            &[("count", (rows.len() - 3).to_string().into())],
        ));
    }
    (summary, lines.join("\n"))
}

/// Shows the time-limit notification; logs when the desktop cannot.
pub fn announce_due(t: &Translations, rows: &[accord_store::BoardRow]) {
    let (summary, body) = due_text(t, rows);
    show(&summary, &body);
}

#[cfg(test)]
mod tests {
    use accord_core::followup::{FollowUpKind, FollowUpState};
    use accord_i18n::{Locale, Translations};
    use accord_store::FollowUp;

    fn row(id: i64) -> FollowUp {
        FollowUp {
            id,
            case_id: 1,
            case_number: "2025-0001".into(),
            kind: FollowUpKind::Urge,
            due_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 2).expect("date"),
            state: FollowUpState::Open,
            obligation: 1,
            installment: Some(0),
            debtor: "王建国".into(),
            creditor: Some("李玥".into()),
            description: "房屋及家具损失赔偿款".into(),
            balance: None,
            deadline: None,
            outcome: None,
        }
    }

    #[test]
    fn names_stay_out_of_the_notification_when_the_centre_says_so() {
        let t = Translations::get(Locale::ZhCn);
        let due: Vec<FollowUp> = (1..=5).map(row).collect();
        let (summary, body) = super::text(t, &due, false);
        assert!(summary.contains('5'), "{summary}");
        assert!(body.contains("2025-0001 · 督促履行 · 王建国"), "{body}");
        assert!(body.contains("另有 2 项"), "{body}");
        let (_, hidden) = super::text(t, &due, true);
        assert!(!hidden.contains("王建国"), "{hidden}");
        assert!(hidden.contains("2025-0001 · 督促履行"));
        // With no notification service (as here) nothing panics.
        super::announce(t, &due, true);
    }

    #[test]
    fn the_time_limit_notice_counts_and_says_how_late() {
        let row = |n: &str, days_left: i64| accord_store::BoardRow {
            case_id: 1,
            number: n.into(),
            category: accord_core::Category::Neighbour,
            status: accord_core::CaseStatus::Assigned,
            due_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 10).expect("date"),
            days_left,
            mediators: vec!["边文玲".into()],
            mediator_users: vec![2],
            receiver_id: Some(2),
            risk: accord_core::risk::RiskLevel::Green,
        };
        let t = Translations::get(Locale::ZhCn);
        let (summary, body) = super::due_text(t, &[row("2025-0001", -2), row("2025-0002", 0)]);
        assert!(summary.contains('2'), "{summary}");
        assert!(body.contains("2025-0001 · 已超期 2 天"), "{body}");
        assert!(body.contains("2025-0002 · 今天到期"), "{body}");
        assert!(!body.contains("边文玲"), "no names");
        let t = Translations::get(Locale::EnUs);
        let (_, body) = super::due_text(t, &[row("2025-0003", 1)]);
        assert!(body.contains("Due in 1 day"), "{body}");
    }
}
