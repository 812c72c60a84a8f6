//! Counted lists in config structs: a fixed array plus a `<name>_count` field, read and
//! replaced from Rust with the count checked against the array.

use crate::ua::fixed_str::FixedStr;
use crate::ua::status::{PJSUA2RS_ERR_INVALID_ARG, PJSUA2RS_ERR_TOO_MANY};
use crate::ua::{Error, Result};
use std::os::raw::c_char;

/// The used part of a counted list: its first `count` items. A count larger than the
/// array is an `INVALID_ARG` error naming `field`.
pub fn counted<'a, T>(items: &'a [T], count: u32, field: &str) -> Result<&'a [T]> {
    items.get(..count as usize).ok_or_else(|| {
        Error::new(
            PJSUA2RS_ERR_INVALID_ARG,
            "",
            format!(
                "{field}_count is {count}, more than the {} the field holds",
                items.len()
            ),
        )
    })
}

/// Replaces a counted list with `values`; `TOO_MANY` naming `field` (and nothing
/// changed) when they do not fit.
pub fn set_counted<T: Copy>(
    items: &mut [T],
    count: &mut u32,
    values: &[T],
    field: &str,
) -> Result<()> {
    check_room(items.len(), values.len(), field)?;
    items[..values.len()].copy_from_slice(values);
    *count = values.len() as u32;
    Ok(())
}

/// Appends `value` to a counted list; `TOO_MANY` naming `field` when it is full.
pub fn push_counted<T>(items: &mut [T], count: &mut u32, value: T, field: &str) -> Result<()> {
    let n = counted(items, *count, field)?.len();
    check_room(items.len(), n + 1, field)?;
    items[n] = value;
    *count += 1;
    Ok(())
}

/// The strings of a counted string list (`INVALID_ARG` for a bad count, a missing NUL or
/// bad UTF-8).
pub fn str_list<'a, const N: usize>(
    items: &'a [[c_char; N]],
    count: u32,
    field: &str,
) -> Result<Vec<&'a str>> {
    counted(items, count, field)?
        .iter()
        .enumerate()
        .map(|(i, s)| s.get_str(&format!("{field}[{i}]")))
        .collect()
}

/// Replaces a counted string list with `values`: `TOO_MANY` when there are too many,
/// `NAME_TOO_LONG` when one does not fit its field; nothing changes on error.
pub fn set_str_list<const N: usize, S: AsRef<str>>(
    items: &mut [[c_char; N]],
    count: &mut u32,
    values: &[S],
    field: &str,
) -> Result<()> {
    check_room(items.len(), values.len(), field)?;
    let mut staged = [[0 as c_char; N]].repeat(values.len());
    for (i, (slot, v)) in staged.iter_mut().zip(values).enumerate() {
        slot.set_str(v.as_ref(), &format!("{field}[{i}]"))?;
    }
    items[..values.len()].copy_from_slice(&staged);
    *count = values.len() as u32;
    Ok(())
}

fn check_room(capacity: usize, wanted: usize, field: &str) -> Result<()> {
    if wanted > capacity {
        return Err(Error::new(
            PJSUA2RS_ERR_TOO_MANY,
            "",
            format!("{field} holds at most {capacity} items ({wanted} given)"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ua::status::PJSUA2RS_ERR_NAME_TOO_LONG;

    #[test]
    fn string_lists_round_trip_and_check_bounds() {
        let mut items = [[0 as c_char; 8]; 2];
        let mut count = 0;
        set_str_list(&mut items, &mut count, &["a", "bc"], "l").unwrap();
        assert_eq!(str_list(&items, count, "l").unwrap(), ["a", "bc"]);
        let e = set_str_list(&mut items, &mut count, &["a", "b", "c"], "l").unwrap_err();
        assert_eq!(e.status, PJSUA2RS_ERR_TOO_MANY);
        let e = set_str_list(&mut items, &mut count, &["x", "123456789"], "l").unwrap_err();
        assert_eq!(e.status, PJSUA2RS_ERR_NAME_TOO_LONG);
        assert!(e.reason.contains("l[1]"), "{}", e.reason);
        assert_eq!(str_list(&items, count, "l").unwrap(), ["a", "bc"]);
        assert_eq!(
            str_list(&items, 3, "l").unwrap_err().status,
            PJSUA2RS_ERR_INVALID_ARG
        );
    }

    #[test]
    fn counted_lists_push_until_full() {
        let mut items = [0i32; 2];
        let mut count = 0;
        push_counted(&mut items, &mut count, 5, "k").unwrap();
        push_counted(&mut items, &mut count, 6, "k").unwrap();
        let e = push_counted(&mut items, &mut count, 7, "k").unwrap_err();
        assert_eq!(e.status, PJSUA2RS_ERR_TOO_MANY);
        assert_eq!(counted(&items, count, "k").unwrap(), [5, 6]);
        set_counted(&mut items, &mut count, &[9], "k").unwrap();
        assert_eq!(counted(&items, count, "k").unwrap(), [9]);
    }
}
