//! The dated parameter file and the calendar file (TOML): the copies shipped in the binary and
//! an installation's overrides, merged into a domain [`Law`].
//!
//! Merging: an override's entry replaces the shipped entry with the same key (parameter name
//! and date; edition id; MCI date; holiday name and date; calendar year) and adds the others.

use chrono::{NaiveDate, NaiveTime};
use ruqsat_domain::calendar::{CalendarRules, FixedHoliday, WorkingCalendar, YearData};
use ruqsat_domain::decide::Law;
use ruqsat_domain::parameters::{
    Edition, MciEntry, ParameterEntry, ParameterName, ParameterValue, Parameters, RuleSet,
};
use serde::Deserialize;

use crate::input::parse_date;

/// The parameters shipped with this release.
pub const SHIPPED_PARAMETERS: &str = include_str!("../../../data/parameters.toml");
/// The calendar shipped with this release.
pub const SHIPPED_CALENDAR: &str = include_str!("../../../data/calendar.toml");

/// A data file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum LawFileError {
    /// Not valid TOML of the expected shape.
    #[error("{file}: {message}")]
    Format {
        /// Which file.
        file: String,
        /// What is wrong.
        message: String,
    },
    /// The parameters do not resolve.
    #[error("parameters: {0}")]
    Parameters(#[from] ruqsat_domain::parameters::ParameterError),
    /// The calendar does not build.
    #[error("calendar: {0}")]
    Calendar(#[from] ruqsat_domain::calendar::CalendarError),
}

/// The law as shipped, with no installation overrides.
pub fn shipped_law() -> Result<Law, LawFileError> {
    load_law(&[], &[])
}

/// The law as shipped, merged with override files given as `(name, content)` pairs.
pub fn load_law(
    parameter_overrides: &[(&str, &str)],
    calendar_overrides: &[(&str, &str)],
) -> Result<Law, LawFileError> {
    let mut parameters: ParametersFile = parse_toml("data/parameters.toml", SHIPPED_PARAMETERS)?;
    for (name, content) in parameter_overrides {
        let overlay: ParametersFile = parse_toml(name, content)?;
        parameters.merge(overlay);
    }
    let mut calendar: CalendarFile = parse_toml("data/calendar.toml", SHIPPED_CALENDAR)?;
    for (name, content) in calendar_overrides {
        let overlay: CalendarFile = parse_toml(name, content)?;
        calendar.merge(overlay);
    }
    let parameters = parameters.into_domain()?;
    let calendar = WorkingCalendar::new(&calendar.into_domain()?)?;
    Ok(Law::new(parameters, calendar))
}

fn parse_toml<T: for<'de> Deserialize<'de>>(file: &str, content: &str) -> Result<T, LawFileError> {
    toml::from_str(content).map_err(|error| LawFileError::Format {
        file: file.to_owned(),
        message: error.to_string(),
    })
}

fn format_error(file: &str, message: String) -> LawFileError {
    LawFileError::Format {
        file: file.to_owned(),
        message,
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ParametersFile {
    #[serde(default)]
    edition: Vec<EditionRow>,
    #[serde(default)]
    mci: Vec<MciRow>,
    #[serde(default)]
    parameter: Vec<ParameterRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditionRow {
    id: String,
    in_force_from: String,
    rules: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MciRow {
    amount_kzt: u64,
    in_force_from: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterRow {
    name: String,
    value: toml::Value,
    in_force_from: String,
    source: String,
}

impl ParametersFile {
    fn merge(&mut self, overlay: ParametersFile) {
        for row in overlay.edition {
            self.edition.retain(|existing| existing.id != row.id);
            self.edition.push(row);
        }
        for row in overlay.mci {
            self.mci.retain(|existing| existing.in_force_from != row.in_force_from);
            self.mci.push(row);
        }
        for row in overlay.parameter {
            self.parameter
                .retain(|existing| !(existing.name == row.name && existing.in_force_from == row.in_force_from));
            self.parameter.push(row);
        }
    }

    fn into_domain(self) -> Result<Parameters, LawFileError> {
        let file = "parameters";
        let date = |what: &str, text: &str| {
            parse_date(text).map_err(|message| format_error(file, format!("{what}: {message}")))
        };
        let mut editions = Vec::with_capacity(self.edition.len());
        for row in self.edition {
            let rule_set: RuleSet = row
                .rules
                .parse()
                .map_err(|message| format_error(file, format!("edition {}: {message}", row.id)))?;
            editions.push(Edition {
                in_force_from: date(&format!("edition {}", row.id), &row.in_force_from)?,
                id: row.id,
                rule_set,
                source: row.source,
            });
        }
        let mut mci = Vec::with_capacity(self.mci.len());
        for row in self.mci {
            mci.push(MciEntry {
                amount_kzt: row.amount_kzt,
                in_force_from: date("mci", &row.in_force_from)?,
                source: row.source,
            });
        }
        let mut entries = Vec::with_capacity(self.parameter.len());
        for row in self.parameter {
            let name: ParameterName = row
                .name
                .parse()
                .map_err(|error| format_error(file, format!("{error}")))?;
            let value = match &row.value {
                toml::Value::Integer(number) => ParameterValue::Integer(*number),
                toml::Value::Boolean(flag) => ParameterValue::Flag(*flag),
                toml::Value::String(text) if text == "unset" => ParameterValue::Unset,
                toml::Value::String(text) => {
                    ParameterValue::Time(NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
                        format_error(
                            file,
                            format!("{name}: {text:?} is not a time HH:MM, a number, true/false or \"unset\""),
                        )
                    })?)
                }
                other => return Err(format_error(file, format!("{name}: unsupported value {other}"))),
            };
            entries.push(ParameterEntry {
                name,
                value,
                in_force_from: date(name.as_str(), &row.in_force_from)?,
                source: row.source,
            });
        }
        Ok(Parameters::new(entries, editions, mci)?)
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CalendarFile {
    #[serde(default)]
    holiday: Vec<HolidayRow>,
    #[serde(default)]
    year: Vec<YearRow>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayRow {
    name: String,
    date: String,
    #[serde(default)]
    from_year: Option<i32>,
    #[serde(default)]
    until_year: Option<i32>,
    #[serde(default = "yes")]
    moves: bool,
    source: String,
}

fn yes() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearRow {
    year: i32,
    #[serde(default)]
    kurban_ait: Option<String>,
    #[serde(default)]
    provisional: bool,
    #[serde(default)]
    working_weekend_days: Vec<String>,
    #[serde(default)]
    transferred_days_off: Vec<String>,
    source: String,
}

impl CalendarFile {
    fn merge(&mut self, overlay: CalendarFile) {
        for row in overlay.holiday {
            self.holiday
                .retain(|existing| !(existing.name == row.name && existing.date == row.date));
            self.holiday.push(row);
        }
        for row in overlay.year {
            self.year.retain(|existing| existing.year != row.year);
            self.year.push(row);
        }
    }

    fn into_domain(self) -> Result<CalendarRules, LawFileError> {
        let file = "calendar";
        let mut holidays = Vec::with_capacity(self.holiday.len());
        for row in self.holiday {
            let (month, day) = row
                .date
                .split_once('-')
                .and_then(|(month, day)| Some((month.parse::<u32>().ok()?, day.parse::<u32>().ok()?)))
                .filter(|(month, day)| NaiveDate::from_ymd_opt(2024, *month, *day).is_some())
                .ok_or_else(|| {
                    format_error(
                        file,
                        format!("holiday {}: {:?} is not a date MM-DD", row.name, row.date),
                    )
                })?;
            holidays.push(FixedHoliday {
                name: row.name,
                month,
                day,
                from_year: row.from_year,
                until_year: row.until_year,
                moves_from_weekend: row.moves,
                source: row.source,
            });
        }
        let dates = |year: i32, what: &str, texts: &[String]| -> Result<Vec<NaiveDate>, LawFileError> {
            texts
                .iter()
                .map(|text| parse_date(text).map_err(|message| format_error(file, format!("{year} {what}: {message}"))))
                .collect()
        };
        let mut years = Vec::with_capacity(self.year.len());
        for row in self.year {
            years.push(YearData {
                year: row.year,
                kurban_ait: row
                    .kurban_ait
                    .as_deref()
                    .map(parse_date)
                    .transpose()
                    .map_err(|message| format_error(file, format!("{} kurban_ait: {message}", row.year)))?,
                provisional: row.provisional,
                working_weekend_days: dates(row.year, "working_weekend_days", &row.working_weekend_days)?,
                transferred_days_off: dates(row.year, "transferred_days_off", &row.transferred_days_off)?,
                source: row.source,
            });
        }
        Ok(CalendarRules { holidays, years })
    }
}
