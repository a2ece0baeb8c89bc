//! parse_webhook for every provider and auto.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::parse_webhook_every_provider(data));
