//! A dictionary-encoded column of optional values: a `u32` code a row, and each distinct value
//! once. A column where no row has a value holds nothing at all.

use std::collections::HashMap;
use std::hash::Hash;

use crate::PopulationError;

/// The code of a row without a value.
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub(crate) struct Dictionary<T> {
    /// One code a row, or empty while no row has a value.
    codes: Vec<u32>,
    values: Vec<T>,
    index: HashMap<T, u32>,
}

/// Equal when the codes and the values are: the index is made from the values.
impl<T: PartialEq> PartialEq for Dictionary<T> {
    fn eq(&self, other: &Self) -> bool {
        self.codes == other.codes && self.values == other.values
    }
}

impl<T: Eq> Eq for Dictionary<T> {}

impl<T> Default for Dictionary<T> {
    fn default() -> Self {
        Dictionary {
            codes: Vec::new(),
            values: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<T: Clone + Eq + Hash> Dictionary<T> {
    /// The code that row `row` (the next row: rows come in order) will hold for `value`,
    /// checked before anything is stored, so that a record is added whole or not at all.
    pub(crate) fn code_for(&self, value: Option<&T>) -> Result<Option<u32>, PopulationError> {
        match value {
            None => Ok(None),
            Some(v) => match self.index.get(v) {
                Some(code) => Ok(Some(*code)),
                None => u32::try_from(self.values.len())
                    .ok()
                    .filter(|code| *code != NONE)
                    .map(Some)
                    .ok_or(PopulationError::TooLarge { what: "labels" }),
            },
        }
    }

    /// Stores `value` for row `row`, the next row.
    pub(crate) fn push(&mut self, row: usize, value: Option<&T>) {
        let code = match value {
            None if self.codes.is_empty() => return,
            None => NONE,
            Some(v) => match self.index.get(v) {
                Some(code) => *code,
                None => {
                    let code = u32::try_from(self.values.len()).unwrap_or(NONE);
                    self.values.push(v.clone());
                    self.index.insert(v.clone(), code);
                    code
                }
            },
        };
        self.codes.resize(row, NONE);
        self.codes.push(code);
    }

    /// The code of row `row`, `None` without a value.
    pub(crate) fn code(&self, row: usize) -> Option<u32> {
        self.codes.get(row).copied().filter(|c| *c != NONE)
    }

    /// The value of row `row`.
    pub(crate) fn get(&self, row: usize) -> Option<&T> {
        self.code(row)
            .and_then(|code| self.values.get(code as usize))
    }

    /// The bytes of the codes and of the values' handles (the values' own heap text aside).
    pub(crate) fn column_bytes(&self) -> usize {
        self.codes.len() * size_of::<u32>() + self.values.len() * size_of::<T>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_before_the_first_value_read_as_none_and_values_are_shared() {
        let mut column = Dictionary::<String>::default();
        column.push(0, None);
        column.push(1, None);
        assert!(column.codes.is_empty());
        let a = "A".to_owned();
        assert_eq!(column.code_for(Some(&a)), Ok(Some(0)));
        column.push(2, Some(&a));
        column.push(3, None);
        column.push(4, Some(&a));
        assert_eq!(column.codes.len(), 5);
        let rows: Vec<_> = (0..6).map(|r| column.get(r).cloned()).collect();
        assert_eq!(
            rows,
            [None, None, Some(a.clone()), None, Some(a.clone()), None]
        );
        assert_eq!(column.code(4), Some(0));
        assert_eq!(column.values.len(), 1);
    }
}
