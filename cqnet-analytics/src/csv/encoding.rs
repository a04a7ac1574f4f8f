//! The text of a CSV file: UTF-8 with or without a byte-order mark, or CP949 (windows-949,
//! which encoding_rs names EUC-KR), as Korean spreadsheets save it.

use std::borrow::Cow;

use encoding_rs::{DecoderResult, EUC_KR};

use super::CsvError;

/// How the bytes of a file are read as text.
///
/// # Example
/// ```
/// use cqnet_analytics::csv::{decode, Encoding, TextEncoding};
/// let (text, used) = decode(b"\xEF\xBB\xBFcandidate", TextEncoding::Detect)?;
/// assert_eq!((text.as_ref(), used), ("candidate", Encoding::Utf8));
/// // 홍길동 in CP949: not UTF-8.
/// let (text, used) = decode(b"\xC8\xAB\xB1\xE6\xB5\xBF", TextEncoding::Detect)?;
/// assert_eq!((text.as_ref(), used), ("홍길동", Encoding::Cp949));
/// // 홍 alone is two bytes that happen to be UTF-8 (ȫ): name the encoding when it is known.
/// let (text, _) = decode(b"\xC8\xAB", TextEncoding::Cp949)?;
/// assert_eq!(text, "홍");
/// # Ok::<(), cqnet_analytics::csv::CsvError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8 when the file starts with its byte-order mark or is valid UTF-8 throughout,
    /// CP949 otherwise. A few bytes of CP949 can happen to be valid UTF-8 (a whole file of
    /// Hangul practically never is): name the encoding when it is known.
    #[default]
    Detect,
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// CP949 (windows-949, a superset of EUC-KR); a UTF-8 byte-order mark is refused.
    Cp949,
}

/// The encoding a file was read in.
///
/// # Example
/// See [`TextEncoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, dropped).
    Utf8,
    /// CP949.
    Cp949,
}

impl Encoding {
    /// The encoding's name.
    ///
    /// # Example
    /// ```
    /// use cqnet_analytics::csv::Encoding;
    /// assert_eq!(Encoding::Cp949.name(), "CP949");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Cp949 => "CP949",
        }
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text of `bytes` read as `encoding` asks, and the encoding used.
///
/// # Errors
/// [`CsvError::Undecodable`] for bytes that are not text in the encoding, naming the line of
/// the first bad byte.
///
/// # Example
/// See [`TextEncoding`].
pub fn decode(bytes: &[u8], encoding: TextEncoding) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    let has_bom = bytes.starts_with(BOM);
    match encoding {
        TextEncoding::Utf8 => utf8(bytes),
        TextEncoding::Cp949 if has_bom => Err(CsvError::Undecodable {
            encoding: Encoding::Cp949.name(),
            line: 1,
        }),
        TextEncoding::Cp949 => cp949(bytes),
        TextEncoding::Detect if has_bom => utf8(bytes),
        TextEncoding::Detect => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
            Err(_) => cp949(bytes),
        },
    }
}

fn utf8(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(body)
        .map(|text| (Cow::Borrowed(text), Encoding::Utf8))
        .map_err(|e| CsvError::Undecodable {
            encoding: Encoding::Utf8.name(),
            line: line_at(body, e.valid_up_to()),
        })
}

fn cp949(bytes: &[u8]) -> Result<(Cow<'_, str>, Encoding), CsvError> {
    let mut decoder = EUC_KR.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => Ok((Cow::Owned(text), Encoding::Cp949)),
        DecoderResult::Malformed(..) | DecoderResult::OutputFull => Err(CsvError::Undecodable {
            encoding: Encoding::Cp949.name(),
            line: line_at(bytes, read.saturating_sub(1)),
        }),
    }
}

/// The line (from 1) of byte `offset`.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    let before = bytes.get(..offset).unwrap_or(bytes);
    before.iter().filter(|b| **b == b'\n').count() as u64 + 1
}
