//! The Worker's one queue entry: each batch goes to the consumer of the queue it came from,
//! the mail queue (`delivery`) or the renewal queue (`renewal_queue`). Queue names differ per
//! environment (`sma-renewals`, `sma-renewals-staging`, …), so they are told by their prefix.

use crate::{delivery, renewal_queue};
use worker::{event, Context, Env, MessageBatch};

#[event(queue)]
pub async fn queue(batch: MessageBatch<String>, env: Env, _ctx: Context) -> worker::Result<()> {
    if batch.queue().starts_with(renewal_queue::QUEUE_PREFIX) {
        renewal_queue::consume(batch, env).await
    } else {
        delivery::queue(batch, env).await
    }
}
