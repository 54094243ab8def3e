//! `vistok batch`: JSON Lines in, one JSON line out per input line, in order. Every line gets
//! its answer or its own error (not JSON, not UTF-8, longer than [`MAX_LINE`]); nothing in one
//! line stops the others.

use std::io::{self, BufRead};

use serde_json::Value;

use super::out::{Failure, Out};
use vistok::protocol::answer;

/// The longest line answered (a request with thousands of items fits many times over); a longer
/// one is read to its end, without keeping it, and answered with an error.
pub const MAX_LINE: usize = 1 << 20;

/// One input line as read.
enum Line {
    Text(String),
    NotUtf8,
    TooLong(usize),
}

/// The next line of `input` (without its newline), keeping at most [`MAX_LINE`] bytes of it.
fn next_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Option<Line>> {
    buf.clear();
    let mut total = 0usize;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            if total == 0 {
                return Ok(None);
            }
            break;
        }
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        total += part.len();
        if total <= MAX_LINE {
            buf.extend_from_slice(part);
        }
        let used = done.unwrap_or(chunk.len());
        input.consume(used);
        if done.is_some() {
            // An empty line still counts as one (and is skipped by the caller).
            total = total.max(1);
            break;
        }
    }
    if total > MAX_LINE {
        return Ok(Some(Line::TooLong(total)));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Some(match String::from_utf8(std::mem::take(buf)) {
        Ok(text) => Line::Text(text),
        Err(_) => Line::NotUtf8,
    }))
}

pub fn batch(out: &mut Out) -> Result<(), Failure> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut buf = Vec::new();
    let mut number = 0usize;
    while let Some(line) =
        next_line(&mut input, &mut buf).map_err(|e| Failure::Failed(format!("reading stdin: {e}")))?
    {
        number += 1;
        let answer = match line {
            Line::Text(text) if text.trim().is_empty() => continue,
            Line::Text(text) => answer(&text).unwrap_or_else(|(mut echo, message)| {
                echo.insert("error".into(), Value::String(format!("line {number}: {message}")));
                Value::Object(echo)
            }),
            Line::NotUtf8 => error(number, "not UTF-8 text".into()),
            Line::TooLong(bytes) => error(number, format!("{bytes} bytes, over the {MAX_LINE}-byte limit for a line")),
        };
        out.line(&answer.to_string())?;
    }
    Ok(())
}

fn error(number: usize, message: String) -> Value {
    serde_json::json!({ "error": format!("line {number}: {message}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> Vec<String> {
        let mut input = io::BufReader::with_capacity(7, bytes);
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        while let Some(line) = next_line(&mut input, &mut buf).unwrap() {
            seen.push(match line {
                Line::Text(t) => t,
                Line::NotUtf8 => "<not utf-8>".into(),
                Line::TooLong(n) => format!("<{n} bytes>"),
            });
        }
        seen
    }

    #[test]
    fn lines_are_split_across_small_reads_and_bad_ones_are_named() {
        assert_eq!(read_all(b"a\r\n\nbc\n\xff\xfe\nlast"), ["a", "", "bc", "<not utf-8>", "last"]);
        let long = [vec![b'x'; MAX_LINE + 5], b"\nok\n".to_vec()].concat();
        assert_eq!(read_all(&long), [format!("<{} bytes>", MAX_LINE + 5), "ok".into()]);
        assert!(read_all(b"").is_empty());
    }
}
