//! The centre's numbers for the justice bureau: each case's contribution
//! (a [`Tally`] of one case), summed by month of receipt, statistical
//! category, channel and lead mediator, and the rates the monthly report
//! prints. The store keeps one tally per case and their sums per cell in
//! the same transaction as the change; here are the definitions.
//!
//! - **received**: cases received in the period (by their day of receipt);
//! - **mediated**: those whose mediation ended, settled or not
//!   (settled, not settled, or closed after either);
//! - **settled**: those that ended in a written or oral agreement;
//! - **settlement rate**: settled / mediated;
//! - **amount agreed**: the money the final agreements oblige, in minor
//!   units;
//! - **average days to settle**: from receipt to the agreement's effect;
//! - **within the time limit**: mediation ended on or before the due day;
//! - **paid on time**: instalments paid by their due day / instalments
//!   due so far;
//! - **satisfaction**: return visits that found the parties satisfied /
//!   return visits;
//! - **防止民转刑 / 防止群体性上访**: cases the mediator marked, and the
//!   persons they concern.

use serde::{Deserialize, Serialize};

use crate::Category;

crate::choice! {
    /// The dispute types of the people's-mediation statistics table.
    pub enum StatCategory {
        MarriageFamily => "marriage_family", "stat-category-marriage-family";
        Neighbour => "neighbour", "stat-category-neighbour";
        HousingLand => "housing_land", "stat-category-housing-land";
        Contract => "contract", "stat-category-contract";
        Production => "production", "stat-category-production";
        Damages => "damages", "stat-category-damages";
        ForestLand => "forest_land", "stat-category-forest-land";
        Demolition => "demolition", "stat-category-demolition";
        Environment => "environment", "stat-category-environment";
        Labour => "labour", "stat-category-labour";
        Consumer => "consumer", "stat-category-consumer";
        Medical => "medical", "stat-category-medical";
        Traffic => "traffic", "stat-category-traffic";
        Property => "property", "stat-category-property";
        Other => "other", "stat-category-other";
    }
}

impl StatCategory {
    /// The statistical type a case of the centre's own category counts
    /// under until someone chooses otherwise (loans count as contracts).
    pub fn from_category(category: Category) -> Self {
        match category {
            Category::Neighbour => Self::Neighbour,
            Category::PropertyManagement => Self::Property,
            Category::Contract | Category::Finance => Self::Contract,
            Category::Family => Self::MarriageFamily,
            Category::Labour => Self::Labour,
            Category::Consumer => Self::Consumer,
            Category::Other => Self::Other,
        }
    }
}

crate::choice! {
    /// How a case came to the committee (the registration form's 来源).
    pub enum CaseSource {
        Application => "application", "source-application";
        OwnInitiative => "own_initiative", "source-own-initiative";
        Transferred => "transferred", "source-transferred";
        Entrusted => "entrusted", "source-entrusted";
    }
}

impl CaseSource {
    /// The source a channel implies: a grid worker's report is taken up
    /// by the committee itself, a referral is transferred.
    pub fn from_channel(channel: crate::IntakeChannel) -> Self {
        use crate::IntakeChannel::*;
        match channel {
            GridReport => Self::OwnInitiative,
            Referral => Self::Transferred,
            WalkIn | Phone | Online => Self::Application,
        }
    }
}

/// Sums over a set of cases (one case, one cell, a whole period).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub received: i64,
    pub mediated: i64,
    pub settled: i64,
    pub agreed_minor: i64,
    /// Days from receipt to the agreement, summed over the settled cases.
    pub settle_days: i64,
    /// Mediations that ended on or before their due day.
    pub within_limit: i64,
    pub instalments_due: i64,
    pub paid_on_time: i64,
    pub visits: i64,
    pub satisfied: i64,
    pub crime_cases: i64,
    pub crime_persons: i64,
    pub petition_cases: i64,
    pub petition_persons: i64,
}

