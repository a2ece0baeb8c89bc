//! normalize_json with options drawn from the input's last bytes (remote_data, exclude_fields,
//! paging, a small max_input_bytes), provider and resource too.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| paynorm_fuzz::normalize_with_random_options(data));
