//! A realistic, deterministic data set for benchmarks and trying the app at scale (feature
//! `bench-data`): lines spread over every carrier preset (so over every rule kind and many
//! zones and currencies), a few free-text carriers and lines with their own fixed-expiry rule,
//! and a renewal log of several years whose kinds, amounts and rhythm follow each line's rule.
//! The same [`Spec`] always gives the same data (a seeded generator, no clock).
//!
//! [`populate`] writes it through the store's import path (`Store::insert_records`) in one
//! transaction; [`generate`] only builds the records (what a backup holds).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

use crate::backup::{Data, EventRecord, LineRecord};
use crate::carrier::{preset_carriers, Carrier};
use crate::error::{CoreError, Result};
use crate::event::{EventKind, Method, Money, PaymentChannel};
use crate::line::SimKind;
use crate::planner::LineReminderOverrides;
use crate::rules::{KeepAliveRule, RuleSpec};
use crate::store::Store;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub lines: u32,
    /// Events in all; each line gets `events / lines` on average (some none, some twice that).
    pub events: u32,
    /// How far back the log goes.
    pub years: u32,
    pub seed: u64,
}

impl Spec {
    /// The size the performance budgets are set for: 10,000 lines, 200,000 events over five
    /// years.
    pub const FULL: Spec = Spec {
        lines: 10_000,
        events: 200_000,
        years: 5,
        seed: 12,
    };

    /// A spec of `lines` lines with 20 events each over five years.
    pub fn with_lines(lines: u32) -> Spec {
        Spec {
            lines,
            events: lines.saturating_mul(20),
            ..Spec::FULL
        }
    }
}

/// The instant the data is generated for (its "now"): every event is before it.
pub fn bench_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// SplitMix64: small, fast and good enough to spread test data; deterministic by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0; 0 gives 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = u64::try_from(items.len()).unwrap_or(u64::MAX);
        items.get(usize::try_from(self.below(n)).unwrap_or(0))
    }

    /// A version 4 UUID made from the generator (so ids are stable across runs).
    fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

/// The currency a country's prepaid cards are sold in, and a typical top-up in minor units.
fn currency(country: &str) -> (&'static str, i64) {
    match country {
        "GB" => ("GBP", 1000),
        "US" => ("USD", 1500),
        "HK" => ("HKD", 10000),
        "MO" => ("MOP", 10000),
        "CN" => ("CNY", 5000),
        "PH" => ("PHP", 30000),
        "MY" => ("MYR", 3000),
        "CA" => ("CAD", 2500),
        "AU" => ("AUD", 2000),
        "NZ" => ("NZD", 2000),
        "ID" => ("IDR", 5_000_000),
        "VN" => ("VND", 10_000_000),
        "TH" => ("THB", 20000),
        "SG" => ("SGD", 1500),
        "JP" => ("JPY", 3000),
        "KR" => ("KRW", 1_000_000),
        "UA" => ("UAH", 10000),
        _ => ("EUR", 1000),
    }
}

/// Valid mobile numbers of a region, made from the numbering metadata's example by replacing
/// its last digits with a counter.
struct Numbers {
    next: HashMap<String, u32>,
}

impl Numbers {
    fn make(&mut self, country: &str) -> Result<String> {
        let example = phonenumber::metadata::DATABASE
            .by_id(country)
            .and_then(|m| m.descriptors().mobile().and_then(|d| d.example()))
            .map(str::to_owned)
            .ok_or_else(|| CoreError::InvalidCountry(country.to_owned()))?;
        let region = crate::phone::parse_country(country)?;
        let keep = example.len().saturating_sub(5);
        let counter = self.next.entry(country.to_owned()).or_insert(0);
        while *counter < 100_000 {
            let candidate = format!("{}{:05}", &example[..keep], *counter);
            *counter += 1;
            if let Ok(n) = crate::phone::parse_number(&candidate, Some(region)) {
                if n.region.as_deref() == Some(country) {
                    return Ok(n.e164);
                }
            }
        }
        Err(CoreError::InvalidNumber {
            reason: format!("ran out of generated numbers for {country}"),
        })
    }
}

const TAGS: &[&str] = &["work", "travel", "family", "backup", "2FA", "旅行", "工作"];
const FREE_TEXT: &[(&str, &str)] = &[("GB", "Local MVNO"), ("US", "Prepaid shop SIM")];

