//! Arrow values as the text the CSV schema reads: each accepted Arrow type rendered into the
//! field a CSV file would hold, so that one set of rules reads both formats. The renderer of
//! a column is chosen once per file from its type; a type the schema does not accept is
//! refused before any row is read.

use std::fmt::Write as _;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type,
    UInt64Type,
};
use arrow_array::{Array, ArrowPrimitiveType, OffsetSizeTrait};
use arrow_schema::DataType;

/// What a column of the schema holds, and so which Arrow types it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text: `Utf8`, `LargeUtf8` or `Utf8View`.
    Text,
    /// An exact decimal: an integer type, `Decimal128`, or text as the CSV writes it.
    Number,
    /// A yes or no: `Boolean`, or text (`true`, `false`) as the CSV writes it.
    Flag,
    /// Scores of rounds: a list (`List`, `LargeList`) of numbers, a null item for a round not
    /// taken (미응시), or text joined by `;` as the CSV writes it.
    Scores,
}

impl Kind {
    /// The accepted Arrow types, in words, for an error.
    pub(crate) fn expected(self) -> &'static str {
        match self {
            Kind::Text => "Utf8, LargeUtf8 or Utf8View",
            Kind::Number => {
                "an integer type, Decimal128, or Utf8, LargeUtf8 or Utf8View holding a decimal"
            }
            Kind::Flag => "Boolean, or Utf8, LargeUtf8 or Utf8View holding true or false",
            Kind::Scores => {
                "List or LargeList of integers, Decimal128 or text (null for a round not taken), or Utf8, LargeUtf8 or Utf8View joined by ;"
            }
        }
    }
}

/// Appends the value at `row` of an array (known to be of the renderer's type) to `out`.
type Render = fn(&dyn Array, usize, &mut String);

/// How a column's values are rendered.
#[derive(Clone, Copy)]
pub(crate) enum Renderer {
    /// One value a row.
    Scalar(Render),
    /// A list a row (of 32- or 64-bit offsets), its items rendered by the inner renderer and
    /// joined by `;`, a null item written `-`.
    List { large: bool, item: Render },
}

impl Renderer {
    /// The renderer of a column of `kind` typed `data_type`, or `None` for a type the column
    /// does not accept. Floating-point numbers are never accepted: they are not exact.
    pub(crate) fn for_type(kind: Kind, data_type: &DataType) -> Option<Renderer> {
        match kind {
            Kind::Text => text(data_type).map(Renderer::Scalar),
            Kind::Number => number(data_type).map(Renderer::Scalar),
            Kind::Flag => match data_type {
                DataType::Boolean => Some(Renderer::Scalar(boolean)),
                other => text(other).map(Renderer::Scalar),
            },
            Kind::Scores => match data_type {
                DataType::List(item) => {
                    number(item.data_type()).map(|item| Renderer::List { large: false, item })
                }
                DataType::LargeList(item) => {
                    number(item.data_type()).map(|item| Renderer::List { large: true, item })
                }
                other => text(other).map(Renderer::Scalar),
            },
        }
    }

    /// Appends the value at `row` of `array` to `out`; nothing for a null (the CSV's empty
    /// field).
    pub(crate) fn render(self, array: &dyn Array, row: usize, out: &mut String) {
        if array.is_null(row) {
            return;
        }
        match self {
            Renderer::Scalar(render) => render(array, row, out),
            Renderer::List { large: false, item } => list::<i32>(array, row, item, out),
            Renderer::List { large: true, item } => list::<i64>(array, row, item, out),
        }
    }
}

fn text(data_type: &DataType) -> Option<Render> {
    match data_type {
        DataType::Utf8 => Some(utf8::<i32>),
        DataType::LargeUtf8 => Some(utf8::<i64>),
        DataType::Utf8View => Some(utf8_view),
        _ => None,
    }
}

fn number(data_type: &DataType) -> Option<Render> {
    match data_type {
        DataType::Int8 => Some(integer::<Int8Type>),
        DataType::Int16 => Some(integer::<Int16Type>),
        DataType::Int32 => Some(integer::<Int32Type>),
        DataType::Int64 => Some(integer::<Int64Type>),
        DataType::UInt8 => Some(integer::<UInt8Type>),
        DataType::UInt16 => Some(integer::<UInt16Type>),
        DataType::UInt32 => Some(integer::<UInt32Type>),
        DataType::UInt64 => Some(integer::<UInt64Type>),
        DataType::Decimal128(_, _) => Some(decimal128),
        other => text(other),
    }
}

fn boolean(array: &dyn Array, row: usize, out: &mut String) {
    if let Some(values) = array.as_boolean_opt() {
        out.push_str(if values.value(row) { "true" } else { "false" });
    }
}

fn utf8<O: OffsetSizeTrait>(array: &dyn Array, row: usize, out: &mut String) {
    if let Some(strings) = array.as_string_opt::<O>() {
        out.push_str(strings.value(row));
    }
}

fn utf8_view(array: &dyn Array, row: usize, out: &mut String) {
    if let Some(strings) = array.as_string_view_opt() {
        out.push_str(strings.value(row));
    }
}

fn integer<T: ArrowPrimitiveType>(array: &dyn Array, row: usize, out: &mut String)
where
    T::Native: std::fmt::Display,
{
    if let Some(values) = array.as_primitive_opt::<T>() {
        // Writing to a String cannot fail.
        let _ = write!(out, "{}", values.value(row));
    }
}

/// A `Decimal128` as the decimal it stands for: `4050` of scale 2 is `40.50`, of scale -1
/// `40500`. The core then reads it, refusing more than four decimal places as it does in CSV.
fn decimal128(array: &dyn Array, row: usize, out: &mut String) {
    let Some(values) = array.as_primitive_opt::<Decimal128Type>() else {
        return;
    };
    push_decimal(values.value(row), values.scale(), out);
}

/// Appends `mantissa × 10^-scale` in plain decimal notation.
pub(crate) fn push_decimal(mantissa: i128, scale: i8, out: &mut String) {
    if mantissa < 0 {
        out.push('-');
    }
    let digits = mantissa.unsigned_abs().to_string();
    if scale <= 0 {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', usize::from(scale.unsigned_abs())));
        return;
    }
    let scale = usize::from(scale.unsigned_abs());
    if digits.len() > scale {
        let (whole, fraction) = digits.split_at(digits.len() - scale);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', scale - digits.len()));
        out.push_str(&digits);
    }
}

fn list<O: OffsetSizeTrait>(array: &dyn Array, row: usize, item: Render, out: &mut String) {
    let Some(lists) = array.as_list_opt::<O>() else {
        return;
    };
    let offsets = lists.value_offsets();
    let (Some(start), Some(end)) = (offsets.get(row), offsets.get(row + 1)) else {
        return;
    };
    let values = lists.values().as_ref();
    for (n, index) in (start.as_usize()..end.as_usize()).enumerate() {
        if n > 0 {
            out.push(';');
        }
        if values.is_null(index) {
            out.push('-');
        } else {
            item(values, index, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::push_decimal;

    #[test]
    fn decimals_are_written_as_the_csv_writes_them() {
        let cases = [
            (4050, 2, "40.50"),
            (5, 3, "0.005"),
            (-225, 1, "-22.5"),
            (4, -1, "40"),
            (0, 0, "0"),
        ];
        for (mantissa, scale, text) in cases {
            let mut out = String::new();
            push_decimal(mantissa, scale, &mut out);
            assert_eq!(out, text, "{mantissa} of scale {scale}");
        }
    }
}
