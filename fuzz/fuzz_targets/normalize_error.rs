//! normalize_error for every provider and auto, with an HTTP status.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::normalize_error_every_provider(data));