impl Tally {
    /// Adds another tally's numbers to this one.
    pub fn add(&mut self, other: &Tally) {
        self.received += other.received;
        self.mediated += other.mediated;
        self.settled += other.settled;
        self.agreed_minor += other.agreed_minor;
        self.settle_days += other.settle_days;
        self.within_limit += other.within_limit;
        self.instalments_due += other.instalments_due;
        self.paid_on_time += other.paid_on_time;
        self.visits += other.visits;
        self.satisfied += other.satisfied;
        self.crime_cases += other.crime_cases;
        self.crime_persons += other.crime_persons;
        self.petition_cases += other.petition_cases;
        self.petition_persons += other.petition_persons;
    }

    /// Settled / mediated, in per mille (rounded), or none without a
    /// mediation.
    pub fn settlement_rate(&self) -> Option<i64> {
        permille(self.settled, self.mediated)
    }

    /// Within the time limit / mediated, per mille.
    pub fn within_limit_rate(&self) -> Option<i64> {
        permille(self.within_limit, self.mediated)
    }

    /// Paid on time / instalments due, per mille.
    pub fn compliance_rate(&self) -> Option<i64> {
        permille(self.paid_on_time, self.instalments_due)
    }

    /// Satisfied / visits, per mille.
    pub fn satisfaction_rate(&self) -> Option<i64> {
        permille(self.satisfied, self.visits)
    }

    /// Average days to settle, in tenths of a day (rounded).
    pub fn average_days_tenths(&self) -> Option<i64> {
        (self.settled > 0).then(|| (self.settle_days * 10 * 2 + self.settled) / (2 * self.settled))
    }
}

fn permille(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 1000 * 2 + whole) / (2 * whole))
}

/// A per-mille value as a percentage with one decimal ("87.5%").
pub fn percent(permille: Option<i64>) -> String {
    match permille {
        Some(p) => format!("{}.{}%", p / 10, p % 10),
        None => "—".to_owned(),
    }
}

/// Tenths as a number with one decimal ("12.5").
pub fn tenths(value: Option<i64>) -> String {
    match value {
        Some(v) => format!("{}.{}", v / 10, v % 10),
        None => "—".to_owned(),
    }
}

/// One row of a breakdown: its key (a category or channel code, a
/// mediator's name, a month "2025-03") and its sums.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    pub key: String,
    pub tally: Tally,
}

/// The statistics of a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// First and last day, inclusive ("2025-01-01").
    pub from: chrono::NaiveDate,
    pub to: chrono::NaiveDate,
    pub total: Tally,
    pub by_category: Vec<Row>,
    pub by_channel: Vec<Row>,
    /// Keyed by the lead mediator's name ("" when none was assigned).
    pub by_mediator: Vec<Row>,
    /// Every month of the period, in order, also the empty ones.
    pub by_month: Vec<Row>,
}

/// A column of the report's tables: its label key and the cell's text for
/// a tally.
pub type Column = (&'static str, fn(&Tally) -> String);

/// The columns of the report's tables, in print order.
pub fn columns() -> &'static [Column] {
    &[
        ("stats-col-received", |t| t.received.to_string()),
        ("stats-col-mediated", |t| t.mediated.to_string()),
        ("stats-col-settled", |t| t.settled.to_string()),
        ("stats-col-rate", |t| percent(t.settlement_rate())),
        ("stats-col-amount", |t| {
            crate::Money::new(t.agreed_minor, crate::Currency::Cny).to_string()
        }),
        ("stats-col-days", |t| tenths(t.average_days_tenths())),
        ("stats-col-within-limit", |t| percent(t.within_limit_rate())),
        ("stats-col-compliance", |t| percent(t.compliance_rate())),
        ("stats-col-satisfaction", |t| percent(t.satisfaction_rate())),
        ("stats-col-crime", |t| {
            format!("{} / {}", t.crime_cases, t.crime_persons)
        }),
        ("stats-col-petition", |t| {
            format!("{} / {}", t.petition_cases, t.petition_persons)
        }),
    ]
}

