//! The state of every measure over time.
//!
//! Each blocking, sealing and login lock is judged once, under the rule set in force on the
//! date it was decided, and each unlock request under the rule set in force on the date it
//! was made: when the measure starts, when it stops applying, and why. A later version of
//! the rules decides only what happens from its own start: whether a measure decided under
//! an earlier version still stands is the later version's `earlier_measures_stand`, which the
//! timeline shows as a change point with its certainty. A lifted or unlocked measure never
//! comes back.
//!
//! The index is built once per case; the state on one date (`Situation`) is then read off
//! it without rescanning the case, so an evaluation costs time in proportion to the
//! measures, and a timeline in proportion to measures × change points. What concerns one
//! care unit (its extended access, its exception notes, a sealing of that unit) is found by
//! the unit's index among the case's care units, never by comparing ids per cell.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::{Case, CaseFacts, Measure, MeasureKind, Period, SealingScope};
use crate::rule_set::{RuleChoice, RuleSet, SealingScopeKind, UnlockRule};
use crate::sort_short_by_key;

/// Why a measure stops applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum EndReason {
    /// The last day of its period ("t.o.m.") has passed.
    PeriodEnds,
    /// It ends automatically on this birthday (blocking at 13 in VGR 2026, sealing at 18).
    AgeLimit { age: u8 },
    /// A lifting (bryta blockering) or an unlock (upplåsning), this measure, ended it.
    LiftedBy { measure: String },
    /// A later version of the rules does not keep measures decided under an earlier one.
    NotKeptBy { rule_set: String },
}

/// The days a measure applies: from `from` up to, not including, `until`.
///
/// INVARIANT: one interval per measure, only ever shortened (`end_at`): once a measure
/// stops applying it never applies again, so a lifted or unlocked measure never comes back,
/// whatever a later version of the rules says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Span {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    /// Why it ends at `until`.
    pub end: Option<EndReason>,
}

impl Span {
    fn of(period: &Period) -> Span {
        Span {
            from: period.from,
            until: period.end_exclusive(),
            end: period.to.map(|_| EndReason::PeriodEnds),
        }
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && self.until.is_none_or(|until| date < until)
    }

    /// End the span at the first lifting (a sorted list of dates and measures) on or after
    /// its start, if there is one.
    fn lift_at_first(&mut self, lifts: &[(NaiveDate, &Measure)]) {
        if let Some((date, lift)) = first_from(lifts, self.from) {
            self.end_at(
                date,
                EndReason::LiftedBy {
                    measure: lift.id.clone(),
                },
            );
        }
    }

    /// End the span at `date` for `reason`, if that is earlier than its end so far.
    fn end_at(&mut self, date: NaiveDate, reason: EndReason) {
        if self.until.is_none_or(|until| date < until) {
            self.until = Some(date.max(self.from));
            self.end = Some(reason);
        }
    }
}

pub(crate) struct BlockingSpan<'r, 'c> {
    pub measure: &'c Measure,
    /// The rule set in force when it was decided.
    pub judged_by: &'r RuleSet,
    /// Index of the blocked guardian in the case.
    pub guardian: usize,
    pub span: Span,
    /// Set when the blocking starts on or after the age at which blockings end under the
    /// rule set that judges it: it never takes effect.
    pub void_at_age: Option<u8>,
}

pub(crate) struct SealingSpan<'c> {
    pub measure: &'c Measure,
    pub scope: &'c SealingScope,
    /// For a sealing of one unit, that unit's index among the case's care units (`None`
    /// for a unit the case does not have: no journal cell is about it).
    pub sealed_unit: Option<usize>,
    pub span: Span,
    /// Whether the region's routine offered this scope when it was decided.
    pub supported: bool,
}

pub(crate) struct LoginLockSpan<'c> {
    pub measure: &'c Measure,
    pub span: Span,
    /// A lock that a blocking caused (Jönköping), not one decided on its own.
    pub from_blocking: bool,
}

/// An unlock request from a unit that did not initiate the sealing: forwarded.
pub(crate) struct ForwardedUnlock<'c> {
    pub request: &'c Measure,
    pub sealing: &'c Measure,
    pub requesting_unit: &'c str,
    pub initiating_units: &'c [String],
}

