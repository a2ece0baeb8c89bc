//! Stripe: detection, list envelope, field-source tables and the registry entry. Raw types and the
//! mapping live beside this file in `transformers.rs`.

mod transformers;

use super::{Detected, Envelope, Paging, ProviderSpec, Resource};
use crate::error::Error;
use crate::fields::FieldSource;
use serde_json::{Map, Value};

pub(crate) static SPEC: ProviderSpec = ProviderSpec {
    customers: Some(transformers::customer),
    orders: Some(transformers::order),
    payments: Some(transformers::payment),
    envelope,
    detect,
    fields,
};

fn envelope<'a>(
    _map: &'a Map<String, Value>,
    _paging: Option<&Paging>,
) -> Result<Option<Envelope<'a>>, Error> {
    Ok(None)
}

fn detect(_map: &Map<String, Value>) -> Option<Detected> {
    None
}

fn fields(_resource: Resource) -> &'static [FieldSource] {
    &[]
}
