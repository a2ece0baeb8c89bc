//! Contact rules: phone numbers and person names (docs/mapping.md#other-conventions).

use super::text;

/// A phone number the provider splits into country code and number, joined as
/// `+<country code><number>` with spaces removed: (`"+1"`, `"415 555 2671"`) ->
/// `"+14155552671"`, (`"91"`, `"9988776655"`) -> `"+919988776655"`. Without a country code the
/// number is returned with its spaces removed; without a number, `None`.
pub fn join_phone(country_code: Option<&str>, number: Option<&str>) -> Option<String> {
    let number: String = text(number)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let code: String = text(country_code)
        .map(|c| {
            c.chars()
                .filter(|c| !c.is_whitespace() && *c != '+')
                .collect()
        })
        .unwrap_or_default();
    if code.is_empty() || number.starts_with('+') {
        return Some(number);
    }
    Some(format!("+{code}{number}"))
}

/// A name the provider splits: `first last`, trimmed; `None` when both parts are empty.
pub fn join_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let first = first.unwrap_or("").trim();
    let last = last.unwrap_or("").trim();
    let joined = format!("{first} {last}");
    text(Some(joined.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(
            join_phone(Some("+1"), Some("415 555 2671")).as_deref(),
            Some("+14155552671")
        );
        assert_eq!(
            join_phone(Some("91"), Some("9988776655")).as_deref(),
            Some("+919988776655")
        );
        assert_eq!(join_phone(None, Some("99 88")).as_deref(), Some("9988"));
        assert_eq!(join_phone(Some("+44"), None), None);
        assert_eq!(join_phone(Some(""), Some("")), None);
        assert_eq!(
            join_phone(Some("91"), Some("+919988776655")).as_deref(),
            Some("+919988776655")
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            join_name(Some(" Jane "), Some("Doe")).as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(join_name(Some("Jane"), None).as_deref(), Some("Jane"));
        assert_eq!(join_name(None, Some("Doe")).as_deref(), Some("Doe"));
        assert_eq!(join_name(Some(""), Some(" ")), None);
    }
}
