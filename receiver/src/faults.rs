//! The fault switch (`--faults`): a receiver that fails, dawdles or loses its
//! answers on request, for the widget's delivery tests only.
//!
//! The widget promises that a complaint survives a failing or slow server and is
//! kept once even when an answer is lost on the way back. Those promises can only
//! be tested against a server that misbehaves on cue, so with `--faults` a test
//! sets a plan through `/api/_faults` and the next complaint submissions follow
//! it. Anyone who can reach the receiver can set a plan: it must never be on in
//! production. Without the switch none of this exists, not even the address.

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::reply::Reply;

/// The longest `delay_ms` a plan may ask for: long enough to outlast any
/// client's timeout, short enough that a forgotten plan does not hang a test run.
pub const DELAY_MAX_MS: u64 = 5 * 60 * 1000;

/// The status a failure answers with when the plan names none.
pub const DEFAULT_STATUS: u16 = 503;

/// What to do to the coming complaint submissions, as `POST /api/_faults` sets
/// it and `GET /api/_faults` shows it (with `fail_next` and `drop_next` counting
/// down as they are used).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan {
    /// The next N submissions are answered `status` and nothing is stored. Default 0.
    pub fail_next: u32,
    /// The status of every failure, 400–599. Default 503.
    pub status: u16,
    /// Seconds for a `Retry-After` header on failures. Default: no header.
    pub retry_after: Option<u32>,
    /// Every submission waits this long before it is handled. Default 0.
    pub delay_ms: u64,
    /// The next M submissions (after any `fail_next`) are read and handled as
    /// usual, then the connection is closed without an answer. Default 0.
    pub drop_next: u32,
    /// The chance, 0.0 to 1.0, that any other submission fails. Default 0.
    pub fail_rate: f64,
    /// Seeds the draws for `fail_rate`, so a run can be repeated. Default 0.
    pub seed: u64,
}

impl Default for Plan {
    fn default() -> Self {
        Self {
            fail_next: 0,
            status: DEFAULT_STATUS,
            retry_after: None,
            delay_ms: 0,
            drop_next: 0,
            fail_rate: 0.0,
            seed: 0,
        }
    }
}

impl Plan {
    /// Reads a plan from the JSON a test POSTs; an empty body is the empty plan.
    /// Unknown keys are refused, so a misspelt fault cannot silently do nothing.
    pub fn from_json(text: &str) -> Result<Self, String> {
        if text.trim().is_empty() {
            return Ok(Self::default());
        }
        let members: serde_json::Map<String, Value> =
            serde_json::from_str(text).map_err(|error| format!("a fault plan is a JSON object: {error}"))?;
        let mut plan = Self::default();
        // Member by member, so a problem names its key.
        for (key, value) in members {
            fn read<T: DeserializeOwned>(key: &str, value: Value) -> Result<T, String> {
                serde_json::from_value(value).map_err(|error| format!("`{key}`: {error}"))
            }
            match key.as_str() {
                "fail_next" => plan.fail_next = read(&key, value)?,
                "status" => plan.status = read(&key, value)?,
                "retry_after" => plan.retry_after = read(&key, value)?,
                "delay_ms" => plan.delay_ms = read(&key, value)?,
                "drop_next" => plan.drop_next = read(&key, value)?,
                "fail_rate" => plan.fail_rate = read(&key, value)?,
                "seed" => plan.seed = read(&key, value)?,
                _ => return Err(format!("unknown key `{key}`")),
            }
        }
        if !(400..=599).contains(&plan.status) {
            return Err("`status` must be an error status, 400 to 599".to_owned());
        }
        if plan.delay_ms > DELAY_MAX_MS {
            return Err(format!("`delay_ms` may be at most {DELAY_MAX_MS}"));
        }
        if !(0.0..=1.0).contains(&plan.fail_rate) {
            return Err("`fail_rate` must be from 0.0 to 1.0".to_owned());
        }
        Ok(plan)
    }
}

