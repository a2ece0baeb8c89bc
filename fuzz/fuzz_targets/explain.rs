//! explain for every provider (and auto) with the resource "auto".
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::explain_every_provider(data));