/// The months from `from` to `to` inclusive, as "YYYY-MM".
pub fn months(from: chrono::NaiveDate, to: chrono::NaiveDate) -> Vec<String> {
    use chrono::Datelike;
    let mut out = Vec::new();
    let (mut y, mut m) = (from.year(), from.month());
    while (y, m) <= (to.year(), to.month()) {
        out.push(format!("{y:04}-{m:02}"));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// The report as CSV: one section per breakdown, a header row of the
/// column labels (already translated by the caller, `labels`), then rows.
pub fn csv(report: &Report, labels: &Labels) -> String {
    delimited(report, labels, ',')
}

/// The report as text columns separated by `sep` (a tab for a terminal).
pub fn delimited(report: &Report, labels: &Labels, sep: char) -> String {
    let mut out = String::new();
    let mut line = |cells: Vec<String>| {
        let escaped: Vec<String> = cells
            .into_iter()
            .map(|c| {
                if c.contains([sep, '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&escaped.join(&sep.to_string()));
        out.push('\n');
    };
    let sections: [(&String, &Vec<Row>); 4] = [
        (&labels.by_category, &report.by_category),
        (&labels.by_channel, &report.by_channel),
        (&labels.by_mediator, &report.by_mediator),
        (&labels.by_month, &report.by_month),
    ];
    for (title, rows) in sections {
        let mut header = vec![title.clone()];
        header.extend(labels.columns.iter().cloned());
        line(header);
        for row in rows {
            let mut cells = vec![labels.key(&row.key)];
            cells.extend(columns().iter().map(|(_, f)| f(&row.tally)));
            line(cells);
        }
        let mut total = vec![labels.total.clone()];
        total.extend(columns().iter().map(|(_, f)| f(&report.total)));
        line(total);
        line(Vec::new());
    }
    out
}

/// Translated words for a report's export.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub by_category: String,
    pub by_channel: String,
    pub by_mediator: String,
    pub by_month: String,
    pub total: String,
    pub columns: Vec<String>,
    /// Translations of row keys (category and channel codes).
    pub keys: std::collections::HashMap<String, String>,
}

impl Labels {
    /// The row key as printed.
    pub fn key(&self, key: &str) -> String {
        self.keys
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Choice;

    #[test]
    fn every_category_maps_to_a_statistical_type() {
        for c in Category::ALL {
            let s = StatCategory::from_category(*c);
            assert!(StatCategory::ALL.contains(&s));
        }
        assert_eq!(
            StatCategory::from_category(Category::Finance),
            StatCategory::Contract
        );
        assert_eq!(StatCategory::ALL.len(), 15);
    }

    #[test]
    fn rates_round_half_up_and_are_absent_without_a_base() {
        let t = Tally {
            mediated: 3,
            settled: 2,
            settle_days: 25,
            ..Tally::default()
        };
        assert_eq!(t.settlement_rate(), Some(667));
        assert_eq!(percent(t.settlement_rate()), "66.7%");
        assert_eq!(t.average_days_tenths(), Some(125));
        assert_eq!(tenths(t.average_days_tenths()), "12.5");
        assert_eq!(Tally::default().settlement_rate(), None);
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn months_span_years_inclusive() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
        assert_eq!(
            months(d("2024-11-15"), d("2025-02-01")),
            vec!["2024-11", "2024-12", "2025-01", "2025-02"]
        );
    }

    #[test]
    fn csv_quotes_commas() {
        let report = Report {
            from: chrono::NaiveDate::MIN,
            to: chrono::NaiveDate::MIN,
            total: Tally::default(),
            by_category: vec![Row {
                key: "a,b".into(),
                tally: Tally::default(),
            }],
            by_channel: vec![],
            by_mediator: vec![],
            by_month: vec![],
        };
        let text = csv(&report, &Labels::default());
        assert!(text.contains("\"a,b\",0,0,0,—"));
    }
}
