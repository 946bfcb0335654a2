//! Share links: a small plan carried in the link's fragment (`#plan=…`), which browsers
//! never send to a server. The plan file's text is compressed (raw DEFLATE, done by the
//! browser's CompressionStream) and written in base64url; this module does the text
//! side and the size rule, so both are tested natively.

/// What a share link's fragment starts with.
pub const SHARE_FRAGMENT_PREFIX: &str = "#plan=";

/// The longest fragment a share link may have: 16,000 characters, about a 60-task plan
/// with its people, RACI and risks (the 40-task example needs about 9,200). Browsers
/// take far longer URLs, but mail clients, chat tools and wikis cut or refuse very long
/// links; a larger plan travels as a file.
pub const MAX_SHARE_FRAGMENT_CHARS: usize = 16_000;

/// Why a plan cannot be shared as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkTooLong {
    /// How long the fragment would be.
    pub chars: usize,
}

impl std::fmt::Display for LinkTooLong {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "this plan needs a link of {} characters, more than the {} a link carries safely through mail and chat; share the plan file instead (Export)",
            self.chars, MAX_SHARE_FRAGMENT_CHARS
        )
    }
}

/// The fragment (`#plan=…`) for a compressed plan, or why it is too long.
pub fn share_fragment(compressed: &[u8]) -> Result<String, LinkTooLong> {
    let fragment = format!("{SHARE_FRAGMENT_PREFIX}{}", base64url_encode(compressed));
    if fragment.len() > MAX_SHARE_FRAGMENT_CHARS {
        return Err(LinkTooLong { chars: fragment.len() });
    }
    Ok(fragment)
}

/// The compressed plan a fragment carries: `None` when the fragment is not a share
/// link, `Some(Err)` when it is one but damaged (cut short in a mail, edited).
pub fn shared_bytes(fragment: &str) -> Option<Result<Vec<u8>, String>> {
    let payload = fragment.strip_prefix(SHARE_FRAGMENT_PREFIX)?;
    // Links are much shorter than this; a longer one is not read at all.
    if payload.len() > 4 * MAX_SHARE_FRAGMENT_CHARS {
        return Some(Err(format!("the link is {} characters long, too long to be a share link", payload.len())));
    }
    Some(base64url_decode(payload))
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url (RFC 4648 §5) without padding.
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let value =
            chunk.iter().enumerate().fold(0u32, |value, (index, byte)| value | u32::from(*byte) << (16 - 8 * index));
        for index in 0..=chunk.len() {
            text.push(char::from(ALPHABET[(value >> (18 - 6 * index) & 0x3f) as usize]));
        }
    }
    text
}

/// Reads base64url without padding (a trailing `=` is tolerated); any other character
/// is an error naming it.
pub fn base64url_decode(text: &str) -> Result<Vec<u8>, String> {
    let text = text.trim_end_matches('=');
    let mut bytes = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for (position, character) in text.chars().enumerate() {
        let value = match character {
            'A'..='Z' => character as u32 - 'A' as u32,
            'a'..='z' => character as u32 - 'a' as u32 + 26,
            '0'..='9' => character as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            other => {
                return Err(format!("the link is damaged: \"{other}\" at character {} of the plan", position + 1));
            }
        };
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return Err("the link is damaged: it was cut short".into());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors_without_padding() {
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8", "the URL-safe letters");
        assert_eq!(base64url_decode("Zg==").unwrap(), b"f", "padding is tolerated");
    }

    #[test]
    fn every_byte_sequence_comes_back() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for length in 0..bytes.len() {
            assert_eq!(base64url_decode(&base64url_encode(&bytes[..length])).unwrap(), &bytes[..length]);
        }
    }

    #[test]
    fn damaged_links_say_what_is_wrong() {
        assert!(base64url_decode("Zm9v+v").unwrap_err().contains("\"+\" at character 5"));
        assert!(base64url_decode("Zm9vY").unwrap_err().contains("cut short"));
        assert_eq!(shared_bytes("#other"), None);
        assert_eq!(shared_bytes("#plan=Zm9v"), Some(Ok(b"foo".to_vec())));
        assert!(shared_bytes(&format!("#plan={}", "A".repeat(70_000))).unwrap().is_err());
    }

    #[test]
    fn a_plan_too_large_for_a_link_says_so_and_suggests_the_file() {
        let fits = vec![7u8; 11_000];
        assert!(share_fragment(&fits).unwrap().starts_with("#plan="));
        let too_large = vec![7u8; 12_000];
        let error = share_fragment(&too_large).unwrap_err();
        assert_eq!(error.chars, 6 + 16_000);
        assert!(error.to_string().contains("share the plan file instead"));
    }
}