/// A measure still in force when a later version of the rules takes over.
pub(crate) struct CarriedOver<'r, 'c> {
    pub measure: &'c Measure,
    pub rule_set: &'r RuleSet,
}

/// What the measures of a case say about one of its care units: what its journal cells read.
#[derive(Default)]
pub(crate) struct UnitMeasures<'c> {
    /// Extended access to the unit's journal: (guardian index or `None` for the child,
    /// measure), in case order.
    pub extended_access: Vec<(Option<usize>, &'c Measure)>,
    /// Exception notes written at the unit, in case order.
    pub exception_notes: Vec<&'c Measure>,
}

/// Every measure of a case, judged once.
pub(crate) struct MeasureIndex<'r, 'c> {
    pub blockings: Vec<BlockingSpan<'r, 'c>>,
    pub sealings: Vec<SealingSpan<'c>>,
    pub login_locks: Vec<LoginLockSpan<'c>>,
    pub forwarded_unlocks: Vec<ForwardedUnlock<'c>>,
    pub carried_over: Vec<CarriedOver<'r, 'c>>,
    /// Extended access: (guardian index or `None` for the child, unit, measure).
    pub extended_access: Vec<(Option<usize>, &'c str, &'c Measure)>,
    /// Per care unit (case order): the measures its journal cells read.
    pub units: Vec<UnitMeasures<'c>>,
}

/// The date a measure was decided, which picks the rule set that judges it.
fn decided(measure: &Measure) -> NaiveDate {
    measure.decided_on.unwrap_or(measure.period.from)
}

