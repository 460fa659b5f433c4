//! Explanations: why an outcome is what it is. Each reason names the rule that decided
//! (its id is the rule-set parameter it rests on), one Swedish sentence for staff, and the
//! citation of that parameter in the rule set that answered. Reasons are kept small and
//! borrowed from the rule set, so explaining costs almost nothing; sentences are produced
//! when shown or serialised.

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::rule_set::{Citation, ParameterId, RuleSet};

/// Every rule the engine applies. The parameter it rests on is `parameter()`; its rule id
/// in explanations is the parameter name, so a rule can be looked up in the rule-set file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The child has a samordningsnummer or reservnummer: no 1177 login at all.
    UnusableIdentityNumber,
    /// The child has turned 18: custody has ended.
    Adult,
    /// The person is not a registered guardian on the date.
    NotRegisteredGuardian,
    GuardianAutomaticAccess,
    GuardianAccessEndedByAge,
    GuardianProxy,
    ChildAccountByAge,
    ChildAccountTooYoung,
    /// The child has an e-ID of their own and may log in before the account age.
    ChildAccountWithEId,
    ChildHasNoEId,
    ChildJournalByAge,
    ChildJournalTooYoung,
    /// Before the region connected children's journals to 1177 Journal.
    ChildrenJournalNotConnected,
    ExtendedAccessChildActive,
    ExtendedAccessChildGrantable,
    ExtendedAccessChildNotOffered,
    ExtendedAccessGuardianActive,
    ExtendedAccessGuardianGrantable,
    ExtendedAccessGuardianNotOffered,
    ExtendedAccessOnlyBetween,
    LegalRepresentativeAllowed,
    LegalRepresentativeGrantable,
    LegalRepresentativeTooYoung,
    LegalRepresentativeNotOffered,
    ProtectedChild,
    ProtectedGuardian,
    SealingJournal,
    SealingChildAccount,
    SealingProxy,
    SealingUnit,
    Blocking,
    BlockingProxy,
    BlockingLockedChildLogin,
    /// The child's login is locked: the account.
    LoginLocked,
    /// The child's login is locked, and the rule set says that closes the journal too.
    LoginLockedJournal,
    LoginLockStopsProxy,
    LoginLockKeepsJournal,
    ExcludedUnit,
}

impl Rule {
    /// The rule-set parameter this rule rests on: its citation is the one the reason
    /// quotes, so each rule maps to the parameter whose line states it, never to a
    /// neighbour's.
    pub fn parameter(self) -> ParameterId {
        use ParameterId as P;
        use Rule::*;
        match self {
            UnusableIdentityNumber => P::UnusableIdentityNumber,
            Adult => P::AdultAge,
            NotRegisteredGuardian => P::GuardianAccessFollowsCustody,
            GuardianAutomaticAccess | GuardianAccessEndedByAge => P::GuardianAccessUntilAge,
            GuardianProxy => P::GuardianProxyUntilAccessAge,
            ChildAccountByAge | ChildAccountTooYoung => P::ChildAccountFromAge,
            ChildAccountWithEId | ChildHasNoEId => P::ChildAccountWithOwnEId,
            ChildJournalByAge | ChildJournalTooYoung => P::ChildJournalFromAge,
            ChildrenJournalNotConnected => P::ChildrenJournalConnectedOn,
            ExtendedAccessChildActive
            | ExtendedAccessChildGrantable
            | ExtendedAccessChildNotOffered => P::ExtendedAccessChild,
            ExtendedAccessGuardianActive
            | ExtendedAccessGuardianGrantable
            | ExtendedAccessGuardianNotOffered
            | ExtendedAccessOnlyBetween => P::ExtendedAccessGuardian,
            LegalRepresentativeAllowed
            | LegalRepresentativeGrantable
            | LegalRepresentativeTooYoung
            | LegalRepresentativeNotOffered => P::LegalRepresentativeFromAge,
            ProtectedChild => P::ProtectedChildDeniesGuardians,
            ProtectedGuardian => P::ProtectedGuardianDeniesThatGuardian,
            SealingJournal | SealingUnit => P::SealingCoversJournal,
            SealingChildAccount => P::SealingCoversChildAccount,
            SealingProxy => P::SealingCoversProxy,
            Blocking => P::BlockingCoversJournal,
            BlockingProxy => P::BlockingCoversProxy,
            BlockingLockedChildLogin => P::BlockingLocksChildLogin,
            LoginLocked => P::LoginLockCoversAccount,
            LoginLockedJournal | LoginLockKeepsJournal => P::LoginLockCoversJournal,
            LoginLockStopsProxy => P::LoginLockStopsProxy,
            ExcludedUnit => P::ExcludedUnitKinds,
        }
    }

