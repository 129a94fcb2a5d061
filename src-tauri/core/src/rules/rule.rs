//! Keep-alive rule types and their validation.

use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{CoreError, Field, Result};
use crate::event::{EventKind, Money};

/// Longest period in days (about ten years).
pub const PERIOD_DAYS_MAX: u32 = 3650;
/// Longest period in calendar months.
pub const PERIOD_MONTHS_MAX: u32 = 120;
/// Most tiers a top-up table may have.
pub const TIERS_MAX: usize = 50;
/// What a new rolling rule counts as activity: a top-up, a call, an SMS or data use.
pub const DEFAULT_QUALIFYING: [EventKind; 4] = [
    EventKind::Topup,
    EventKind::Call,
    EventKind::Sms,
    EventKind::Data,
];
/// The activities a rolling rule may be set to count (checking the balance is not one).
pub const QUALIFYING_CHOICES: [EventKind; 6] = [
    EventKind::Topup,
    EventKind::Call,
    EventKind::Sms,
    EventKind::Data,
    EventKind::PlanPayment,
    EventKind::Other,
];
/// The qualifying kinds a rule may count only when charged: usage, which may sit inside a
/// prepaid pack (EE); a top-up or a plan payment is always paid.
pub const CHARGED_CHOICES: [EventKind; 3] = [EventKind::Call, EventKind::Sms, EventKind::Data];

/// A length of time counted in the rule's zone: whole days, or calendar months that clamp at
/// the month's end (31 Jan + 1 month = 28/29 Feb). Serialized as `{"days": 180}` or
/// `{"months": 6}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Days(u32),
    Months(u32),
}

impl Period {
    /// 1..=3650 days or 1..=120 months, else `out_of_range` on `field`.
    pub fn validate(self, field: Field) -> Result<()> {
        let ok = match self {
            Self::Days(n) => (1..=PERIOD_DAYS_MAX).contains(&n),
            Self::Months(n) => (1..=PERIOD_MONTHS_MAX).contains(&n),
        };
        if ok {
            Ok(())
        } else {
            Err(CoreError::OutOfRange { field })
        }
    }

    /// `date` + `times` × this period, or `None` past chrono's calendar. Months are added in
    /// one step from `date` (so an anchor on the 31st stays on the last day of short months
    /// and returns to the 31st afterwards).
    pub fn add_times(self, date: NaiveDate, times: u32) -> Option<NaiveDate> {
        match self {
            Self::Days(n) => date.checked_add_days(Days::new(u64::from(n.checked_mul(times)?))),
            Self::Months(n) => date.checked_add_months(Months::new(n.checked_mul(times)?)),
        }
    }

    /// `date` + this period.
    pub fn add_to(self, date: NaiveDate) -> Option<NaiveDate> {
        self.add_times(date, 1)
    }
}

/// What the line is like after `act_by` until it is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum GraceMode {
    /// Service restricted or suspended; a renewal restores it.
    Restricted,
    /// Only incoming calls and texts work.
    IncomingOnly,
    /// Fully working grace period.
    Grace,
}

/// The stage between `act_by` and `lost_at`: `months` calendar months and then `days` days
/// (either may be 0), counted in the rule's zone from the `act_by` date.
///
/// With `at_zero_balance` the stage also starts when the balance runs out (Smart: 120 days to
/// reload once the balance is zero; Movistar: the 54 days open when 6 months pass or the
/// balance runs out): a logged balance of zero or less, later than the latest event that
/// counts, brings `act_by` forward to the end of that day and `lost_at` to that day + the
/// grace, when they are earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Grace {
    #[serde(default)]
    pub days: u32,
    #[serde(default)]
    pub months: u32,
    pub mode: GraceMode,
    /// The stage also starts when a logged balance reaches zero.
    #[serde(default)]
    pub at_zero_balance: bool,
}

impl Grace {
    pub fn days(days: u32, mode: GraceMode) -> Self {
        Self {
            days,
            months: 0,
            mode,
            at_zero_balance: false,
        }
    }

    pub fn months(months: u32, mode: GraceMode) -> Self {
        Self {
            days: 0,
            months,
            mode,
            at_zero_balance: false,
        }
    }

    /// days 0..=3650, months 0..=120.
    pub fn validate(&self) -> Result<()> {
        if self.days > PERIOD_DAYS_MAX || self.months > PERIOD_MONTHS_MAX {
            return Err(CoreError::OutOfRange {
                field: Field::Grace,
            });
        }
        Ok(())
    }

    /// The date the line is lost, from the `act_by` date.
    pub fn add_to(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.months))?
            .checked_add_days(Days::new(u64::from(self.days)))
    }
}

/// One row of a top-up table: a top-up of at least `min_amount` gives `months` calendar months
/// and then `days` days of validity (one of them non-zero).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Tier {
    pub min_amount: Money,
    #[serde(default)]
    pub days: u32,
    #[serde(default)]
    pub months: u32,
}