/// What happened to submissions since the switch was last reset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counters {
    /// Submissions that reached the switch.
    pub submissions: u64,
    /// Answered with the plan's status, by `fail_next` or `fail_rate`.
    pub failed: u64,
    /// Handled, then left without an answer.
    pub dropped: u64,
    /// Made to wait `delay_ms`.
    pub delayed: u64,
    /// Stored as new complaints or Open311 requests.
    pub stored: u64,
    /// Recognised as already stored (the same client id again).
    pub duplicates: u64,
}

/// `GET /api/_faults`: the plan as it stands and what it has done.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub plan: Plan,
    pub counters: Counters,
}

/// What to do with one submission.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Wait this long first.
    pub delay: Option<Duration>,
    pub action: Action,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Handle it as usual.
    Handle,
    /// Answer `status` without looking at the body.
    Fail { status: u16, retry_after: Option<u32> },
    /// Handle it as usual, then close the connection instead of answering.
    HangUp,
}

/// The switch: a plan, its random draws and its counters, shared by all
/// request threads.
#[derive(Debug, Default)]
pub struct Faults {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    plan: Plan,
    draws: SplitMix64,
    counters: Counters,
}

impl Faults {
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the plan and restarts its draws from its seed; the counters go on.
    pub fn set(&self, plan: Plan) {
        let mut state = self.state();
        state.draws = SplitMix64(plan.seed);
        state.plan = plan;
    }

    /// Back to no faults and zero counters.
    pub fn reset(&self) {
        *self.state() = State::default();
    }

    pub fn report(&self) -> Report {
        let state = self.state();
        Report { plan: state.plan.clone(), counters: state.counters.clone() }
    }

    /// Decides the fate of the next submission: `fail_next` first, then
    /// `drop_next`, then a draw against `fail_rate`; `delay_ms` applies to all.
    pub fn next_submission(&self) -> Decision {
        let mut state = self.state();
        let State { plan, draws, counters } = &mut *state;
        counters.submissions += 1;
        let delay = (plan.delay_ms > 0).then(|| Duration::from_millis(plan.delay_ms));
        if delay.is_some() {
            counters.delayed += 1;
        }
        let fail = Action::Fail { status: plan.status, retry_after: plan.retry_after };
        let action = if plan.fail_next > 0 {
            plan.fail_next -= 1;
            fail
        } else if plan.drop_next > 0 {
            plan.drop_next -= 1;
            Action::HangUp
        } else if plan.fail_rate > 0.0 && draws.next_unit() < plan.fail_rate {
            fail
        } else {
            Action::Handle
        };
        match action {
            Action::Fail { .. } => counters.failed += 1,
            Action::HangUp => counters.dropped += 1,
            Action::Handle => {}
        }
        Decision { delay, action }
    }

