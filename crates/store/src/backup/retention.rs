//! Which backups to keep: a pure rule over their times.

use super::*;

/// How many backups to keep: the newest of each of the last `daily` days,
/// `weekly` ISO weeks and `monthly` months that have one (UTC). Days
/// without a backup (the computer was off) do not count, so a long pause
/// never deletes everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
    pub monthly: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Self {
            daily: 7,
            weekly: 4,
            monthly: 12,
        }
    }
}

impl Retention {
    /// Which of `times` to keep, in the same order. A time is kept when
    /// any of the three rules keeps it.
    pub fn keep(&self, times: &[DateTime<Utc>]) -> Vec<bool> {
        let mut newest_first: Vec<usize> = (0..times.len()).collect();
        newest_first.sort_by(|&a, &b| times[b].cmp(&times[a]));
        let mut keep = vec![false; times.len()];
        type Bucket = fn(&DateTime<Utc>) -> (i32, u32);
        let rules: [(usize, Bucket); 3] = [
            (self.daily, |t| (t.year(), t.ordinal())),
            (self.weekly, |t| {
                let week = t.iso_week();
                (week.year(), week.week())
            }),
            (self.monthly, |t| (t.year(), t.month())),
        ];
        for (limit, bucket) in rules {
            let mut last = None;
            let mut kept = 0;
            for &i in &newest_first {
                if kept == limit {
                    break;
                }
                let b = bucket(&times[i]);
                if last != Some(b) {
                    keep[i] = true;
                    kept += 1;
                    last = Some(b);
                }
            }
        }
        keep
    }
}
