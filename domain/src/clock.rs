//! The current time, injected. Production reads the system clock; tests and demos fix it through
//! configuration (`VITRINE_NOW`), never through a request, so "open now" is deterministic.

use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    #[default]
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(instant) => *instant,
        }
    }
}