    /// The restriction's name in a contrastive hint ("tillåtet om blockeringen upphör").
    pub fn restriction_name_sv(self) -> &'static str {
        use Rule::*;
        match self {
            ProtectedChild => "barnets skyddade identitet",
            ProtectedGuardian => "vårdnadshavarens skyddade identitet",
            SealingJournal | SealingChildAccount | SealingProxy | SealingUnit => "förseglingen",
            Blocking | BlockingProxy => "blockeringen",
            BlockingLockedChildLogin | LoginLocked | LoginLockedJournal | LoginLockStopsProxy => {
                "låsningen av barnets inloggning"
            }
            _ => "begränsningen",
        }
    }
}

/// One reason in an explanation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reason<'r> {
    pub rule: Rule,
    /// The citation of the parameter in the rule set that answered.
    pub citation: Option<&'r Citation>,
    /// The date the fact behind the reason started, when it helps ("sedan 2024-03-01").
    pub since: Option<NaiveDate>,
    /// A threshold birthday the reason rests on.
    pub birthday: Option<NaiveDate>,
    /// The age of that birthday.
    pub age: Option<u8>,
    /// Whether the 29 February rule moved that birthday to 28 February.
    pub leap_day_rule: bool,
}

impl<'r> Reason<'r> {
    pub fn new(rule: Rule, rule_set: &'r RuleSet) -> Self {
        Reason {
            rule,
            citation: Some(rule_set.parameters.citation(rule.parameter())),
            since: None,
            birthday: None,
            age: None,
            leap_day_rule: false,
        }
    }

    pub fn since(mut self, date: NaiveDate) -> Self {
        self.since = Some(date);
        self
    }

    pub fn at_birthday(mut self, age: u8, birthday: NaiveDate, leap_day_rule: bool) -> Self {
        self.age = Some(age);
        self.birthday = Some(birthday);
        self.leap_day_rule = leap_day_rule;
        self
    }

    /// Whether `other` reads as the same sentence: `sentence_sv` reads the rule, the dates,
    /// the age and the leap-day rule, never the citation.
    pub(crate) fn same_sentence(&self, other: &Reason) -> bool {
        self.rule == other.rule
            && self.since == other.since
            && self.birthday == other.birthday
            && self.age == other.age
            && self.leap_day_rule == other.leap_day_rule
    }

