//! Facts derived once from a case and valid for any date: the date of birth (typed, or read
//! from the personnummer) and the parsed identity number.

use chrono::NaiveDate;

use super::Case;
use crate::age::birthday;
use crate::error::{EngineError, Problem};
use crate::identity::{parse_identity_number, IdentityNumber};

/// Facts derived once per case, valid for any date.
#[derive(Debug, Clone)]
pub struct CaseFacts {
    pub birth: NaiveDate,
    pub identity: Option<IdentityNumber>,
}

impl CaseFacts {
    pub fn new(case: &Case, reference: NaiveDate) -> Result<CaseFacts, EngineError> {
        let identity = match &case.child.identity_number {
            Some(number) if !number.trim().is_empty() => {
                Some(parse_identity_number(number, reference).map_err(|error| {
                    EngineError::invalid("child.identity_number", Problem::Identity(error))
                })?)
            }
            _ => None,
        };
        let birth = case
            .child
            .birth_date
            .or_else(|| identity.as_ref().and_then(IdentityNumber::birth_date))
            .ok_or_else(|| EngineError::invalid("child.birth_date", Problem::BirthDateRequired))?;
        Ok(CaseFacts { birth, identity })
    }

    pub fn birthday(&self, age: u8) -> NaiveDate {
        birthday(self.birth, age as u32)
    }

    pub fn eighteenth_birthday(&self) -> NaiveDate {
        self.birthday(18)
    }
}
