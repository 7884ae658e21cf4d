//! What a teacher's link holds: the settings it locks (shown, not changeable) or hides (not shown,
//! not changeable), as a [`KeySet`]; and the origins of the pages allowed to drive an embedded page
//! (`host=`), as exact origins ([`origin`]).

use super::effect::Effect;
use super::table::{COUNT, Key, PARAMS};

// One bit per setting.
const _: () = assert!(COUNT <= 64);

/// A set of settings, one bit per [`Key`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KeySet(u64);

impl KeySet {
    /// No setting.
    pub const EMPTY: KeySet = KeySet(0);

    /// Whether `key` is in the set.
    pub fn contains(self, key: Key) -> bool {
        self.0 & (1 << key as u64) != 0
    }

    /// The set with `key` added.
    pub fn with(self, key: Key) -> KeySet {
        KeySet(self.0 | 1 << key as u64)
    }

    /// Every setting in either set.
    pub fn union(self, other: KeySet) -> KeySet {
        KeySet(self.0 | other.0)
    }

    /// Whether every setting of `other` is in this set.
    pub fn covers(self, other: KeySet) -> bool {
        other.0 & !self.0 == 0
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Its settings, in the table's order.
    pub fn keys(self) -> impl Iterator<Item = Key> {
        PARAMS
            .iter()
            .map(|p| p.key)
            .filter(move |k| self.contains(*k))
    }
}

impl FromIterator<Key> for KeySet {
    fn from_iter<I: IntoIterator<Item = Key>>(keys: I) -> KeySet {
        keys.into_iter().fold(KeySet::EMPTY, KeySet::with)
    }
}

/// Whether a teacher's link may lock or hide `key`: every setting with a control on the page, that
/// is every one but how the page is shown (section, embedding, presenter mode, lesson and step,
/// the locks and the hosts themselves).
pub fn lockable(key: Key) -> bool {
    key.param().effect != Effect::View
}

/// Longest host name an origin may have (DNS's limit).
const MAX_HOST: usize = 253;

/// `raw` as a web origin in the form browsers give `MessageEvent.origin`: `http://` or `https://`,
/// a host name of letters, digits, dots and hyphens, and a port only if it is not the scheme's
/// default; lower case, no path (one trailing `/` is allowed and dropped). None for anything else
/// (user names, paths, queries, other schemes, IPv6 literals, non-ASCII).
pub fn origin(raw: &str) -> Option<String> {
    let raw = raw.strip_suffix('/').unwrap_or(raw).to_ascii_lowercase();
    let (scheme, rest, default_port) = if let Some(rest) = raw.strip_prefix("https://") {
        ("https", rest, 443)
    } else if let Some(rest) = raw.strip_prefix("http://") {
        ("http", rest, 80)
    } else {
        return None;
    };
    let (host, port) = match rest.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= MAX_HOST
        && host
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && !host.contains("..");
    if !host_ok {
        return None;
    }
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(p) => {
            if p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let n: u32 = p.parse().ok()?;
            match n {
                0 | 65536.. => None,
                n if n == default_port => Some(format!("{scheme}://{host}")),
                n => Some(format!("{scheme}://{host}:{n}")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_set_holds_what_was_added_and_lists_it_in_the_tables_order() {
        let set = KeySet::EMPTY.with(Key::LearningRate).with(Key::Data);
        assert!(set.contains(Key::Data) && set.contains(Key::LearningRate));
        assert!(!set.contains(Key::Batch));
        assert_eq!(
            set.keys().collect::<Vec<_>>(),
            vec![Key::Data, Key::LearningRate]
        );
        assert!(set.covers(KeySet::EMPTY.with(Key::Data)));
        assert!(!KeySet::EMPTY.with(Key::Data).covers(set));
        assert!(KeySet::EMPTY.is_empty() && !set.is_empty());
        let last = PARAMS[COUNT - 1].key;
        assert!(KeySet::EMPTY.with(last).contains(last));
    }

    #[test]
    fn only_settings_with_a_control_can_be_locked() {
        assert!(lockable(Key::LearningRate) && lockable(Key::Balls) && lockable(Key::Speed));
        for key in [
            Key::Panel,
            Key::Embed,
            Key::Present,
            Key::Lesson,
            Key::LessonStep,
            Key::Lock,
            Key::Hide,
            Key::Host,
        ] {
            assert!(!lockable(key), "{key:?}");
        }
    }

    #[test]
    fn an_origin_is_read_as_browsers_write_it_and_anything_else_is_refused() {
        for (raw, want) in [
            ("https://blog.example", "https://blog.example"),
            ("HTTPS://Blog.Example/", "https://blog.example"),
            ("http://127.0.0.1:8820", "http://127.0.0.1:8820"),
            ("http://localhost:80", "http://localhost"),
            ("https://a-b.example:443", "https://a-b.example"),
            ("https://a.example:8443", "https://a.example:8443"),
        ] {
            assert_eq!(origin(raw).as_deref(), Some(want), "{raw}");
        }
        for raw in [
            "",
            "*",
            "null",
            "blog.example",
            "ftp://blog.example",
            "javascript:alert(1)",
            "https://",
            "https://blog.example/path",
            "https://blog.example?x=1",
            "https://user@blog.example",
            "https://blog.example:0",
            "https://blog.example:65536",
            "https://blog.example:",
            "https://blog.example:12a",
            "https://-blog.example",
            "https://blog..example",
            "https://[::1]",
            "https://bl\u{f6}g.example",
            "https://<script>",
        ] {
            assert_eq!(origin(raw), None, "{raw}");
        }
    }
}
