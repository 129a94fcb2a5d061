//! Command arguments the shell reads itself. Tauri turns an argument it cannot deserialize (an
//! unknown time zone, a date that is not a date, `null` where a number belongs) into a plain
//! "invalid args" string before the command runs, which the UI cannot place. Every command
//! therefore takes its arguments as [`Arg<T>`], which accepts any JSON, and reads it with
//! [`Arg::read`]: what cannot be read becomes a structured error like any other, with the
//! field its path names (`input.occurredAt` → `occurredAt`, `policy.userZone` → `zone`).
//! The generated TypeScript still sees `T`.

use std::marker::PhantomData;

use baohao_core::{CoreError, Field};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use specta::datatype::DataType;
use specta::{Type, Types};

/// An argument of type `T`, kept as JSON until the command reads it.
#[derive(Debug, Clone)]
pub struct Arg<T> {
    raw: Value,
    _type: PhantomData<fn() -> T>,
}

impl<T> Arg<T> {
    /// An argument with this JSON value (what the UI would send).
    pub fn from_json(raw: Value) -> Self {
        Self {
            raw,
            _type: PhantomData,
        }
    }
}

impl<'de, T> Deserialize<'de> for Arg<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A missing key reads as `null`, so that `T` decides whether that is allowed.
        let raw = Option::<Value>::deserialize(d)?.unwrap_or(Value::Null);
        Ok(Self::from_json(raw))
    }
}

impl<T: Type> Type for Arg<T> {
    fn definition(types: &mut Types) -> DataType {
        T::definition(types)
    }
}

impl<T: DeserializeOwned> Arg<T> {
    /// The argument, or an error on the field its failing part names.
    pub fn read(self) -> Result<T, CoreError> {
        self.read_or(None)
    }

    /// Like [`Self::read`]; an error that names no field is put on `field`.
    pub fn read_as(self, field: Field) -> Result<T, CoreError> {
        self.read_or(Some(field))
    }

    fn read_or(self, fallback: Option<Field>) -> Result<T, CoreError> {
        serde_path_to_error::deserialize(self.raw).map_err(|e| unreadable(&e, fallback))
    }
}

/// The field a path into the argument names: its innermost key that is a field (`kind`
/// counts only when nothing else does: it is the event's kind, or the rule's when under
/// `rule`).
fn field_of(path: &serde_path_to_error::Path) -> Option<Field> {
    use serde_path_to_error::Segment;
    let keys: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Map { key } => Some(key.as_str()),
            _ => None,
        })
        .collect();
    keys.iter()
        .rev()
        .filter(|k| **k != "kind")
        .find_map(|k| Field::from_key(k))
        .or_else(|| keys.contains(&"kind").then_some(Field::EventKind))
}

fn unreadable(
    e: &serde_path_to_error::Error<serde_json::Error>,
    fallback: Option<Field>,
) -> CoreError {
    let inner = e.inner().to_string();
    // "missing field `occurredAt`": the field is the missing key itself.
    let missing = inner
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
        .map(Field::from_key);
    let field = missing
        .flatten()
        .or_else(|| field_of(e.path()))
        .or(fallback);
    match (missing.is_some(), field) {
        (true, Some(field)) => CoreError::Required { field },
        (_, Some(Field::Zone)) => CoreError::InvalidZone(inner),
        _ => CoreError::InvalidValue {
            field,
            reason: format!("{}: {inner}", e.path()),
        },
    }
}

#[cfg(test)]
mod tests {
    use baohao_core::planner::ReminderPolicy;
    use baohao_core::{ErrorCode, EventInput, RuleSpec};
    use serde_json::json;

    use super::*;

    fn err<T: DeserializeOwned + std::fmt::Debug>(v: Value) -> (ErrorCode, Option<Field>) {
        let e = Arg::<T>::from_json(v).read().unwrap_err();
        (e.code(), e.field())
    }

    fn policy() -> Value {
        serde_json::to_value(ReminderPolicy::default()).unwrap()
    }

    fn event() -> Value {
        json!({ "occurredAt": "2026-03-03T09:00:00Z", "kind": "topup", "amount": null,
                "method": null, "channel": null, "reference": "", "note": "", "balanceAfter": null })
    }

    #[test]
    fn what_cannot_be_read_names_its_field() {
        let mut p = policy();
        p["userZone"] = json!("Not/AZone");
        assert_eq!(
            err::<ReminderPolicy>(p),
            (ErrorCode::InvalidZone, Some(Field::Zone))
        );
        let mut p = policy();
        p["timeOfDay"] = json!("");
        assert_eq!(
            err::<ReminderPolicy>(p),
            (ErrorCode::InvalidValue, Some(Field::TimeOfDay))
        );
        let mut p = policy();
        p["quietHours"] = json!({ "start": "22:00:00", "end": "25:00" });
        assert_eq!(
            err::<ReminderPolicy>(p),
            (ErrorCode::InvalidValue, Some(Field::QuietHours))
        );
        let mut p = policy();
        p["leadsDays"] = json!([7, -1]);
        assert_eq!(
            err::<ReminderPolicy>(p),
            (ErrorCode::InvalidValue, Some(Field::Leads))
        );

        let mut e = event();
        e["occurredAt"] = json!("");
        assert_eq!(
            err::<EventInput>(e),
            (ErrorCode::InvalidValue, Some(Field::OccurredAt))
        );
        let mut e = event();
        e["amount"] = json!({ "minor": null, "currency": "EUR" });
        assert_eq!(
            err::<EventInput>(e),
            (ErrorCode::InvalidValue, Some(Field::Amount))
        );
        let mut e = event();
        e["kind"] = json!("sing");
        assert_eq!(
            err::<EventInput>(e),
            (ErrorCode::InvalidValue, Some(Field::EventKind))
        );
        let mut e = event();
        e.as_object_mut().unwrap().remove("occurredAt");
        assert_eq!(
            err::<EventInput>(e),
            (ErrorCode::Required, Some(Field::OccurredAt))
        );

        let rule = json!({ "rule": { "kind": "fixed_expiry", "expiresOn": "" }, "zone": "UTC" });
        assert_eq!(
            err::<RuleSpec>(rule),
            (ErrorCode::InvalidValue, Some(Field::Rule))
        );
        assert_eq!(
            Arg::<String>::from_json(json!(5))
                .read_as(Field::Id)
                .map_err(|e| (e.code(), e.field())),
            Err((ErrorCode::InvalidValue, Some(Field::Id)))
        );
        assert_eq!(
            Arg::<Option<String>>::from_json(Value::Null)
                .read()
                .unwrap(),
            None
        );
    }
}