    /// Counts a submission that reached the store.
    pub fn count_saved(&self, duplicate: bool) {
        let mut state = self.state();
        if duplicate {
            state.counters.duplicates += 1;
        } else {
            state.counters.stored += 1;
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // Every update leaves the state whole, so a panic elsewhere cannot have
        // left it half-written.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Runs a submission through the switch: waits, fails with the reply `failure`
/// makes, or handles it and marks the answer to be lost, as the plan says.
/// Without the switch it only handles.
pub fn around_submission(
    faults: Option<&Faults>,
    failure: impl FnOnce(u16) -> Reply,
    handle: impl FnOnce() -> Reply,
) -> Reply {
    let Some(faults) = faults else { return handle() };
    let decision = faults.next_submission();
    if let Some(delay) = decision.delay {
        std::thread::sleep(delay);
    }
    match decision.action {
        Action::Handle => handle(),
        Action::Fail { status, retry_after } => {
            let mut reply = failure(status);
            if let Some(seconds) = retry_after {
                reply = reply.with_header("Retry-After", seconds.to_string());
            }
            reply.note = Some(format!("fault: failed with {status}"));
            reply
        }
        Action::HangUp => {
            let mut reply = handle();
            reply.hang_up = true;
            let handled = match reply.note.take() {
                Some(note) => format!("{} {note}", reply.status),
                None => reply.status.to_string(),
            };
            reply.note = Some(format!("fault: answer dropped ({handled})"));
            reply
        }
    }
}

/// The sentence a failure carries, in whichever error shape the route uses.
pub const FAILURE_MESSAGE: &str = "the receiver was told to fail this request (--faults, for tests only)";

/// SplitMix64 (Steele, Lea and Flood): tiny, fast, and the same sequence for a
/// seed on every platform, which is all a repeatable test needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1): the top 53 bits, as many as an `f64` holds exactly.
    fn next_unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(json: &str) -> Plan {
        Plan::from_json(json).unwrap_or_else(|e| panic!("{json}: {e}"))
    }

    fn actions(faults: &Faults, count: usize) -> Vec<Action> {
        (0..count).map(|_| faults.next_submission().action).collect()
    }

    #[test]
    fn a_plan_fills_in_defaults_and_refuses_what_it_cannot_mean() {
        assert_eq!(plan(""), Plan::default());
        assert_eq!(plan("{}").status, 503);
        let full = plan(
            r#"{"fail_next": 2, "status": 429, "retry_after": 7, "delay_ms": 150, "drop_next": 1, "fail_rate": 0.25, "seed": 42}"#,
        );
        assert_eq!(
            full,
            Plan {
                fail_next: 2,
                status: 429,
                retry_after: Some(7),
                delay_ms: 150,
                drop_next: 1,
                fail_rate: 0.25,
                seed: 42
            }
        );
        let refused: &[(&str, &str)] = &[
            (r#"{"fail-next": 1}"#, "unknown key `fail-next`"),
            (r#"{"fail_next": -1}"#, "`fail_next`"),
            (r#"{"fail_next": "2"}"#, "`fail_next`"),
            (r#"{"status": 200}"#, "400 to 599"),
            (r#"{"status": 600}"#, "400 to 599"),
            (r#"{"fail_rate": 1.5}"#, "0.0 to 1.0"),
            (r#"{"fail_rate": -0.1}"#, "0.0 to 1.0"),
            (r#"{"delay_ms": 300001}"#, "at most 300000"),
            ("[]", "a JSON object"),
            ("[1, 503]", "a JSON object"),
            ("{} {}", "trailing characters"),
            (r#"{"retry_after": 1.5}"#, "`retry_after`"),
            (r#"{"seed": null}"#, "`seed`"),
        ];
        for (json, expected) in refused {
            let error = Plan::from_json(json).expect_err(json);
            assert!(error.contains(expected), "{json}: {error}");
        }
    }

    #[test]
    fn failures_come_first_then_drops_then_normal_handling() {
        let faults = Faults::new();
        faults.set(plan(r#"{"fail_next": 2, "status": 500, "retry_after": 3, "drop_next": 1}"#));
        let fail = Action::Fail { status: 500, retry_after: Some(3) };
        assert_eq!(actions(&faults, 5), [fail, fail, Action::HangUp, Action::Handle, Action::Handle]);
        let report = faults.report();
        assert_eq!((report.plan.fail_next, report.plan.drop_next), (0, 0), "the plan counts down");
        assert_eq!(
            report.counters,
            Counters { submissions: 5, failed: 2, dropped: 1, delayed: 0, stored: 0, duplicates: 0 }
        );
    }

    #[test]
    fn a_delay_applies_to_every_submission_and_is_counted() {
        let faults = Faults::new();
        faults.set(plan(r#"{"delay_ms": 40, "fail_next": 1}"#));
        let first = faults.next_submission();
        assert_eq!(first.delay, Some(Duration::from_millis(40)));
        assert!(matches!(first.action, Action::Fail { status: 503, retry_after: None }));
        assert_eq!(
            faults.next_submission(),
            Decision { delay: Some(Duration::from_millis(40)), action: Action::Handle }
        );
        assert_eq!(faults.report().counters.delayed, 2);
    }

    #[test]
    fn a_fail_rate_is_repeatable_from_its_seed_and_close_to_its_rate() {
        let run = |seed: u64| {
            let faults = Faults::new();
            faults.set(Plan { fail_rate: 0.3, seed, ..Plan::default() });
            actions(&faults, 10_000).iter().map(|a| matches!(a, Action::Fail { .. })).collect::<Vec<bool>>()
        };
        let first = run(7);
        assert_eq!(first, run(7), "the same seed fails the same submissions");
        assert_ne!(first, run(8), "another seed fails others");
        let failed = first.iter().filter(|&&f| f).count();
        assert!((2_800..=3_200).contains(&failed), "{failed} of 10000 at a rate of 0.3");

        // Setting the plan again starts the sequence again.
        let faults = Faults::new();
        faults.set(Plan { fail_rate: 0.3, seed: 7, ..Plan::default() });
        let _ = actions(&faults, 50);
        faults.set(Plan { fail_rate: 0.3, seed: 7, ..Plan::default() });
        let again: Vec<bool> = actions(&faults, 100).iter().map(|a| matches!(a, Action::Fail { .. })).collect();
        assert_eq!(again, first[..100]);
    }

    #[test]
    fn rates_of_zero_and_one_never_and_always_fail() {
        let faults = Faults::new();
        faults.set(Plan { fail_rate: 1.0, ..Plan::default() });
        assert!(actions(&faults, 1_000).iter().all(|a| matches!(a, Action::Fail { .. })));
        faults.set(Plan { fail_rate: 0.0, ..Plan::default() });
        assert!(actions(&faults, 1_000).iter().all(|a| *a == Action::Handle));
    }

    #[test]
    fn reset_clears_the_plan_and_the_counters_but_setting_keeps_counting() {
        let faults = Faults::new();
        faults.set(plan(r#"{"fail_next": 5}"#));
        let _ = actions(&faults, 2);
        faults.count_saved(false);
        faults.count_saved(true);
        faults.set(plan(r#"{"drop_next": 1}"#));
        let counters = faults.report().counters;
        assert_eq!((counters.submissions, counters.failed, counters.stored, counters.duplicates), (2, 2, 1, 1));
        assert_eq!(faults.report().plan.fail_next, 0, "a new plan replaces the old one whole");
        faults.reset();
        assert_eq!(faults.report(), Report { plan: Plan::default(), counters: Counters::default() });
    }

    #[test]
    fn the_wrapper_fails_with_retry_after_or_marks_the_answer_lost() {
        let faults = Faults::new();
        faults.set(plan(r#"{"fail_next": 1, "status": 502, "retry_after": 9, "drop_next": 1}"#));
        let failure = |status| Reply::error(status, "fault_injected", FAILURE_MESSAGE);
        let mut handled = 0;
        let failed = around_submission(Some(&faults), failure, || {
            handled += 1;
            Reply::no_content()
        });
        assert_eq!((failed.status, failed.header("Retry-After"), failed.hang_up), (502, Some("9"), false));
        let dropped = around_submission(Some(&faults), failure, || {
            handled += 1;
            Reply::no_content()
        });
        assert!(dropped.hang_up);
        assert_eq!(handled, 1, "a failure does not handle the submission; a drop does");
        assert!(!around_submission(None, failure, Reply::no_content).hang_up);
    }

    #[test]
    fn splitmix_gives_its_published_sequence() {
        // The first outputs for seed 0, as in the reference implementation.
        let mut draws = SplitMix64(0);
        assert_eq!(draws.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(draws.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
