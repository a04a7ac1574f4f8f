//! What text a name may hold: no character that can make two different texts look alike.
//!
//! A right-to-left override shows `AB` and `A\u{202E}B` differently but a zero-width space
//! or a word joiner shows `A\u{200B}B` exactly as `AB`, so two unit names, facilities or
//! holders that read the same would be different keys. Names refuse such characters; codes
//! go further and take ASCII only, by their format.

use crate::InputError;

/// Why `c` can hide in text or reorder it, if it can.
fn hidden_kind(c: char) -> Option<&'static str> {
    if c.is_control() {
        return Some("a control character");
    }
    match c {
        // Embeddings, overrides, isolates and marks of the bidirectional algorithm.
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some("a bidirectional control character"),
        // Zero-width space, non-joiner and joiner, word joiner, byte-order mark, and the
        // invisible operators and combining grapheme joiner, which show nothing either.
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{034F}' => {
            Some("a zero-width character")
        }
        // Characters that render as nothing or as a blank in Korean text.
        '\u{00AD}' | '\u{180E}' | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' => {
            Some("an invisible filler")
        }
        '\u{2028}' | '\u{2029}' => Some("a line or paragraph separator"),
        _ => None,
    }
}

/// Refuses `text` when it holds a control, bidirectional, zero-width or other invisible
/// character, naming `what` and the first such character (its position counted from 1).
///
/// Every name the library checks (unit course labels, record ids) goes through it, and so can
/// a host's own names, such as the candidate ids of a population file.
///
/// # Errors
/// [`InputError::HiddenCharacter`] for the first such character.
///
/// # Example
/// ```
/// use cqnet_core::text::check_visible;
/// assert!(check_visible("candidate id", "홍길동-01").is_ok());
/// assert!(check_visible("candidate id", "홍길동\u{200B}01").is_err());
/// assert!(check_visible("candidate id", "a\tb").is_err());
/// ```
pub fn check_visible(what: &'static str, text: &str) -> Result<(), InputError> {
    match text
        .chars()
        .enumerate()
        .find_map(|(i, c)| hidden_kind(c).map(|kind| (i + 1, c, kind)))
    {
        Some((position, character, kind)) => Err(InputError::HiddenCharacter {
            what,
            value: InputError::quoted(text),
            character,
            position,
            kind,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_character_is_refused_and_plain_korean_is_not() {
        let listed = [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
            '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}',
            '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{0}', '\u{1B}', '\u{7F}', '\u{85}',
        ];
        for c in listed {
            let text = format!("정보{c}처리");
            assert!(
                matches!(
                    check_visible("name", &text),
                    Err(InputError::HiddenCharacter { position: 3, character, .. }) if character == c
                ),
                "U+{:04X}",
                c as u32
            );
        }
        for fine in ["정보처리산업기사", "CNC 선반", "미용사(일반)", "A-01_b.c"] {
            assert!(check_visible("name", fine).is_ok(), "{fine}");
        }
    }
}
