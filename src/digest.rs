//! Stable content hashes (XXH3, 128 bits) for the build cache: the same bytes, or the
//! same serialised value, give the same digest on every machine and in every build of
//! the binary (std's `DefaultHasher` promises neither). Not for security: a digest only
//! decides whether earlier work can be reused, and the cache lives in the site's own
//! work folder.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

/// A 128-bit content hash.
pub(crate) type Digest = u128;

/// The digest of some bytes.
pub(crate) fn of_bytes(bytes: &[u8]) -> Digest {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Feeds bytes and serialisable values into one digest.
#[derive(Default, Clone)]
pub(crate) struct Hasher(Xxh3);

impl Hasher {
    /// Adds bytes, prefixed by their length so that `ab`+`c` and `a`+`bc` differ.
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    /// Adds a value through its serde form (postcard's compact encoding, which is
    /// deterministic for structs, sequences and ordered maps). False when the value
    /// could not be encoded; the digest is then not to be trusted.
    pub(crate) fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> bool {
        postcard::serialize_with_flavor(value, Feed(&mut self.0)).is_ok()
    }

    /// The digest of everything added.
    pub(crate) fn finish(&self) -> Digest {
        self.0.digest128()
    }
}

/// A postcard output that hashes instead of storing.
struct Feed<'a>(&'a mut Xxh3);

impl postcard::ser_flavors::Flavor for Feed<'_> {
    type Output = ();

    fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
        self.0.update(data);
        Ok(())
    }

    fn try_push(&mut self, data: u8) -> postcard::Result<()> {
        self.0.update(&[data]);
        Ok(())
    }

    fn finalize(self) -> postcard::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The digest of a value as serde sees it (structs in field order, sequences in
    /// order), or `None` when the value cannot be serialised without a length up front.
    pub(super) fn of_value<T: Serialize + ?Sized>(value: &T) -> Option<Digest> {
        let mut hasher = Hasher::default();
        hasher.value(value).then(|| hasher.finish())
    }

    #[derive(Serialize)]
    struct View<'a> {
        title: &'a str,
        tags: Vec<&'a str>,
    }

    #[test]
    fn digests_are_stable_across_runs() {
        // A fixed value: a change of algorithm or encoding must be deliberate.
        assert_eq!(of_bytes(b"broadsheet"), 0xa3d5_0f57_e3cd_7eea_d591_3f39_66e0_550d_u128);
    }

    #[test]
    fn values_differ_when_any_field_differs() {
        let a = of_value(&View { title: "A", tags: vec!["x"] }).unwrap();
        let b = of_value(&View { title: "A", tags: vec!["y"] }).unwrap();
        let c = of_value(&View { title: "A", tags: vec!["x"] }).unwrap();
        assert_ne!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn length_prefix_separates_fields() {
        let mut one = Hasher::default();
        one.bytes(b"ab");
        one.bytes(b"c");
        let mut two = Hasher::default();
        two.bytes(b"a");
        two.bytes(b"bc");
        assert_ne!(one.finish(), two.finish());
    }
}
