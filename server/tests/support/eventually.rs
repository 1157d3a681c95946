//! Waiting for a condition in tests: poll it until it holds, with a deadline, rather than sleep
//! for a time that is too long on a fast machine and too short on a loaded one.

#![allow(dead_code)]

use std::future::Future;
use std::time::{Duration, Instant};

/// Calls `check` every 50 ms until it returns `Some`, and returns that; panics with `what` if
/// `within` passes first.
pub async fn eventually<T, F, Fut>(within: Duration, what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + within;
    loop {
        if let Some(value) = check().await {
            return value;
        }
        assert!(Instant::now() < deadline, "{what}: not within {within:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// How long a page (cached, or on another instance) may take to show a change of the data: the
/// tests used to sleep 1.1 s for it; the margin is for a loaded machine, polling returns sooner.
pub const CACHE_FOLLOWS: Duration = Duration::from_secs(5);
