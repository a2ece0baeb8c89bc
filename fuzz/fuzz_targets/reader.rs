//! The reading layer against serde_json itself: any UTF-8 text read as a `Value`, a `RawValue`
//! and a struct of assorted field types gives the same value or the same error (message, line,
//! column, category) through the tape as through serde_json's reader.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::reader_agrees(data));
