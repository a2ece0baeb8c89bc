//! verify_webhook / construct_event: arbitrary headers fail coded, a correctly signed body always verifies.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::verify_webhook_every_provider(data));
