//! Time zones the app offers and currencies a country usually pays in: the short lists the
//! UI puts first in a field (any IANA zone or ISO 4217 code can still be typed or picked).

use chrono_tz::Tz;
use serde::Serialize;
use specta::Type;

/// The zones offered first in every time-zone field, by region: where the carriers in the
/// catalogue count their days, and the zones most users live in.
pub const COMMON_ZONES: &[&str] = &[
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Macau",
    "Asia/Taipei",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Manila",
    "Asia/Singapore",
    "Asia/Kuala_Lumpur",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Ho_Chi_Minh",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Australia/Sydney",
    "Australia/Melbourne",
    "Australia/Perth",
    "Pacific/Auckland",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Rome",
    "Europe/Amsterdam",
    "Europe/Brussels",
    "Europe/Luxembourg",
    "Europe/Kyiv",
    "Europe/Moscow",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Africa/Johannesburg",
    "UTC",
];

/// The zones a time-zone field offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ZoneList {
    /// The device's zone: the default for the reminder settings and a new rule.
    pub system: String,
    /// [`COMMON_ZONES`], the device's zone first when it is not among them.
    pub common: Vec<String>,
}

pub fn zone_list(system: Tz) -> ZoneList {
    let system = system.name().to_owned();
    let mut common: Vec<String> = COMMON_ZONES.iter().map(|z| (*z).to_owned()).collect();
    if !common.contains(&system) {
        common.insert(0, system.clone());
    }
    ZoneList { system, common }
}

/// The currency a country's prepaid top-ups are usually paid in (ISO 3166-1 → ISO 4217), for
/// the countries of the catalogue and their neighbours; the euro for every euro-area member.
#[rustfmt::skip]
const COUNTRY_CURRENCIES: &[(&str, &str)] = &[
    ("AE", "AED"), ("AR", "ARS"), ("AT", "EUR"), ("AU", "AUD"), ("BD", "BDT"), ("BE", "EUR"),
    ("BG", "BGN"), ("BR", "BRL"), ("CA", "CAD"), ("CH", "CHF"), ("CL", "CLP"), ("CN", "CNY"),
    ("CO", "COP"), ("CY", "EUR"), ("CZ", "CZK"), ("DE", "EUR"), ("DK", "DKK"), ("EE", "EUR"),
    ("EG", "EGP"), ("ES", "EUR"), ("FI", "EUR"), ("FR", "EUR"), ("GB", "GBP"), ("GG", "GBP"),
    ("GR", "EUR"), ("HK", "HKD"), ("HR", "EUR"), ("HU", "HUF"), ("ID", "IDR"), ("IE", "EUR"),
    ("IL", "ILS"), ("IM", "GBP"), ("IN", "INR"), ("IS", "ISK"), ("IT", "EUR"), ("JE", "GBP"),
    ("JP", "JPY"), ("KE", "KES"), ("KH", "KHR"), ("KR", "KRW"), ("LK", "LKR"), ("LT", "EUR"),
    ("LU", "EUR"), ("LV", "EUR"), ("MM", "MMK"), ("MO", "MOP"), ("MT", "EUR"), ("MX", "MXN"),
    ("MY", "MYR"), ("NG", "NGN"), ("NL", "EUR"), ("NO", "NOK"), ("NP", "NPR"), ("NZ", "NZD"),
    ("PE", "PEN"), ("PH", "PHP"), ("PK", "PKR"), ("PL", "PLN"), ("PT", "EUR"), ("QA", "QAR"),
    ("RO", "RON"), ("RS", "RSD"), ("SA", "SAR"), ("SE", "SEK"), ("SG", "SGD"), ("SI", "EUR"),
    ("SK", "EUR"), ("TH", "THB"), ("TR", "TRY"), ("TW", "TWD"), ("UA", "UAH"), ("US", "USD"),
    ("VN", "VND"), ("ZA", "ZAR"),
];

/// The currency `country` (ISO 3166-1 alpha-2, any case) usually pays in, if known.
pub fn country_currency(country: &str) -> Option<&'static str> {
    let code = country.trim().to_ascii_uppercase();
    COUNTRY_CURRENCIES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, cur)| *cur)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::currency_exponent;
    use crate::rules::parse_zone;

    #[test]
    fn every_listed_zone_and_currency_is_real() {
        for z in COMMON_ZONES {
            assert_eq!(parse_zone(z).unwrap().name(), *z);
        }
        for p in crate::carrier::presets() {
            assert!(COMMON_ZONES.contains(&p.zone.as_str()), "{}", p.zone);
            assert!(country_currency(&p.country).is_some(), "{}", p.country);
        }
        for (country, currency) in COUNTRY_CURRENCIES {
            assert!(crate::phone::parse_country(country).is_ok(), "{country}");
            assert!(currency_exponent(currency).is_some(), "{currency}");
        }
        assert_eq!(country_currency("de"), Some("EUR"));
        let list = zone_list(chrono_tz::America::Argentina::Salta);
        assert_eq!(list.common[0], "America/Argentina/Salta");
        assert_eq!(
            zone_list(chrono_tz::Europe::London).common.len(),
            COMMON_ZONES.len()
        );
    }
}