/// How a line's log is written: which kinds it logs and what they cost.
struct Habit {
    kinds: Vec<EventKind>,
    /// A kind that counts only when charged gets an amount.
    charged: Vec<EventKind>,
    topup: Money,
    /// Days between renewals, roughly (the rule's period, a little early).
    every_days: i64,
}

fn period_days(p: crate::rules::Period) -> i64 {
    match p {
        crate::rules::Period::Days(d) => i64::from(d),
        crate::rules::Period::Months(m) => i64::from(m) * 30,
    }
}

fn habit(rule: Option<&KeepAliveRule>, country: &str) -> Habit {
    let (cur, amount) = currency(country);
    let topup = Money::new(amount, cur);
    match rule {
        Some(KeepAliveRule::Rolling {
            period,
            qualifying,
            charged,
        }) => Habit {
            kinds: qualifying.clone(),
            charged: charged.clone(),
            topup,
            every_days: (period_days(*period) * 3 / 4).max(7),
        },
        Some(KeepAliveRule::TopupValidity { tiers, .. }) => Habit {
            kinds: vec![EventKind::Topup],
            charged: vec![],
            topup: tiers
                .iter()
                .max_by_key(|t| t.months * 31 + t.days)
                .map_or(topup, |t| t.min_amount.clone()),
            every_days: tiers
                .iter()
                .map(|t| i64::from(t.months) * 30 + i64::from(t.days))
                .max()
                .map_or(90, |d| (d * 3 / 4).max(7)),
        },
        Some(KeepAliveRule::RecurringPlan { period, .. }) => Habit {
            kinds: vec![EventKind::PlanPayment],
            charged: vec![],
            topup,
            every_days: period_days(*period),
        },
        Some(KeepAliveRule::Balance { .. }) => Habit {
            kinds: vec![EventKind::Topup],
            charged: vec![],
            topup,
            every_days: 90,
        },
        _ => Habit {
            kinds: vec![EventKind::Topup],
            charged: vec![],
            topup,
            every_days: 60,
        },
    }
}

/// How many events each line gets: pairs of lines share out twice the average (one gets `d`
/// more, the other `d` fewer, so some lines have none), the remainder goes to the first line.
fn event_counts(spec: &Spec) -> Vec<u32> {
    let per_line = spec.events.checked_div(spec.lines).unwrap_or(0);
    let mut counts: Vec<u32> = (0..spec.lines)
        .map(|i| {
            let d = (i / 2) % (per_line + 1);
            if i % 2 == 1 {
                per_line - d
            } else if i + 1 == spec.lines {
                per_line
            } else {
                per_line + d
            }
        })
        .collect();
    let total: u32 = counts.iter().sum();
    if let Some(first) = counts.first_mut() {
        *first = first.saturating_add(spec.events.saturating_sub(total));
    }
    counts
}

