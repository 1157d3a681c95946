//! The merchant's statistics: daily views and clicks of a business's public page over 7, 30 or
//! 90 days, for those who may edit its listing (decided in `domain::stats`). A read: GET.

use common::stats::StatsView;
use common::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::JsonAnswer;

/// The statistics of one business over the last `days` (7, 30 or 90; anything else is 400).
#[server(input = GetUrl, output = JsonAnswer, endpoint = "stats")]
pub async fn get_stats(business_id: i32, days: u32) -> Result<StatsView, AppError> {
    let period = common::stats::Period::from_days(days).ok_or(AppError::BadRequest)?;
    let state = super::state()?;
    let session = super::session();
    Ok(domain::stats::series(&state.db, session.actor.as_ref(), business_id, period, state.clock.now()).await?)
}
