//! Internally tagged enums (`#[serde(tag = "…")]`) read without buffering.
//!
//! serde's derived `Deserialize` for an internally tagged enum cannot know where the tag is, so
//! it reads the whole map into its private `Content` tree and then reads every variant again
//! from that tree: a lot of generic code per variant, which the extension's wasm pays for. Our
//! messages are written by serde, which always writes the tag first; [`tagged!`] reads the tag
//! first and then the rest of the same map straight into the variant's fields.
//!
//! The tag is not always first: a `serde_json::Value` keeps its keys sorted (tests and the
//! integration tests read messages through one), and a struct that flattens the enum may have
//! gained a field before it. The entries before the tag are then kept in a small [`Buffered`]
//! tree and read before the rest of the map: the only buffering, and only then.
//!
//! The derived `Serialize` is kept as it is: the JSON does not change. Reading stays as lenient
//! as the derive was: unknown fields are ignored, `#[serde(default)]` fields may be absent.

use core::fmt;

use core::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::{MapDeserializer, SeqDeserializer, StringDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess, Visitor};

/// Defines an internally tagged enum as written inside it, and its `Deserialize`.
///
/// The enum must start with its doc comment, then `#[derive(…)]` (with `Serialize`, without
/// `Deserialize`), then exactly `#[serde(tag = "…", rename_all = "…")]`. Variants are unit
/// variants or struct variants; field attributes (`#[serde(default)]`…) apply to reading as they
/// would with the derive.
macro_rules! tagged {
    (
        $(#[doc = $doc:literal])*
        #[derive($($derive:path),* $(,)?)]
        #[serde(tag = $tag:literal, rename_all = $rename_all:literal)]
        $vis:vis enum $name:ident {
            $(
                $(#[$vattr:meta])*
                $variant:ident $({
                    $( $(#[$fattr:meta])* $field:ident : $fty:ty ),* $(,)?
                })?
            ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive($($derive),*)]
        #[serde(tag = $tag, rename_all = $rename_all)]
        $vis enum $name {
            $(
                $(#[$vattr])*
                $variant $({
                    $( $(#[$fattr])* $field : $fty ),*
                })?
            ),*
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// The tag's value: the variant's name on the wire.
                #[derive(serde::Deserialize)]
                #[serde(variant_identifier, rename_all = $rename_all)]
                enum Tag {
                    $( $(#[$vattr])* $variant ),*
                }

                struct TagFirst;

                impl<'de> serde::de::Visitor<'de> for TagFirst {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("internally tagged enum ", stringify!($name)))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let before = $crate::wire::tagged::seek_tag(&mut map, $tag)?;
                        let tag = serde::de::MapAccess::next_value::<Tag>(&mut map)?;
                        let map = $crate::wire::tagged::Rest::new(before, map);
                        match tag {
                            $(
                                Tag::$variant => $crate::wire::tagged::tagged!(
                                    @variant map, $name, $variant $({ $( $(#[$fattr])* $field : $fty ),* })?
                                ),
                            )*
                        }
                    }
                }

                serde::Deserializer::deserialize_map(deserializer, TagFirst)
            }
        }
    };

    (@variant $map:ident, $name:ident, $variant:ident) => {{
        $crate::wire::tagged::ignore_rest($map)?;
        Ok($name::$variant)
    }};

    (@variant $map:ident, $name:ident, $variant:ident {
        $( $(#[$fattr:meta])* $field:ident : $fty:ty ),*
    }) => {{
        /// The variant's fields: the rest of the map.
        #[derive(serde::Deserialize)]
        struct $variant {
            $( $(#[$fattr])* $field : $fty ),*
        }

        let fields: $variant =
            serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new($map))?;
        Ok($name::$variant { $( $field: fields.$field ),* })
    }};
}

pub(crate) use tagged;

/// Reads keys up to the tag's, so that its value is next, and returns the entries before it
/// (none when the map was written by serde from the enum itself).
pub(crate) fn seek_tag<'de, A: MapAccess<'de>>(
    map: &mut A,
    tag: &'static str,
) -> Result<Vec<(String, Buffered)>, A::Error> {
    let mut before = Vec::new();
    loop {
        match map.next_key_seed(KeySeed { tag })? {
            Some(Key::Tag) => return Ok(before),
            Some(Key::Other(key)) => before.push((key, map.next_value()?)),
            None => return Err(de::Error::missing_field(tag)),
        }
    }
}

/// Reads and ignores the rest of a map: a unit variant ignores unknown fields, as the derive did.
pub(crate) fn ignore_rest<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

enum Key {
    Tag,
    Other(String),
}

struct KeySeed {
    tag: &'static str,
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
        Ok(if key == self.tag { Key::Tag } else { Key::Other(key.to_owned()) })
    }
}

/// The map after the tag: first the entries that came before the tag, then the rest.
pub(crate) struct Rest<A> {
    before: std::vec::IntoIter<(String, Buffered)>,
    value: Option<Buffered>,
    map: A,
}

impl<A> Rest<A> {
    pub(crate) fn new(before: Vec<(String, Buffered)>, map: A) -> Self {
        Self { before: before.into_iter(), value: None, map }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match self.before.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(StringDeserializer::new(key)).map(Some)
            }
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(BufferedDeserializer::new(value)),
            None => self.map.next_value_seed(seed),
        }
    }
}

/// A JSON value kept aside: an entry that came before the tag.
#[derive(Debug)]
pub(crate) enum Buffered {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(String),
    Seq(Vec<Buffered>),
    Map(Vec<(String, Buffered)>),
}

impl<'de> Deserialize<'de> for Buffered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BufferedVisitor)
    }
}

struct BufferedVisitor;

impl<'de> Visitor<'de> for BufferedVisitor {
    type Value = Buffered;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Buffered, E> {
        Ok(Buffered::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Buffered, E> {
        Ok(Buffered::I64(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Buffered, E> {
        Ok(Buffered::U64(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Buffered, E> {
        Ok(Buffered::F64(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Buffered, E> {
        Ok(Buffered::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Buffered, E> {
        Ok(Buffered::Str(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Buffered, E> {
        Ok(Buffered::Unit)
    }

    fn visit_none<E: de::Error>(self) -> Result<Buffered, E> {
        Ok(Buffered::Unit)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Buffered, D::Error> {
        Buffered::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Buffered, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Buffered::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Buffered, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Buffered::Map(entries))
    }
}

/// Reads a [`Buffered`] value as the JSON it came from.
pub(crate) struct BufferedDeserializer<E> {
    value: Buffered,
    error: PhantomData<E>,
}

impl<E> BufferedDeserializer<E> {
    fn new(value: Buffered) -> Self {
        Self { value, error: PhantomData }
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Buffered {
    type Deserializer = BufferedDeserializer<E>;

    fn into_deserializer(self) -> BufferedDeserializer<E> {
        BufferedDeserializer::new(self)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for BufferedDeserializer<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Buffered::Unit => visitor.visit_unit(),
            Buffered::Bool(v) => visitor.visit_bool(v),
            Buffered::U64(v) => visitor.visit_u64(v),
            Buffered::I64(v) => visitor.visit_i64(v),
            Buffered::F64(v) => visitor.visit_f64(v),
            Buffered::Str(v) => visitor.visit_string(v),
            Buffered::Seq(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Buffered::Map(entries) => {
                let mut map = MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Buffered::Unit => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.value {
            Buffered::Str(variant) => visitor.visit_enum(StringDeserializer::new(variant)),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}