/// The first date in a sorted list on or after `start`, with its measure.
fn first_from<'c>(
    sorted: &[(NaiveDate, &'c Measure)],
    start: NaiveDate,
) -> Option<(NaiveDate, &'c Measure)> {
    let index = sorted.partition_point(|(date, _)| *date < start);
    sorted.get(index).copied()
}

impl<'r, 'c> MeasureIndex<'r, 'c> {
    pub fn new(case: &'c Case, facts: &CaseFacts, rules: &RuleChoice<'r>) -> MeasureIndex<'r, 'c> {
        let guardian_index = |id: &str| case.guardians.iter().position(|g| g.id == id);
        // INVARIANT: unit ids are unique in a valid case, so an id names one index.
        // Sorted once and searched: every extended access, exception note and unit sealing
        // names a unit, and a scan of 50 units per measure cost more than judging it.
        let mut units_by_id: Vec<(&str, usize)> = case
            .care_units
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id.as_str(), i))
            .collect();
        sort_short_by_key(&mut units_by_id, |&(id, index)| (id, index));
        let unit_index = |id: &str| {
            let found = units_by_id.binary_search_by(|(known, _)| (*known).cmp(id));
            found.ok().map(|i| units_by_id[i].1)
        };
        // The liftings, unlocks and unlock requests, each sorted by date once.
        let mut lifts: Vec<(usize, NaiveDate, &Measure)> = Vec::new();
        let mut login_unlocks: Vec<(NaiveDate, &Measure)> = Vec::new();
        let mut unlock_requests: Vec<(&str, NaiveDate, &Measure)> = Vec::new();
        for measure in &case.measures {
            match &measure.kind {
                MeasureKind::BlockingLifted { guardian } => {
                    if let Some(g) = guardian_index(guardian) {
                        lifts.push((g, measure.period.from, measure));
                    }
                }
                MeasureKind::LoginUnlock => login_unlocks.push((measure.period.from, measure)),
                MeasureKind::UnlockRequest { sealing, .. } => {
                    unlock_requests.push((sealing.as_str(), measure.period.from, measure))
                }
                _ => {}
            }
        }
        sort_short_by_key(&mut lifts, |(g, date, _)| (*g, *date));
        sort_short_by_key(&mut login_unlocks, |(date, _)| *date);
        sort_short_by_key(&mut unlock_requests, |(sealing, date, _)| (*sealing, *date));

        // Sized for the case at once: growing them one push at a time cost more
        // allocations than the rest of the index. (An upper bound: a blocking of two
        // guardians adds two blockings, and any blocking may add a login lock.)
        let count =
            |kind: fn(&MeasureKind) -> bool| case.measures.iter().filter(|m| kind(&m.kind)).count();
        let blockings = count(|k| {
            matches!(
                k,
                MeasureKind::Blocking { .. } | MeasureKind::BlockingExtension { .. }
            )
        });
        let mut index = MeasureIndex {
            blockings: Vec::with_capacity(2 * blockings),
            sealings: Vec::with_capacity(count(|k| matches!(k, MeasureKind::Sealing { .. }))),
            login_locks: Vec::with_capacity(
                blockings + count(|k| matches!(k, MeasureKind::LoginLock)),
            ),
            forwarded_unlocks: Vec::new(),
            carried_over: Vec::new(),
            extended_access: Vec::with_capacity(count(|k| {
                matches!(
                    k,
                    MeasureKind::ExtendedAccessChild { .. }
                        | MeasureKind::ExtendedAccessGuardian { .. }
                )
            })),
            units: case
                .care_units
                .iter()
                .map(|_| UnitMeasures::default())
                .collect(),
        };
        for measure in &case.measures {
            match &measure.kind {
                MeasureKind::Blocking { guardians } => {
                    for guardian in guardians {
                        if let Some(g) = guardian_index(guardian) {
                            index.add_blocking(measure, g, facts, rules, &lifts);
                        }
                    }
                    let judge = rules.judging(decided(measure));
                    if judge.parameters.blocking_locks_child_login.value {
                        let mut span = Span {
                            from: measure.period.from,
                            until: None,
                            end: None,
                        };
                        // The lock outlives the blocking: it stays until staff ask for an
                        // unlock (upplåsning).
                        span.lift_at_first(&login_unlocks);
                        index.login_locks.push(LoginLockSpan {
                            measure,
                            span,
                            from_blocking: true,
                        });
                    }
                }
                MeasureKind::BlockingExtension { guardian } => {
                    if let Some(g) = guardian_index(guardian) {
                        index.add_blocking(measure, g, facts, rules, &lifts);
                    }
                }
                MeasureKind::Sealing {
                    initiating_units,
                    scope,
                    ..
                } => index.add_sealing(
                    measure,
                    scope,
                    initiating_units,
                    facts,
                    rules,
                    &unlock_requests,
                ),
                MeasureKind::LoginLock => {
                    let mut span = Span::of(&measure.period);
                    span.lift_at_first(&login_unlocks);
                    index.login_locks.push(LoginLockSpan {
                        measure,
                        span,
                        from_blocking: false,
                    });
                }
                MeasureKind::ExtendedAccessChild { access_unit } => {
                    index.add_extended_access(None, access_unit, measure, unit_index(access_unit))
                }
                MeasureKind::ExtendedAccessGuardian {
                    guardian,
                    access_unit,
                } => {
                    if let Some(g) = guardian_index(guardian) {
                        let unit = unit_index(access_unit);
                        index.add_extended_access(Some(g), access_unit, measure, unit)
                    }
                }
                MeasureKind::ExceptionNote { note_unit, .. } => {
                    if let Some(unit) = unit_index(note_unit) {
                        index.units[unit].exception_notes.push(measure)
                    }
                }
                MeasureKind::BlockingLifted { .. }
                | MeasureKind::UnlockRequest { .. }
                | MeasureKind::LoginUnlock => {}
            }
        }
        for sealing in &mut index.sealings {
            if let SealingScope::Unit { sealed_unit } = sealing.scope {
                sealing.sealed_unit = unit_index(sealed_unit);
            }
        }
        index
    }

    /// Extended access for a guardian (`Some`) or the child (`None`) to `unit`, and to the
    /// unit's journal cells when the case has that unit.
    fn add_extended_access(
        &mut self,
        guardian: Option<usize>,
        unit: &'c str,
        measure: &'c Measure,
        unit_index: Option<usize>,
    ) {
        self.extended_access.push((guardian, unit, measure));
        if let Some(index) = unit_index {
            self.units[index].extended_access.push((guardian, measure));
        }
    }

    fn add_blocking(
        &mut self,
        measure: &'c Measure,
        guardian: usize,
        facts: &CaseFacts,
        rules: &RuleChoice<'r>,
        lifts: &[(usize, NaiveDate, &'c Measure)],
    ) {
        let judge = rules.judging(decided(measure));
        let mut span = Span::of(&measure.period);
        let mut void_at_age = None;
        if let Some(age) = judge.parameters.blocking_ends_at_age.value {
            let limit = facts.birthday(age);
            if limit <= span.from {
                void_at_age = Some(age);
            }
            span.end_at(limit, EndReason::AgeLimit { age });
        }
        let start = lifts.partition_point(|(g, _, _)| *g < guardian);
        let lift = lifts[start..]
            .iter()
            .take_while(|(g, _, _)| *g == guardian)
            .find(|(_, date, _)| *date >= span.from);
        if let Some((_, date, lift)) = lift {
            span.end_at(
                *date,
                EndReason::LiftedBy {
                    measure: lift.id.clone(),
                },
            );
        }
        if void_at_age.is_none() {
            self.carry_over(measure, judge, rules, &mut span, |later| {
                later
                    .parameters
                    .blocking_ends_at_age
                    .value
                    .map(|age| facts.birthday(age))
            });
        }
        self.blockings.push(BlockingSpan {
            measure,
            judged_by: judge,
            guardian,
            span,
            void_at_age,
        });
    }

    #[allow(clippy::too_many_arguments)]
    fn add_sealing(
        &mut self,
        measure: &'c Measure,
        scope: &'c SealingScope,
        initiating_units: &'c [String],
        facts: &CaseFacts,
        rules: &RuleChoice<'r>,
        unlock_requests: &[(&str, NaiveDate, &'c Measure)],
    ) {
        let judge = rules.judging(decided(measure));
        let kind = match scope {
            SealingScope::Whole => SealingScopeKind::Whole,
            SealingScope::Unit { .. } => SealingScopeKind::Unit,
            SealingScope::EntryPeriod { .. } => SealingScopeKind::EntryPeriod,
        };
        let supported = judge.parameters.sealing_scopes.value.contains(&kind);
        let mut span = Span::of(&measure.period);
        if let Some(age) = judge.parameters.sealing_ends_at_age.value {
            span.end_at(facts.birthday(age), EndReason::AgeLimit { age });
        }
        // Requests in date order, each judged under the rule set in force when it was made:
        // the first one that completes the agreement the rule asks for unlocks the sealing.
        let id = measure.id.as_str();
        let start = unlock_requests.partition_point(|(sealing, _, _)| *sealing < id);
        let mut agreed: Vec<&str> = Vec::new();
        for (_, date, request) in unlock_requests[start..]
            .iter()
            .take_while(|(sealing, _, _)| *sealing == id)
            .filter(|(_, date, _)| *date >= span.from)
        {
            let MeasureKind::UnlockRequest {
                requesting_unit, ..
            } = &request.kind
            else {
                continue;
            };
            if !initiating_units.iter().any(|u| u == requesting_unit) {
                self.forwarded_unlocks.push(ForwardedUnlock {
                    request,
                    sealing: measure,
                    requesting_unit,
                    initiating_units,
                });
                continue;
            }
            if !agreed.contains(&requesting_unit.as_str()) {
                agreed.push(requesting_unit);
            }
            let unlocked = match rules.judging(*date).parameters.sealing_unlock_rule.value {
                UnlockRule::AnyInitiatingUnit => true,
                UnlockRule::AllInitiatingUnits => initiating_units
                    .iter()
                    .all(|u| agreed.contains(&u.as_str())),
            };
            if unlocked {
                span.end_at(
                    *date,
                    EndReason::LiftedBy {
                        measure: request.id.clone(),
                    },
                );
                break;
            }
        }
        self.carry_over(measure, judge, rules, &mut span, |later| {
            later
                .parameters
                .sealing_ends_at_age
                .value
                .map(|age| facts.birthday(age))
        });
        self.sealings.push(SealingSpan {
            measure,
            scope,
            // Set once every measure is indexed (`new`).
            sealed_unit: None,
            span,
            supported,
        });
    }

    /// Later versions of the rules that take over while the measure still applies: either
    /// it stands as decided (recorded, so the timeline can show that answer and how sure it
    /// is), or the later version's own age limit ends it.
    fn carry_over(
        &mut self,
        measure: &'c Measure,
        judge: &RuleSet,
        rules: &RuleChoice<'r>,
        span: &mut Span,
        age_limit: impl Fn(&RuleSet) -> Option<NaiveDate>,
    ) {
        let RuleChoice::Region(versions) = rules else {
            return;
        };
        for later in versions.iter().copied() {
            if later.valid_from <= judge.valid_from || !span.covers(later.valid_from) {
                continue;
            }
            if later.parameters.earlier_measures_stand.value {
                self.carried_over.push(CarriedOver {
                    measure,
                    rule_set: later,
                });
            } else if let Some(limit) = age_limit(later) {
                span.end_at(
                    limit.max(later.valid_from),
                    EndReason::NotKeptBy {
                        rule_set: later.id.clone(),
                    },
                );
            }
        }
    }
}

/// The state of every measure on one date.
pub(crate) struct Situation<'c> {
    pub age: u32,
    /// Whole-journal sealing in force, and since when.
    pub whole_sealing: Option<NaiveDate>,
    /// Per care unit (case order): sealed since, if a sealing of that unit is in force.
    pub sealed_units: Vec<Option<NaiveDate>>,
    pub sealed_entries: Vec<(&'c str, Period)>,
    /// Sealings with a scope the routine did not offer: not in force.
    pub unsupported_sealings: Vec<&'c str>,
    /// Per guardian (case order): blocked since.
    pub blocked: Vec<Option<NaiveDate>>,
    /// A login lock decided as such, since when.
    pub login_lock: Option<NaiveDate>,
    /// A login lock a blocking caused, since when.
    pub login_lock_from_blocking: Option<NaiveDate>,
    pub protected_child: Option<NaiveDate>,
    pub protected_guardians: Vec<Option<NaiveDate>>,
    pub registered: Vec<bool>,
}

/// The date a period in a list covering `date` started, if any.
fn covering(periods: &[Period], date: NaiveDate) -> Option<NaiveDate> {
    periods
        .iter()
        .filter(|p| p.contains(date))
        .map(|p| p.from)
        .min()
}

fn earliest(slot: &mut Option<NaiveDate>, date: NaiveDate) {
    *slot = Some(slot.map_or(date, |d| d.min(date)));
}

impl<'c> Situation<'c> {
    pub fn on(
        case: &'c Case,
        facts: &CaseFacts,
        index: &MeasureIndex<'_, 'c>,
        date: NaiveDate,
    ) -> Situation<'c> {
        let mut s = Situation {
            age: crate::age::age_on(facts.birth, date).unwrap_or(0),
            whole_sealing: None,
            sealed_units: vec![None; case.care_units.len()],
            sealed_entries: Vec::new(),
            unsupported_sealings: Vec::new(),
            blocked: vec![None; case.guardians.len()],
            login_lock: None,
            login_lock_from_blocking: None,
            protected_child: covering(&case.child.protected_identity, date),
            protected_guardians: case
                .guardians
                .iter()
                .map(|g| covering(&g.protected_identity, date))
                .collect(),
            registered: case
                .guardians
                .iter()
                .map(|g| g.registered.contains(date))
                .collect(),
        };
        for sealing in index.sealings.iter().filter(|s| s.span.covers(date)) {
            if !sealing.supported {
                s.unsupported_sealings.push(&sealing.measure.id);
                continue;
            }
            match sealing.scope {
                SealingScope::Whole => earliest(&mut s.whole_sealing, sealing.span.from),
                SealingScope::Unit { .. } => {
                    if let Some(unit) = sealing.sealed_unit {
                        earliest(&mut s.sealed_units[unit], sealing.span.from);
                    }
                }
                SealingScope::EntryPeriod { entries } => {
                    s.sealed_entries.push((&sealing.measure.id, *entries))
                }
            }
        }
        for blocking in index.blockings.iter().filter(|b| b.span.covers(date)) {
            earliest(&mut s.blocked[blocking.guardian], blocking.span.from);
        }
        for lock in index.login_locks.iter().filter(|l| l.span.covers(date)) {
            let slot = if lock.from_blocking {
                &mut s.login_lock_from_blocking
            } else {
                &mut s.login_lock
            };
            earliest(slot, lock.span.from);
        }
        s
    }
}
