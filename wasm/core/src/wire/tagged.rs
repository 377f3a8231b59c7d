//! Internally tagged enums (`#[serde(tag = "…")]`) read without buffering.
//!
//! serde's derived `Deserialize` for an internally tagged enum cannot know where the tag is, so
//! it reads the whole map into its private `Content` tree and then reads every variant again
//! from that tree: a lot of generic code per variant, which the extension's wasm pays for. Our
//! messages are written by serde, which always writes the tag first; [`tagged!`] reads the tag
//! first and then the rest of the same map straight into the variant's fields.
//!
//! The tag must be the first key (docs/WIRE.md): a map whose first key is another is refused
//! with an error that names the tag and the key found instead, never misread and never
//! buffered. A `serde_json::Value` sorts its keys (serde_json's `preserve_order` is off), so a
//! message read back through one is refused; read the text instead.
//!
//! A struct that flattens such an enum reads itself with [`flattening!`] rather than serde's
//! `#[serde(flatten)]`, which buffers the whole map as well: its own keys may come before the
//! tag, and after the tag they are taken out of the map the variant reads.
//!
//! The derived `Serialize` is kept as it is: the JSON does not change. Reading stays as lenient
//! as the derive was after the tag: unknown fields are ignored, `#[serde(default)]` fields may be
//! absent.

use core::fmt;

use core::marker::PhantomData;

use serde::de::value::StrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

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

        impl<'de> $crate::wire::tagged::AfterTag<'de> for $name {
            const TAG: &'static str = $tag;

            fn after_tag<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
                /// The tag's value: the variant's name on the wire.
                #[derive(serde::Deserialize)]
                #[serde(variant_identifier, rename_all = $rename_all)]
                enum Tag {
                    $( $(#[$vattr])* $variant ),*
                }

                match serde::de::MapAccess::next_value::<Tag>(&mut map)? {
                    $(
                        Tag::$variant => $crate::wire::tagged::tagged!(
                            @variant map, $name, $variant $({ $( $(#[$fattr])* $field : $fty ),* })?
                        ),
                    )*
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct TagFirst;

                impl<'de> serde::de::Visitor<'de> for TagFirst {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("internally tagged enum ", stringify!($name)))
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        $crate::wire::tagged::first_key_is_tag(&mut map, $tag, stringify!($name))?;
                        <$name as $crate::wire::tagged::AfterTag<'de>>::after_tag(map)
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

/// `Deserialize` for a struct that flattens an enum made with [`tagged!`], in place of serde's
/// `#[serde(flatten)]` one (which buffers the whole map); its `Serialize` stays derived.
///
/// `$required` fields must be present; `$default` fields take their `Default` when absent (as
/// `#[serde(default)]`). Keys of the struct may come before the enum's tag; any other key there
/// is refused, since the tag must come first among the enum's keys. After the tag, the struct's
/// keys and the variant's may come in any order, and unknown ones are ignored.
macro_rules! flattening {
    (
        $name:ident { $flat:ident: $flat_ty:ty,
            required { $( $required:ident: $required_ty:ty ),* $(,)? }
            default { $( $default:ident: $default_ty:ty ),* $(,)? }
        }
    ) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// The struct's own fields, as they come.
                #[derive(Default)]
                struct Fields {
                    $( $required: Option<$required_ty>, )*
                    $( $default: Option<$default_ty>, )*
                }

                impl<'de> $crate::wire::tagged::Outer<'de> for Fields {
                    type Flat = $flat_ty;
                    type Value = $name;
                    const NAME: &'static str = stringify!($name);

                    fn field<A: serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
                        match key {
                            $( stringify!($required) => self.$required = Some(map.next_value()?), )*
                            $( stringify!($default) => self.$default = Some(map.next_value()?), )*
                            _ => return Ok(false),
                        }
                        Ok(true)
                    }

                    fn finish<E: serde::de::Error>(self, $flat: $flat_ty) -> Result<$name, E> {
                        Ok($name {
                            $flat,
                            $( $required: self.$required.ok_or_else(|| E::missing_field(stringify!($required)))?, )*
                            $( $default: self.$default.unwrap_or_default(), )*
                        })
                    }
                }

                $crate::wire::tagged::read_flattening::<D, Fields>(deserializer)
            }
        }
    };
}

pub(crate) use flattening;

/// An enum made with [`tagged!`], read from just after its tag's key.
pub(crate) trait AfterTag<'de>: Sized {
    /// The tag's key.
    const TAG: &'static str;

    /// Reads the tag's value (next in `map`), then the variant's fields from the rest of `map`.
    fn after_tag<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// The own fields of a struct that flattens a [`tagged!`] enum (made by [`flattening!`]).
pub(crate) trait Outer<'de>: Default {
    /// The flattened enum.
    type Flat: AfterTag<'de>;
    /// The struct.
    type Value;
    /// The struct's name, for errors.
    const NAME: &'static str;

    /// Reads `key`'s value into its field when `key` is one of the struct's own; false otherwise
    /// (the value is still to be read).
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// The struct, once the map is read.
    fn finish<E: de::Error>(self, flat: Self::Flat) -> Result<Self::Value, E>;
}

/// Reads a struct that flattens a [`tagged!`] enum: its own keys up to the enum's tag, then the
/// variant from the rest of the map, the struct's own keys taken out on the way.
pub(crate) fn read_flattening<'de, D: Deserializer<'de>, O: Outer<'de>>(deserializer: D) -> Result<O::Value, D::Error> {
    deserializer.deserialize_map(Flattening(PhantomData::<O>))
}

struct Flattening<O>(PhantomData<O>);

impl<'de, O: Outer<'de>> Visitor<'de> for Flattening<O> {
    type Value = O::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", O::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<O::Value, A::Error> {
        let tag = <O::Flat as AfterTag<'de>>::TAG;
        let mut outer = O::default();
        loop {
            let Some(key) = map.next_key::<String>()? else { return Err(de::Error::missing_field(tag)) };
            if key == tag {
                break;
            }
            if !outer.field(&key, &mut map)? {
                return Err(de::Error::custom(format_args!("{}: the tag `{tag}` must come before `{key}`", O::NAME)));
            }
        }
        let flat = O::Flat::after_tag(Interleaved { map: &mut map, outer: &mut outer })?;
        outer.finish(flat)
    }
}