impl Tier {
    pub fn days(min_amount: Money, days: u32) -> Self {
        Self {
            min_amount,
            days,
            months: 0,
        }
    }

    pub fn months(min_amount: Money, months: u32) -> Self {
        Self {
            min_amount,
            days: 0,
            months,
        }
    }

    /// `date` + this tier's validity.
    pub fn add_to(&self, date: NaiveDate) -> Option<NaiveDate> {
        date.checked_add_months(Months::new(self.months))?
            .checked_add_days(Days::new(u64::from(self.days)))
    }
}

/// How a number is kept alive. Tagged by `kind`; fields in camelCase.
///
/// Exact semantics (see [`crate::rules::evaluate`]):
/// - `rolling`: `act_by` date = local date of the latest event whose kind is in `qualifying`
///   (for a kind also in `charged`: logged with an amount above zero), plus `period`. With no
///   such event the deadline is unknown (the line asks for its last activity).
/// - `topup_validity`: each `topup` event with an amount in the tiers' currency that reaches a
///   tier gives validity from the top-up's local date: the highest tier reached. Without `stack`
///   the expiry is the latest of these dates (a smaller top-up never shortens it); with `stack`
///   the validity is added to the current expiry when that is not yet past (else to the top-up
///   date), limited to `cap_days` after the top-up date, and never shortened. Top-ups below the
///   lowest tier, without an amount, or in another currency do not extend.
/// - `fixed_expiry`: `act_by` date = `expires_on`; events are ignored.
/// - `recurring_plan`: the plan runs in cycles of `period`; every `plan_payment` or `topup`
///   event pays one cycle, taken in time order, and `act_by` date = the last day of the latest
///   paid cycle (the day before the next renewal). With an `anchor` the cycles form a fixed
///   grid from that date (the anchor's cycle counts as paid; payments before it are ignored): a
///   payment pays the cycle its local date falls in or, when that one is already paid, the
///   first cycle after the ones paid (paying early). Without an anchor, a payment made while
///   paid up buys the next cycle, and a payment after a lapse (or the first one) starts a new
///   run of cycles on its own date; with no payment the line's creation starts the first cycle.
/// - `balance`: a prepaid balance pays `fee` every month on `billing_day` (the last day of
///   shorter months), at the start of that day in the rule's zone. The balance comes from the
///   log, replayed in time order (see [`crate::rules::balance`]): a logged balance (an event's
///   `balance_after`, or a `balance_check` with an amount) resets it, a `topup` in the fee's
///   currency adds to it, and the fees are derived. `act_by` date = the day before the first
///   billing day the balance cannot cover; then the grace (suspended, 欠费停机) until the
///   number is lost (销号). A `fee` of `None` (a preset that leaves it to the user) gives
///   `unknown` until it is set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum KeepAliveRule {
    Rolling {
        period: Period,
        qualifying: Vec<EventKind>,
        /// Qualifying kinds that count only when they were charged (logged with an amount
        /// above zero): EE counts a chargeable call but not usage inside a pack.
        #[serde(default)]
        charged: Vec<EventKind>,
    },
    TopupValidity {
        tiers: Vec<Tier>,
        #[serde(default)]
        stack: bool,
        #[serde(default)]
        cap_days: Option<u32>,
    },
    FixedExpiry {
        expires_on: NaiveDate,
    },
    RecurringPlan {
        period: Period,
        #[serde(default)]
        anchor: Option<NaiveDate>,
    },
    Balance {
        /// The monthly fee; `None` until the user sets it.
        #[serde(default)]
        fee: Option<Money>,
        /// Day of the month the fee is taken, 1-31 (clamped to the month's last day).
        billing_day: u32,
    },
}

/// Earliest date a rule may name (the event log starts in 1990 too).
pub fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Latest date a rule may name.
pub fn latest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

fn check_date(date: NaiveDate, field: Field) -> Result<()> {
    if date < earliest_date() || date > latest_date() {
        return Err(CoreError::OutOfRange { field });
    }
    Ok(())
}

/// Latest billing day of a month.
pub const BILLING_DAY_MAX: u32 = 31;

impl KeepAliveRule {
    /// Checks the rule and returns it normalized (qualifying kinds sorted and deduplicated,
    /// currency codes upper case), or the first error, naming its field. A line's rule must be
    /// complete: a balance rule needs its fee.
    pub fn validate(&self) -> Result<KeepAliveRule> {
        let rule = self.validate_template()?;
        if let Self::Balance { fee: None, .. } = rule {
            return Err(CoreError::Required { field: Field::Fee });
        }
        Ok(rule)
    }

