//! Telling a bot from a citizen without tracking anyone: a trap field people
//! never see, and a minimum time between the form appearing and being sent.
//!
//! Part of the pure core. No third-party script, no cookie, nothing sent
//! anywhere: a refused form says why in the citizen's language and keeps every
//! answer, so a real person who trips it loses nothing.

/// Why a submission looks automated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suspicion {
    /// The hidden field, which no person sees, has text in it.
    TrapFilled,
    /// Sent sooner after the form appeared than a person can write a complaint.
    TooFast,
}

/// Checks one submission: the trap field's value, and the milliseconds from the
/// form appearing to "send".
///
/// # Example
/// ```
/// use aduan::spam::{screen, Suspicion};
/// assert_eq!(screen("", 45_000, 3), Ok(()));
/// assert_eq!(screen("", 800, 3), Err(Suspicion::TooFast));
/// assert_eq!(screen("http://spam.example", 45_000, 3), Err(Suspicion::TrapFilled));
/// ```
pub fn screen(trap: &str, elapsed_ms: u64, min_fill_seconds: u32) -> Result<(), Suspicion> {
    if !trap.trim().is_empty() {
        return Err(Suspicion::TrapFilled);
    }
    if elapsed_ms < u64::from(min_fill_seconds) * 1000 {
        return Err(Suspicion::TooFast);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_time_can_be_turned_off_and_the_trap_cannot() {
        assert_eq!(screen("", 0, 0), Ok(()));
        assert_eq!(screen("x", 600_000, 0), Err(Suspicion::TrapFilled));
        assert_eq!(screen("  ", 2_999, 3), Err(Suspicion::TooFast));
        assert_eq!(screen("  ", 3_000, 3), Ok(()));
    }
}
