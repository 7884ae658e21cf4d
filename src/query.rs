//! The URL query: read leniently, one `key=value` pair at a time, and written back from settings.
//! What it carries is checked by [`crate::settings`] like any other input.

/// Longest query looked at, in bytes; the rest is ignored.
pub const MAX_QUERY: usize = 4096;

/// The `key=value` pairs of a query string (with or without the leading `?`), percent-decoded,
/// `+` read as a space. Malformed escapes are kept as they are; invalid UTF-8 is replaced.
pub fn parse(query: &str) -> Vec<(String, String)> {
    let mut end = query.len().min(MAX_QUERY);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    query[..end]
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes a value for a query: everything but unreserved characters and `,`.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_split_and_decoded() {
        assert_eq!(
            parse("?lr=0.1&hidden=4%2C4&x=a+b&flag"),
            vec![
                ("lr".into(), "0.1".into()),
                ("hidden".into(), "4,4".into()),
                ("x".into(), "a b".into()),
                ("flag".into(), "".into()),
            ]
        );
    }

    #[test]
    fn malformed_escapes_and_hostile_text_survive_as_plain_text() {
        assert_eq!(parse("a=%zz&b=%4")[0].1, "%zz");
        assert_eq!(parse("a=%zz&b=%4")[1].1, "%4");
        assert_eq!(parse("b=%")[0].1, "%");
        assert_eq!(parse("s=%3Cscript%3E")[0].1, "<script>");
        assert_eq!(parse("u=%FF")[0].1, "\u{FFFD}");
        assert!(parse(&"a=1&".repeat(10_000)).len() <= MAX_QUERY / 4 + 1);
    }

    #[test]
    fn encoding_round_trips() {
        for s in ["0.03", "8,8", "a b&c=d", "<é>"] {
            assert_eq!(parse(&format!("k={}", encode(s)))[0].1, s);
        }
    }
}
