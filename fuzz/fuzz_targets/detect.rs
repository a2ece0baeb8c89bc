//! detect, and normalize(auto, auto) agreeing with what it detected.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::detect_agrees(data));