    /// One sentence of Swedish for staff.
    pub fn sentence_sv(&self) -> String {
        use Rule::*;
        let age = self.age.unwrap_or(0);
        let birthday = self.birthday.map(|d| format!(" ({d})")).unwrap_or_default();
        let since = self
            .since
            .map(|d| format!(" sedan {d}"))
            .unwrap_or_default();
        let mut sentence = match self.rule {
            UnusableIdentityNumber => "Barnet saknar personnummer som fungerar i 1177 (samordnings- eller reservnummer): ingen kan logga in för barnet.".to_string(),
            Adult => format!("Barnet har fyllt {age} år{birthday}: vårdnaden har upphört och vårdnadshavare har ingen åtkomst."),
            NotRegisteredGuardian => "Personen är inte registrerad som vårdnadshavare hos Skatteverket detta datum.".to_string(),
            GuardianAutomaticAccess => format!("Registrerad vårdnadshavare har automatisk tillgång tills barnet fyller {age} år{birthday}."),
            GuardianAccessEndedByAge => format!("Den automatiska tillgången för vårdnadshavare upphörde när barnet fyllde {age} år{birthday}."),
            GuardianProxy => format!("Vårdnadshavare kan agera ombud för barnet i e-tjänsterna tills barnet fyller {age} år{birthday}."),
            ChildAccountByAge => format!("Barnet har eget konto på 1177.se från {age} års ålder{birthday}."),
            ChildAccountTooYoung => format!("Barnet får eget konto på 1177.se först när hen fyller {age} år{birthday}."),
            ChildAccountWithEId => format!("Barnet har egen e-legitimation och kan logga in på 1177.se före {age} års ålder."),
            ChildrenJournalNotConnected => format!("Regionen hade ännu inte anslutit barns journaler till 1177 Journal (anslutning {})." , self.since.map(|d| d.to_string()).unwrap_or_default()),
            ChildHasNoEId => "Barnet behöver en egen e-legitimation för att logga in; fallet anger ingen.".to_string(),
            ChildJournalByAge => format!("Barnet läser sin egen 1177 Journal från {age} års ålder{birthday}."),
            ChildJournalTooYoung => format!("Barnet läser sin egen 1177 Journal först när hen fyller {age} år{birthday}."),
            ExtendedAccessChildActive => format!("Utökad direktåtkomst för barnet gäller för denna vårdenhet{since}."),
            ExtendedAccessChildGrantable => "Vårdenheten kan besluta om utökad direktåtkomst för barnet 13–15 år.".to_string(),
            ExtendedAccessChildNotOffered => "Regelverket erbjuder ingen utökad direktåtkomst för barnet 13–15 år.".to_string(),
            ExtendedAccessGuardianActive => format!("Utökad direktåtkomst för vårdnadshavaren gäller för denna vårdenhet{since}."),
            ExtendedAccessGuardianGrantable => "Vårdenheten kan besluta om utökad direktåtkomst för vårdnadshavaren när barnet är 13–15 år.".to_string(),
            ExtendedAccessGuardianNotOffered => "Regelverket erbjuder ingen utökad direktåtkomst för vårdnadshavare 13–15 år.".to_string(),
            ExtendedAccessOnlyBetween => "Utökad direktåtkomst kan bara ges när barnet är 13–15 år.".to_string(),
            LegalRepresentativeAllowed => format!("Den legala ställföreträdaren har fått tillgång till journalen{since}."),
            LegalRepresentativeGrantable => format!("En legal ställföreträdare kan få tillgång när barnet fyllt {age} år."),
            LegalRepresentativeTooYoung => format!("En legal ställföreträdare kan få tillgång först när barnet fyllt {age} år{birthday}."),
            LegalRepresentativeNotOffered => "Regelverket anger ingen journalåtkomst för legal ställföreträdare.".to_string(),
            ProtectedChild => format!("Barnet har skyddade personuppgifter{since}: ombudskopplingen bryts och vårdnadshavare har ingen åtkomst."),
            ProtectedGuardian => format!("Vårdnadshavaren har skyddade personuppgifter{since} och kan inte agera ombud eller se barnets journal."),
            SealingJournal => format!("Barnets 1177 Journal är förseglad{since}."),
            SealingChildAccount => format!("Förseglingen{since} stänger även barnets konto på 1177.se."),
            SealingProxy => format!("Förseglingen{since} stänger vårdnadshavarnas ombudsroll i e-tjänsterna."),
            SealingUnit => format!("Journalen från denna vårdenhet är förseglad{since}."),
            Blocking => format!("Vårdnadshavaren är blockerad{since} från barnets 1177 Journal."),
            BlockingProxy => format!("Vårdnadshavaren är blockerad{since} och kan inte agera ombud för barnet."),
            BlockingLockedChildLogin => format!("Barnets inloggning låstes när en vårdnadshavare blockerades{since} och är låst tills upplåsning begärs."),
            LoginLocked => format!("Barnets inloggning till 1177 e-tjänster är låst{since}."),
            LoginLockedJournal => format!("Barnets inloggning är låst{since}, och enligt regelverket stänger det även 1177 Journal."),
            LoginLockStopsProxy => format!("Barnets inloggning är låst{since}: vårdnadshavare kan inte agera ombud."),
            LoginLockKeepsJournal => "Låst inloggning stänger inte 1177 Journal; journalen kan nås via direktlänk.".to_string(),
            ExcludedUnit => "Vårdenheten är undantagen från visning i 1177 Journal.".to_string(),
        };
        if self.leap_day_rule {
            sentence.push_str(" Barnet är fött 29 februari: födelsedagen räknas som 28 februari ett år utan skottdag (lag 1930:173).");
        }
        sentence
    }
}

impl Serialize for Reason<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut state = serializer.serialize_struct("Reason", 4)?;
        state.serialize_field("rule_id", &self.rule.parameter())?;
        state.serialize_field("sentence", &self.sentence_sv())?;
        state.serialize_field("citation", &self.citation)?;
        state.serialize_field("leap_day_rule", &self.leap_day_rule)?;
        state.end()
    }
}
