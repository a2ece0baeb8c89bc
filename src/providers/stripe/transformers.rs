//! Stripe raw types and their mapping to the unified shapes. (stub: to be written)

use crate::error::{Error, ErrorCode};
use crate::unified::{Customer, Order, Payment};
use serde_json::Value;

fn todo() -> Error {
    Error::new(ErrorCode::InvalidPayload, "not implemented yet")
}

pub(super) fn customer(_raw: &Value) -> Result<Customer, Error> {
    Err(todo())
}

pub(super) fn order(_raw: &Value) -> Result<Order, Error> {
    Err(todo())
}

pub(super) fn payment(_raw: &Value) -> Result<Payment, Error> {
    Err(todo())
}
