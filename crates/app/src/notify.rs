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
    let shown = notify_rust::Notification::new()
        .appname("Accord")
        .summary(&summary)
        .body(&body)
        .show();
    if let Err(e) = shown {
        eprintln!("accord: notification not shown ({e}): {summary}");
    }
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
}