    /// As [`Self::validate`], but a carrier's rule (a preset or a user's carrier) may leave a
    /// balance rule's fee blank for each line to set.
    pub fn validate_template(&self) -> Result<KeepAliveRule> {
        match self {
            Self::Rolling {
                period,
                qualifying,
                charged,
            } => {
                period.validate(Field::Period)?;
                let mut q = qualifying.clone();
                q.sort_unstable();
                q.dedup();
                if q.is_empty() {
                    return Err(CoreError::Required {
                        field: Field::Qualifying,
                    });
                }
                let mut c = charged.clone();
                c.sort_unstable();
                c.dedup();
                if c.iter().any(|k| !q.contains(k)) {
                    return Err(CoreError::InvalidRule {
                        field: Field::Qualifying,
                        reason: "a kind that counts only when charged must qualify",
                    });
                }
                Ok(Self::Rolling {
                    period: *period,
                    qualifying: q,
                    charged: c,
                })
            }
            Self::TopupValidity {
                tiers,
                stack,
                cap_days,
            } => {
                if tiers.is_empty() {
                    return Err(CoreError::Required {
                        field: Field::Tiers,
                    });
                }
                if tiers.len() > TIERS_MAX {
                    return Err(CoreError::TooMany {
                        field: Field::Tiers,
                        max: TIERS_MAX,
                    });
                }
                let mut out: Vec<Tier> = Vec::with_capacity(tiers.len());
                for tier in tiers {
                    let min_amount = tier.min_amount.validate(Field::Tiers, false)?;
                    if tier.days > PERIOD_DAYS_MAX
                        || tier.months > PERIOD_MONTHS_MAX
                        || (tier.days == 0 && tier.months == 0)
                    {
                        return Err(CoreError::OutOfRange {
                            field: Field::Tiers,
                        });
                    }
                    if let Some(prev) = out.last() {
                        if prev.min_amount.currency != min_amount.currency {
                            return Err(CoreError::InvalidRule {
                                field: Field::Tiers,
                                reason: "all tiers must use one currency",
                            });
                        }
                        if prev.min_amount.minor >= min_amount.minor {
                            return Err(CoreError::TiersOutOfOrder {
                                field: Field::Tiers,
                            });
                        }
                    }
                    out.push(Tier {
                        min_amount,
                        days: tier.days,
                        months: tier.months,
                    });
                }
                if let Some(cap) = cap_days {
                    if !(1..=PERIOD_DAYS_MAX).contains(cap) {
                        return Err(CoreError::OutOfRange {
                            field: Field::Tiers,
                        });
                    }
                }
                Ok(Self::TopupValidity {
                    tiers: out,
                    stack: *stack,
                    cap_days: *cap_days,
                })
            }
            Self::FixedExpiry { expires_on } => {
                check_date(*expires_on, Field::ExpiresOn)?;
                Ok(self.clone())
            }
            Self::RecurringPlan { period, anchor } => {
                period.validate(Field::Period)?;
                if let Some(a) = anchor {
                    check_date(*a, Field::Anchor)?;
                }
                Ok(self.clone())
            }
            Self::Balance { fee, billing_day } => {
                let fee = fee
                    .as_ref()
                    .map(|f| f.validate(Field::Fee, false))
                    .transpose()?;
                if !(1..=BILLING_DAY_MAX).contains(billing_day) {
                    return Err(CoreError::OutOfRange {
                        field: Field::BillingDay,
                    });
                }
                Ok(Self::Balance {
                    fee,
                    billing_day: *billing_day,
                })
            }
        }
    }
}

/// Parses an IANA zone name (exact spelling, surrounding spaces ignored), or `invalid_zone`.
pub fn parse_zone(name: &str) -> Result<Tz> {
    let name = name.trim();
    Tz::from_str(name).map_err(|_| CoreError::InvalidZone(name.to_owned()))
}

/// A rule as a line (or a carrier preset) holds it: the rule, its optional grace stage, and the
/// IANA zone the carrier counts days in (serialized as its name, e.g. `"Europe/London"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct RuleSpec {
    pub rule: KeepAliveRule,
    #[serde(default)]
    pub grace: Option<Grace>,
    pub zone: String,
}

impl RuleSpec {
    pub fn new(rule: KeepAliveRule, grace: Option<Grace>, zone: Tz) -> Self {
        Self {
            rule,
            grace,
            zone: zone.name().to_owned(),
        }
    }

    /// Checks the rule, the grace and the zone; returns the spec normalized (zone spelled as
    /// in the IANA database) or the first error, naming its field.
    pub fn validate(&self) -> Result<RuleSpec> {
        let spec = self.validate_template()?;
        spec.rule.validate()?;
        Ok(spec)
    }

    /// As [`Self::validate`], allowing a balance rule without its fee (a carrier's rule).
    pub fn validate_template(&self) -> Result<RuleSpec> {
        let rule = self.rule.validate_template()?;
        if let Some(g) = &self.grace {
            g.validate()?;
        }
        let tz = parse_zone(&self.zone)?;
        Ok(RuleSpec {
            rule,
            grace: self.grace,
            zone: tz.name().to_owned(),
        })
    }

    /// The zone, parsed.
    pub fn tz(&self) -> Result<Tz> {
        parse_zone(&self.zone)
    }
}