/// The records of a data set (see the module docs). Errors only when the numbering metadata
/// cannot give enough numbers for a country.
pub fn generate(spec: &Spec) -> Result<Data> {
    let mut rng = Rng(spec.seed);
    let now = bench_now();
    let carriers: Vec<Carrier> = preset_carriers();
    let mut numbers = Numbers {
        next: HashMap::new(),
    };
    let span_days = i64::from(spec.years.max(1)) * 365;
    let counts = event_counts(spec);
    let mut lines = Vec::with_capacity(spec.lines as usize);
    let mut events = Vec::with_capacity(spec.events as usize);
    for i in 0..spec.lines {
        let free_text = i % 50 == 7;
        let carrier = if free_text { None } else { rng.pick(&carriers) };
        let (country, carrier_name) = match carrier {
            Some(c) => (c.country.clone(), c.name_en.clone()),
            None => {
                let (c, n) = FREE_TEXT[(i as usize / 50) % FREE_TEXT.len()];
                (c.to_owned(), n.to_owned())
            }
        };
        let e164 = numbers.make(&country)?;
        let (cur, amount) = currency(&country);
        // The line's own rule: a fee for the balance presets that leave it blank, now and
        // then a fixed expiry read from a balance SMS.
        let rule_override = match carrier {
            Some(c) if i % 40 == 3 => Some(RuleSpec {
                rule: KeepAliveRule::FixedExpiry {
                    expires_on: NaiveDate::from_ymd_opt(2027, 1 + (i % 12), 1 + (i % 28))
                        .unwrap_or(NaiveDate::MIN),
                },
                grace: c.grace,
                zone: c.zone.clone(),
            }),
            Some(c) => match &c.rule {
                Some(KeepAliveRule::Balance {
                    fee: None,
                    billing_day,
                }) => Some(RuleSpec {
                    rule: KeepAliveRule::Balance {
                        fee: Some(Money::new(800, cur)),
                        billing_day: *billing_day,
                    },
                    grace: c.grace,
                    zone: c.zone.clone(),
                }),
                _ => None,
            },
            None => None,
        };
        let rule = rule_override
            .as_ref()
            .map(|r| &r.rule)
            .or_else(|| carrier.and_then(|c| c.rule.as_ref()));
        let habit = habit(rule, &country);
        let created_at =
            now - Duration::days(span_days) + Duration::minutes(rng.below(180 * 1440) as i64);
        let id = rng.uuid();
        let archived = i % 33 == 5;
        let tags: Vec<String> = match rng.below(10) {
            0..=5 => vec![],
            6..=8 => rng
                .pick(TAGS)
                .map(|t| vec![(*t).to_owned()])
                .unwrap_or_default(),
            _ => vec!["work".into(), "2FA".into()],
        };
        let reminders = match i % 20 {
            1 => Some(LineReminderOverrides {
                leads_days: Some(vec![14, 3, 0]),
                ..LineReminderOverrides::default()
            }),
            2 if i % 60 == 2 => Some(LineReminderOverrides {
                muted: true,
                ..LineReminderOverrides::default()
            }),
            _ => None,
        };
        lines.push(LineRecord {
            id: id.clone(),
            e164,
            label: if i % 3 == 0 {
                format!("{carrier_name} 号 {}", i + 1)
            } else {
                format!("{carrier_name} #{}", i + 1)
            },
            country: country.clone(),
            carrier: carrier_name,
            carrier_id: carrier.map(|c| c.id.clone()),
            sim_kind: if i % 4 == 0 {
                SimKind::Esim
            } else {
                SimKind::Physical
            },
            iccid: (i % 5 == 0).then(|| format!("8944{:016}", u64::from(i) * 7919)),
            tags,
            notes: if i % 10 == 0 {
                "Kept for bank verification codes.".into()
            } else {
                String::new()
            },
            rule_override,
            low_balance: (i % 10 == 4).then(|| Money::new(amount / 2, cur)),
            created_at,
            updated_at: created_at,
            archived_at: archived.then(|| now - Duration::days(30 + i64::from(i % 300))),
            reminders,
        });

        let count = i64::from(counts[i as usize]);
        // Most lines are kept up; some lapsed a while ago (overdue or lost by now).
        let lapsed = rng.chance(8);
        let last = if lapsed {
            now - Duration::days(habit.every_days + 30 + rng.below(700) as i64)
        } else {
            now - Duration::days(rng.below(habit.every_days.max(1) as u64) as i64)
                - Duration::minutes(rng.below(1440) as i64)
        };
        let first = created_at + Duration::days(1);
        let last = last.max(first + Duration::days(1));
        let window = (last - first).num_minutes().max(1) as u64;
        let mut times: Vec<DateTime<Utc>> = (0..count.max(0))
            .map(|k| {
                if k == 0 {
                    last
                } else {
                    first + Duration::minutes(rng.below(window) as i64)
                }
            })
            .collect();
        times.sort();
        let mut balance = amount;
        for (k, at) in times.into_iter().enumerate() {
            let roll = rng.below(100);
            let kind = if roll < 12 {
                EventKind::BalanceCheck
            } else if roll < 16 {
                *rng.pick(&[EventKind::Call, EventKind::Sms, EventKind::Data])
                    .unwrap_or(&EventKind::Call)
            } else {
                *rng.pick(&habit.kinds).unwrap_or(&EventKind::Topup)
            };
            let amount_paid = match kind {
                EventKind::Topup | EventKind::PlanPayment => Some(habit.topup.clone()),
                k if habit.charged.contains(&k) => Some(Money::new(amount / 50 + 1, cur)),
                _ => None,
            };
            if let Some(m) = &amount_paid {
                if m.currency == cur {
                    balance += m.minor;
                }
            }
            balance = (balance - amount / 20).max(0);
            let balance_after = match kind {
                EventKind::BalanceCheck => Some(Money::new(balance, cur)),
                EventKind::Topup if k % 3 == 0 => Some(Money::new(balance, cur)),
                _ => None,
            };
            let logged = at + Duration::minutes(1 + rng.below(600) as i64);
            let logged = logged.min(now);
            let deleted = rng.below(1000) < 5;
            events.push(EventRecord {
                id: rng.uuid(),
                line_id: id.clone(),
                occurred_at: at,
                kind,
                amount: amount_paid,
                method: match kind {
                    EventKind::BalanceCheck => Some(Method::Ussd),
                    EventKind::PlanPayment => Some(Method::AutoRenew),
                    EventKind::Topup => rng
                        .pick(&[Method::App, Method::Web, Method::Shop, Method::Ussd])
                        .copied(),
                    _ => None,
                },
                channel: match kind {
                    EventKind::Topup | EventKind::PlanPayment => rng
                        .pick(&[
                            PaymentChannel::BankCard,
                            PaymentChannel::Alipay,
                            PaymentChannel::WechatPay,
                            PaymentChannel::Paypal,
                            PaymentChannel::Voucher,
                        ])
                        .copied(),
                    _ => None,
                },
                reference: match kind {
                    EventKind::Topup | EventKind::PlanPayment => {
                        format!("ORD-{}-{k}", i + 1)
                    }
                    _ => String::new(),
                },
                note: if k % 25 == 24 {
                    "paid at the airport".into()
                } else {
                    String::new()
                },
                balance_after,
                created_at: logged,
                updated_at: if deleted {
                    now - Duration::days(1)
                } else {
                    logged
                },
                deleted_at: deleted.then(|| now - Duration::days(1)),
            });
        }
    }
    Ok(Data {
        lines,
        carriers: Vec::new(),
        events,
        plans: Vec::new(),
        promotions: Vec::new(),
        settings: Default::default(),
    })
}