/// The map after the tag as the variant sees it: the struct's own keys taken out.
struct Interleaved<'a, A, O> {
    map: &'a mut A,
    outer: &'a mut O,
}

impl<'de, A: MapAccess<'de>, O: Outer<'de>> MapAccess<'de> for Interleaved<'_, A, O> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<String>()? {
            if !self.outer.field(&key, self.map)? {
                return seed.deserialize(StrDeserializer::<A::Error>::new(&key)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// Reads the map's first key, which must be `tag`: its value is next. Any other key is an
/// error that names both; an empty map misses the tag.
pub(crate) fn first_key_is_tag<'de, A: MapAccess<'de>>(
    map: &mut A,
    tag: &'static str,
    name: &'static str,
) -> Result<(), A::Error> {
    match map.next_key_seed(TagKey { tag, name })? {
        Some(()) => Ok(()),
        None => Err(de::Error::missing_field(tag)),
    }
}

/// Reads and ignores the rest of a map: a unit variant ignores unknown fields, as the derive did.
pub(crate) fn ignore_rest<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A key that must be the tag.
struct TagKey {
    tag: &'static str,
    name: &'static str,
}

impl<'de> DeserializeSeed<'de> for TagKey {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for TagKey {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the tag `{}`", self.tag)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == self.tag {
            Ok(())
        } else {
            Err(E::custom(format_args!(
                "{}: the tag `{}` must be the first key, found `{key}` first",
                self.name, self.tag
            )))
        }
    }
}
