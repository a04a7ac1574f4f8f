//! The TLS settings of a connection string, taken out before the driver reads the rest: the
//! driver knows only three `sslmode` values and no `sslrootcert`.

/// `sslmode` and `sslrootcert` as written, and the connection string without them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct TlsParams {
    pub(crate) rest: String,
    pub(crate) sslmode: Option<String>,
    pub(crate) sslrootcert: Option<String>,
}

/// Splits the TLS settings off a URL (`postgresql://…?sslmode=…`) or a `key=value` string.
/// `None` when the text cannot be read as either (the caller reports it as malformed).
pub(crate) fn split_tls_params(conninfo: &str) -> Option<TlsParams> {
    if conninfo.starts_with("postgresql://") || conninfo.starts_with("postgres://") {
        split_url(conninfo)
    } else {
        split_key_values(conninfo)
    }
}

fn take(params: &mut TlsParams, key: &str, value: String) -> bool {
    let slot = match key {
        "sslmode" => &mut params.sslmode,
        "sslrootcert" => &mut params.sslrootcert,
        _ => return false,
    };
    // As libpq: the last setting of a key wins.
    *slot = Some(value);
    true
}

fn split_url(url: &str) -> Option<TlsParams> {
    let mut params = TlsParams::default();
    let Some((base, query)) = url.split_once('?') else {
        params.rest = url.to_owned();
        return Some(params);
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !take(&mut params, &percent_decode(key)?, percent_decode(value)?) {
            kept.push(pair);
        }
    }
    params.rest = if kept.is_empty() {
        base.to_owned()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Some(params)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// libpq's `key = value` form: values may be single-quoted, `\` escapes the next character.
fn split_key_values(s: &str) -> Option<TlsParams> {
    let mut params = TlsParams::default();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut kept = String::new();
    let mut i = 0;
    let skip_space = |i: &mut usize| {
        while chars.get(*i).is_some_and(|(_, c)| c.is_whitespace()) {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        let Some(&(start, _)) = chars.get(i) else {
            break;
        };
        let mut key = String::new();
        while let Some(&(_, c)) = chars.get(i) {
            if c == '=' || c.is_whitespace() {
                break;
            }
            key.push(c);
            i += 1;
        }
        skip_space(&mut i);
        if chars.get(i).map(|(_, c)| *c) != Some('=') {
            return None;
        }
        i += 1;
        skip_space(&mut i);
        let mut value = String::new();
        if chars.get(i).map(|(_, c)| *c) == Some('\'') {
            i += 1;
            loop {
                match chars.get(i)?.1 {
                    '\'' => {
                        i += 1;
                        break;
                    }
                    '\\' => {
                        value.push(chars.get(i + 1)?.1);
                        i += 2;
                    }
                    c => {
                        value.push(c);
                        i += 1;
                    }
                }
            }
        } else {
            while let Some(&(_, c)) = chars.get(i) {
                if c.is_whitespace() {
                    break;
                }
                if c == '\\' {
                    value.push(chars.get(i + 1)?.1);
                    i += 2;
                } else {
                    value.push(c);
                    i += 1;
                }
            }
        }
        let end = chars.get(i).map_or(s.len(), |(at, _)| *at);
        if !take(&mut params, &key, value) {
            if !kept.is_empty() {
                kept.push(' ');
            }
            kept.push_str(&s[start..end]);
        }
    }
    params.rest = kept;
    Some(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> TlsParams {
        let Some(p) = split_tls_params(s) else {
            panic!("readable: {s:?}")
        };
        p
    }

    #[test]
    fn a_url_loses_only_its_tls_parameters() {
        let p = split(
            "postgresql://u@db.example:5432/x?application_name=a&sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=3",
        );
        assert_eq!(p.sslmode.as_deref(), Some("verify-full"));
        assert_eq!(p.sslrootcert.as_deref(), Some("/etc/ca.pem"));
        assert_eq!(
            p.rest,
            "postgresql://u@db.example:5432/x?application_name=a&connect_timeout=3"
        );
        let bare = split("postgres://u@h/x?sslmode=require");
        assert_eq!(bare.rest, "postgres://u@h/x");
        assert_eq!(bare.sslmode.as_deref(), Some("require"));
        assert_eq!(split("postgresql://u@h/x").sslmode, None);
    }

    #[test]
    fn key_values_keep_their_quoting_and_lose_their_tls_settings() {
        let p = split(
            r"host=db user = u  sslmode= verify-ca password='a b\'c' sslrootcert='/my certs/ca.pem'",
        );
        assert_eq!(p.sslmode.as_deref(), Some("verify-ca"));
        assert_eq!(p.sslrootcert.as_deref(), Some("/my certs/ca.pem"));
        assert_eq!(p.rest, r"host=db user = u password='a b\'c'");
    }

    #[test]
    fn the_last_setting_wins_and_broken_text_is_unreadable() {
        assert_eq!(
            split("host=h sslmode=disable sslmode=require")
                .sslmode
                .as_deref(),
            Some("require")
        );
        assert_eq!(split_tls_params("host"), None);
        assert_eq!(split_tls_params("host='open"), None);
        assert_eq!(split_tls_params("postgresql://h/x?sslmode=%zz"), None);
    }
}
