//! Scoring a router against labelled complaints: accuracy, top-3 accuracy,
//! macro-F1 and the confusion per class.
//!
//! Part of the pure core; `triage eval` prints what this computes.

use std::collections::{BTreeMap, BTreeSet};

/// One labelled complaint and what the router said: its answer first, then its
/// next best answers.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub truth: String,
    pub ranked: Vec<String>,
}

/// How one class fared.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassReport {
    pub class: String,
    /// Complaints whose truth is this class.
    pub support: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    /// Where this class's complaints went instead, most often first.
    pub confused_with: Vec<(String, usize)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub total: usize,
    pub accuracy: f64,
    pub top3: f64,
    /// F1 averaged over the classes that occur as truth.
    pub macro_f1: f64,
    pub classes: Vec<ClassReport>,
}

/// Scores `outcomes`.
///
/// # Example
/// ```
/// use aduan::triage::eval::{score, Outcome};
/// let o = |t: &str, r: &[&str]| Outcome { truth: t.into(), ranked: r.iter().map(|s| s.to_string()).collect() };
/// let report = score(&[o("dlh", &["dlh"]), o("dlh", &["pupr", "dlh"]), o("pupr", &["pupr"])]);
/// assert!((report.accuracy - 2.0 / 3.0).abs() < 1e-9);
/// assert_eq!(report.top3, 1.0);
/// ```
pub fn score(outcomes: &[Outcome]) -> Report {
    let total = outcomes.len();
    let first = |o: &Outcome| o.ranked.first().cloned().unwrap_or_default();
    let correct = outcomes.iter().filter(|o| first(o) == o.truth).count();
    let top3 = outcomes.iter().filter(|o| o.ranked.iter().take(3).any(|r| *r == o.truth)).count();
    let truths: BTreeSet<&str> = outcomes.iter().map(|o| o.truth.as_str()).collect();
    let mut classes = Vec::new();
    for class in truths {
        let support = outcomes.iter().filter(|o| o.truth == class).count();
        let predicted = outcomes.iter().filter(|o| first(o) == class).count();
        let hits = outcomes.iter().filter(|o| o.truth == class && first(o) == class).count();
        let precision = if predicted == 0 { 0.0 } else { hits as f64 / predicted as f64 };
        let recall = hits as f64 / support as f64;
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        let mut confused: BTreeMap<String, usize> = BTreeMap::new();
        for o in outcomes.iter().filter(|o| o.truth == class && first(o) != class) {
            *confused.entry(first(o)).or_default() += 1;
        }
        let mut confused_with: Vec<(String, usize)> = confused.into_iter().collect();
        confused_with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        classes.push(ClassReport { class: class.to_owned(), support, precision, recall, f1, confused_with });
    }
    let ratio = |n: usize| if total == 0 { 0.0 } else { n as f64 / total as f64 };
    let macro_f1 =
        if classes.is_empty() { 0.0 } else { classes.iter().map(|c| c.f1).sum::<f64>() / classes.len() as f64 };
    Report { total, accuracy: ratio(correct), top3: ratio(top3), macro_f1, classes }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(truth: &str, ranked: &[&str]) -> Outcome {
        Outcome { truth: truth.into(), ranked: ranked.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn macro_f1_weighs_every_class_alike() {
        let outcomes = [outcome("a", &["a"]), outcome("a", &["a"]), outcome("a", &["a"]), outcome("b", &["a", "b"])];
        let report = score(&outcomes);
        assert_eq!(report.accuracy, 0.75);
        assert_eq!(report.top3, 1.0);
        let a = &report.classes[0];
        assert!((a.precision - 0.75).abs() < 1e-9 && a.recall == 1.0);
        let b = &report.classes[1];
        assert_eq!((b.precision, b.recall, b.f1), (0.0, 0.0, 0.0));
        assert_eq!(b.confused_with, vec![("a".to_owned(), 1)]);
        assert!((report.macro_f1 - (2.0 * 0.75 / 1.75) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn nothing_to_score_is_zero_not_a_panic() {
        let report = score(&[]);
        assert_eq!((report.total, report.accuracy, report.macro_f1), (0, 0.0, 0.0));
        let unanswered = score(&[outcome("a", &[])]);
        assert_eq!(unanswered.accuracy, 0.0);
    }
}