/// Forgets the display forms of numbers the process has formatted, so a bench of an import or
/// a restore pays for them as a freshly started app does.
pub fn forget_display_memo() {
    crate::phone::forget_display_memo();
}

/// Generates the data set and writes it into `store` in one transaction (the import path).
/// Returns what was written.
pub fn populate(store: &mut Store, spec: &Spec) -> Result<Data> {
    let data = generate(spec)?;
    store.insert_records(&data.lines, &data.events, bench_now())?;
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{read_backup, Backup};
    use crate::line::LineQuery;
    use crate::rules::Status;

    const SMALL: Spec = Spec {
        lines: 301,
        events: 6020,
        years: 5,
        seed: 7,
    };

    #[test]
    fn the_same_spec_gives_the_same_data_and_the_exact_counts() {
        let a = generate(&SMALL).unwrap();
        let b = generate(&SMALL).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.lines.len(), 301);
        assert_eq!(a.events.len(), 6020);
        let c = generate(&Spec { seed: 8, ..SMALL }).unwrap();
        assert_ne!(a.events, c.events);
    }

    #[test]
    fn every_record_passes_the_checks_a_backup_gets() {
        let data = generate(&SMALL).unwrap();
        let json = Backup::new(data.clone(), bench_now()).to_json().unwrap();
        let read = read_backup(&json, bench_now()).unwrap();
        assert_eq!(read.data.lines.len(), data.lines.len());
        assert_eq!(read.data.events.len(), data.events.len());
    }

    #[test]
    fn the_lines_cover_every_rule_kind_and_status() {
        let mut store = Store::open_in_memory().unwrap();
        populate(&mut store, &SMALL).unwrap();
        assert_eq!(store.count_lines().unwrap(), 301);
        let ctx = store
            .eval_context(bench_now(), chrono_tz::Europe::London)
            .unwrap();
        let all = store.line_summaries(&LineQuery::default(), &ctx).unwrap();
        for status in [
            Status::Ok,
            Status::DueSoon,
            Status::Overdue,
            Status::Lost,
            Status::Unknown,
        ] {
            assert!(all.iter().any(|s| s.status == status), "{status:?}");
        }
        let kinds: std::collections::HashSet<_> = all
            .iter()
            .filter_map(|s| s.rule.as_ref())
            .map(|r| std::mem::discriminant(&r.rule))
            .collect();
        assert_eq!(kinds.len(), 5);
        let ok = all.iter().filter(|s| s.status == Status::Ok).count();
        assert!(
            ok * 2 > all.len(),
            "most lines are kept up: {ok} of {}",
            all.len()
        );
    }
}
