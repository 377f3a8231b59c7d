//! What a case's `facts` check: the facts of the primary finding that the lab itself created
//! (the days it back-dated a certificate by, the names it put in it, the port it closed), as
//! `tls-doctor check --json` reports them. Each check returns a [`Fact`]; one that does not
//! hold says which and why, and the test adds the whole run (`tests/tests/lab_cases.rs`).

use serde_json::Value;
use tls_doctor_core::wire::FindingId;

use crate::Lab;
use crate::binary::JsonRun;
use crate::cases::Case;

/// `Ok`, or what does not hold.
pub type Fact = Result<(), String>;

/// A check that holds when `holds` is true; `what` says what should have been true.
pub fn fact(holds: bool, what: impl std::fmt::Display) -> Fact {
    if holds { Ok(()) } else { Err(format!("not so: {what}")) }
}

/// One run of `tls-doctor` against one case, with the lab that serves it.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    pub case: &'a Case,
    pub run: &'a JsonRun,
    pub lab: &'a Lab,
}

impl<'a> Facts<'a> {
    /// The primary finding's evidence at `path` (JSON-pointer segments below
    /// `findings/0/evidence`: `days_ago`, `failure/kind`); absent or `null` is a failed fact
    /// that shows the whole finding.
    pub fn evidence(&self, path: &str) -> Result<&'a Value, String> {
        let run: &'a JsonRun = self.run;
        run.json
            .pointer(&format!("/findings/0/evidence/{path}"))
            .filter(|v| !v.is_null())
            .ok_or_else(|| format!("findings[0].evidence has no {path}: {:#}", run.json["findings"][0]))
    }

    /// The report's value at the JSON pointer `pointer` (`/certificates/1/subject`); absent or
    /// `null` is a failed fact.
    pub fn report(&self, pointer: &str) -> Result<&'a Value, String> {
        let run: &'a JsonRun = self.run;
        run.json.pointer(pointer).filter(|v| !v.is_null()).ok_or_else(|| format!("the report has no {pointer}"))
    }

    /// The evidence at `path` is `want`.
    pub fn is(&self, path: &str, want: impl Into<Value>) -> Fact {
        equal(&format!("evidence {path}"), self.evidence(path)?, &want.into())
    }

    /// The report's value at `pointer` is `want`.
    pub fn report_is(&self, pointer: &str, want: impl Into<Value>) -> Fact {
        equal(pointer, self.report(pointer)?, &want.into())
    }

    /// The evidence at `path` is a list holding `want`.
    pub fn lists(&self, path: &str, want: impl Into<Value>) -> Fact {
        let (got, want) = (self.evidence(path)?, want.into());
        fact(
            got.as_array().is_some_and(|list| list.contains(&want)),
            format_args!("evidence {path} ({got}) lists {want}"),
        )
    }

    /// The evidence at `path` is text starting with `prefix`.
    pub fn starts_with(&self, path: &str, prefix: &str) -> Fact {
        let got = self.evidence(path)?;
        fact(
            got.as_str().is_some_and(|t| t.starts_with(prefix)),
            format_args!("evidence {path} ({got}) starts with {prefix:?}"),
        )
    }

    /// The report's text at `pointer` contains `part`.
    pub fn report_mentions(&self, pointer: &str, part: &str) -> Fact {
        let got = self.report(pointer)?;
        fact(got.as_str().is_some_and(|t| t.contains(part)), format_args!("{pointer} ({got}) contains {part:?}"))
    }

    /// Every finding, in rank order, is exactly `want`.
    pub fn ids(&self, want: &[FindingId]) -> Fact {
        let want: Vec<&str> = want.iter().map(|id| id.as_str()).collect();
        let got = self.run.finding_ids();
        fact(got == want, format_args!("the findings are {want:?}, not {got:?}"))
    }
}

fn equal(what: &str, got: &Value, want: &Value) -> Fact {
    if got == want { Ok(()) } else { Err(format!("{what} is {got}, not {want}")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_that_does_not_hold_says_what() {
        assert_eq!(fact(true, "x"), Ok(()));
        assert_eq!(fact(false, "the sky is green"), Err("not so: the sky is green".to_owned()));
        assert_eq!(
            equal("evidence days", &Value::from(9), &Value::from(10)),
            Err("evidence days is 9, not 10".to_owned())
        );
        assert_eq!(equal("evidence days", &Value::from(10_u64), &Value::from(10_i64)), Ok(()));
    }
}
