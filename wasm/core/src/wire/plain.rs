//! Structs read from a JSON object only.
//!
//! serde's derived `Deserialize` for a struct also reads it from a sequence (the fields in
//! order), and reads each key through an identifier visitor of its own: code that every
//! message pays for in the extension's wasm, though our messages are always objects.
//! [`map_only!`] reads an object into the struct's fields by name, through one generic driver;
//! as the derive did, unknown keys are ignored and `default` fields may be absent. A sequence
//! is refused. Serializing is the derive's, unchanged.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, Visitor};

/// Implements `Deserialize` for a struct from its fields: those that must be present, then
/// those that take their `Default` when absent (`#[serde(default)]` on the struct). A key
/// other than the field's name is given with `as "key"`.
macro_rules! map_only {
    (
        $name:ident {
            required { $( $required:ident $(as $rkey:literal)?: $required_ty:ty ),* $(,)? }
            default { $( $default:ident $(as $dkey:literal)?: $default_ty:ty ),* $(,)? }
        }
    ) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                /// The struct's fields, as they come.
                #[derive(Default)]
                struct Fields {
                    $( $required: Option<$required_ty>, )*
                    $( $default: Option<$default_ty>, )*
                }

                impl<'de> $crate::wire::plain::Fields<'de> for Fields {
                    type Value = $name;
                    const NAME: &'static str = stringify!($name);

                    fn field<A: serde::de::MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
                        match key {
                            $( $crate::wire::plain::map_only!(@key $required $($rkey)?) => {
                                self.$required = Some(map.next_value()?)
                            } )*
                            $( $crate::wire::plain::map_only!(@key $default $($dkey)?) => self.$default = Some(map.next_value()?), )*
                            _ => {
                                map.next_value::<serde::de::IgnoredAny>()?;
                            }
                        }
                        Ok(())
                    }

                    fn finish<E: serde::de::Error>(self) -> Result<$name, E> {
                        Ok($name {
                            $( $required: self.$required.ok_or_else(|| {
                                E::missing_field($crate::wire::plain::map_only!(@key $required $($rkey)?))
                            })?, )*
                            $( $default: self.$default.unwrap_or_default(), )*
                        })
                    }
                }

                $crate::wire::plain::read::<D, Fields>(deserializer)
            }
        }
    };

    (@key $field:ident $key:literal) => { $key };
    (@key $field:ident) => { stringify!($field) };
}

pub(crate) use map_only;

/// A struct's fields while its object is read (made by [`map_only!`]).
pub(crate) trait Fields<'de>: Default {
    /// The struct.
    type Value;
    /// The struct's name, for errors.
    const NAME: &'static str;

    /// Reads `key`'s value into its field, or passes over it when no field has that name.
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;

    /// The struct, once the object is read.
    fn finish<E: de::Error>(self) -> Result<Self::Value, E>;
}

/// Reads a struct made with [`map_only!`].
pub(crate) fn read<'de, D: Deserializer<'de>, F: Fields<'de>>(deserializer: D) -> Result<F::Value, D::Error> {
    deserializer.deserialize_map(Object(PhantomData::<F>))
}

struct Object<F>(PhantomData<F>);

impl<'de, F: Fields<'de>> Visitor<'de> for Object<F> {
    type Value = F::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", F::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<F::Value, A::Error> {
        let mut fields = F::default();
        while let Some(key) = map.next_key::<String>()? {
            fields.field(&key, &mut map)?;
        }
        fields.finish()
    }
}
