//! normalize / normalize_json with provider "auto", every resource and "auto".
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::normalize_every_resource("auto", data));
