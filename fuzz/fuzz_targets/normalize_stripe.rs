//! normalize / normalize_json / normalize_value for stripe, every resource and "auto" resource.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::normalize_every_resource("stripe", data));
