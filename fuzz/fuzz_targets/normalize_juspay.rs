//! normalize / normalize_json / normalize_value for juspay, every resource and "auto" resource.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::normalize_every_resource("juspay", data));
