//! The plan's money: its currency and budget, people's day rates, and each task's fixed
//! cost, actual cost and (for a workstream) budget. Amounts are exact: a whole number of
//! the currency's minor units (cents), never a float, so sums and the figures of earned
//! value (`analysis::earned_value`) add up to the cent.
//!
//! A task's planned cost is MS Project's for a task with fixed cost and work resources:
//! its fixed cost, plus for each Responsible person (R or A/R in the RACI matrix) their
//! day rate times the task's working days.

use serde::{Deserialize, Serialize};

use super::hashing::IdMap;
use super::{PersonId, Plan, RaciRole, TaskId};

/// An amount in the currency's minor units (cents for EUR and USD, yen for JPY).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);
    /// The largest amount a plan may hold: 10^15 minor units (ten trillion euros), so
    /// that a sum over 250,000 tasks, or a rate times any duration, cannot overflow.
    pub const MAX: Money = Money(1_000_000_000_000_000);

    pub fn is_zero(&self) -> bool {
        self.0 == 0
    }

    /// `self × numerator ÷ denominator`, rounded half away from zero, in 128 bits so no
    /// product overflows; 0 when `denominator` is 0.
    pub fn scaled(self, numerator: i64, denominator: i64) -> Money {
        if denominator == 0 {
            return Money::ZERO;
        }
        let product = i128::from(self.0) * i128::from(numerator);
        let denominator = i128::from(denominator);
        let half = denominator.abs() / 2;
        let rounded = if (product < 0) == (denominator < 0) {
            (product.abs() + half) / denominator.abs()
        } else {
            -((product.abs() + half) / denominator.abs())
        };
        Money(rounded.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0.saturating_add(other.0))
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0.saturating_sub(other.0))
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(amounts: I) -> Money {
        amounts.fold(Money::ZERO, |total, amount| total + amount)
    }
}

/// The currency a new plan has until one is chosen.
pub const DEFAULT_CURRENCY: &str = "USD";

/// The plan's money, all in one place of the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// An ISO 4217 code: three capital letters ("EUR", "USD", "JPY").
    pub currency: String,
    /// What the whole plan may cost. Left out while not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Money>,
    /// What a person's working day costs. Left out while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub day_rates: Vec<DayRate>,
    /// The tasks that have a cost, an actual cost or a budget. Left out while empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::serde_forms::list_of_objects")]
    pub tasks: Vec<TaskCost>,
}

impl Default for Budget {
    fn default() -> Self {
        Self { currency: DEFAULT_CURRENCY.into(), total: None, day_rates: Vec::new(), tasks: Vec::new() }
    }
}

impl Budget {
    /// Nothing set: the default currency and no amounts. Such a budget is left out of
    /// the file, so files written before budgets keep their bytes.
    pub fn is_unset(&self) -> bool {
        *self == Self::default()
    }

    pub fn day_rate(&self, person: &PersonId) -> Money {
        self.day_rates.iter().find(|rate| rate.person == *person).map_or(Money::ZERO, |rate| rate.rate)
    }

    pub fn task(&self, task: &TaskId) -> Option<&TaskCost> {
        self.tasks.iter().find(|cost| cost.task == *task)
    }

    /// The task costs by task id, for reading many.
    pub fn by_task(&self) -> IdMap<&str, &TaskCost> {
        self.tasks.iter().map(|cost| (cost.task.as_str(), cost)).collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DayRate {
    pub person: PersonId,
    pub rate: Money,
}

/// One task's money. An entry with nothing set is not kept.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskCost {
    pub task: TaskId,
    /// A cost that does not depend on the task's length (a licence, a purchase).
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub fixed: Money,
    /// What has been spent on the task so far, entered by hand.
    #[serde(default, skip_serializing_if = "Money::is_zero")]
    pub actual: Money,
    /// What a workstream (a summary task) may cost. Left out while not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
}

impl TaskCost {
    pub fn none(task: TaskId) -> Self {
        Self { task, fixed: Money::ZERO, actual: Money::ZERO, budget: None }
    }

    pub fn is_empty(&self) -> bool {
        self.fixed.is_zero() && self.actual.is_zero() && self.budget.is_none()
    }
}

/// Whether a role makes its person do the work (and so cost their day rate).
pub fn is_responsible(role: RaciRole) -> bool {
    matches!(role, RaciRole::R | RaciRole::AR)
}

/// Each task's day rate from its Responsible people, by task id: the sum of their rates.
pub fn daily_rates(plan: &Plan) -> IdMap<&str, Money> {
    let mut rates: IdMap<&str, Money> = IdMap::default();
    if plan.budget.day_rates.is_empty() {
        return rates;
    }
    let rate_of: IdMap<&str, Money> =
        plan.budget.day_rates.iter().map(|rate| (rate.person.as_str(), rate.rate)).collect();
    for cell in plan.raci.iter().filter(|cell| is_responsible(cell.role)) {
        if let Some(rate) = rate_of.get(cell.person.as_str()) {
            let sum = rates.entry(cell.task.as_str()).or_default();
            *sum = *sum + *rate;
        }
    }
    rates
}

/// A task's planned cost for `duration` working days: its fixed cost plus its
/// Responsible people's day rates times the days.
/// Never more than `Money::MAX`, so a baseline that keeps it is a file the reader takes.
pub fn planned_cost(fixed: Money, daily_rate: Money, duration: u32) -> Money {
    (fixed + daily_rate.scaled(i64::from(duration), 1)).min(Money::MAX)
}

/// Every task's planned cost now, in plan order. Summary tasks carry only their own
/// fixed cost (their children's costs are summed where a total is wanted).
pub fn planned_costs(plan: &Plan) -> Vec<Money> {
    let rates = daily_rates(plan);
    let costs = plan.budget.by_task();
    let parents: super::hashing::IdSet<&str> =
        plan.tasks.iter().filter_map(|task| task.parent.as_ref()).map(TaskId::as_str).collect();
    plan.tasks
        .iter()
        .map(|task| {
            let fixed = costs.get(task.id.as_str()).map_or(Money::ZERO, |cost| cost.fixed);
            if parents.contains(task.id.as_str()) {
                return fixed;
            }
            let rate = rates.get(task.id.as_str()).copied().unwrap_or_default();
            planned_cost(fixed, rate, task.duration)
        })
        .collect()
}

// ------------------------------------------------------------------ currencies

/// Currencies whose minor unit is not a hundredth (ISO 4217): none for these…
const NO_MINOR_UNIT: [&str; 16] =
    ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF"];
/// …and a thousandth for these.
const THOUSANDTHS: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// The currencies the budget's menu offers first; any other ISO code may be typed.
pub const COMMON_CURRENCIES: [&str; 12] =
    ["USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "INR", "CNY", "SEK", "NOK", "DKK"];

/// How many decimal places the currency's minor unit has: 0, 2 or 3.
pub fn minor_digits(currency: &str) -> u32 {
    if NO_MINOR_UNIT.contains(&currency) {
        0
    } else if THOUSANDTHS.contains(&currency) {
        3
    } else {
        2
    }
}

/// Why a currency code cannot be used, if it cannot.
pub fn check_currency(code: &str) -> Result<(), String> {
    if code.len() == 3 && code.bytes().all(|byte| byte.is_ascii_uppercase()) {
        return Ok(());
    }
    Err(format!(
        "\"{}\" is not a currency code: give three capital letters, such as EUR, USD or JPY",
        super::text::shortened(code)
    ))
}

/// Why an amount cannot be used, if it cannot: negative, or over `Money::MAX`.
pub fn check_amount(amount: Money) -> Result<(), String> {
    if amount.0 < 0 {
        return Err("must not be negative".into());
    }
    if amount > Money::MAX {
        return Err("is larger than any budget Planwright holds (10^15 minor units)".into());
    }
    Ok(())
}

/// The amount exactly, with its decimals and thousands separated: "1,234,567.89".
pub fn format_amount(amount: Money, currency: &str) -> String {
    let digits = minor_digits(currency);
    let unit = 10_i64.pow(digits);
    let whole = (amount.0 / unit).unsigned_abs();
    let part = (amount.0 % unit).unsigned_abs();
    let digits_of_whole = whole.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits_of_whole.chars().enumerate() {
        let left = digits_of_whole.len() - index;
        if index > 0 && left.is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let sign = if amount.0 < 0 { "-" } else { "" };
    if digits == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{part:0width$}", width = digits as usize)
    }
}

/// The amount with its currency: "1,234.50 EUR".
pub fn format_money(amount: Money, currency: &str) -> String {
    format!("{} {currency}", format_amount(amount, currency))
}

/// The amount shortened for a sentence: "1.18 M", "640 k", "950". Rounded to three
/// significant figures at most; for reading, never for sums.
pub fn format_short(amount: Money, currency: &str) -> String {
    let unit = 10_i64.pow(minor_digits(currency));
    let whole = Money(amount.0).scaled(1, unit).0;
    let (scale, suffix) = match whole.unsigned_abs() {
        1_000_000_000.. => (1_000_000_000, " bn"),
        1_000_000.. => (1_000_000, " M"),
        10_000.. => (1_000, " k"),
        _ => (1, ""),
    };
    if scale == 1 {
        return format_amount(Money(whole), "JPY");
    }
    // Three significant figures: 1.18 M, 41.4 k, 414 k.
    let decimals = match Money(whole).scaled(1, scale).0.unsigned_abs() {
        100.. => 0,
        10.. => 1,
        _ => 2,
    };
    let rounded = Money(whole).scaled(10_i64.pow(decimals), scale).0;
    let unit = 10_i64.pow(decimals);
    let text = match decimals {
        0 => rounded.to_string(),
        _ => format!("{}.{:0width$}", rounded / unit, (rounded % unit).abs(), width = decimals as usize),
    };
    let text = if decimals > 0 { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    format!("{text}{suffix}")
}

/// Reads an amount as a person types it ("1,234.5", "1234", "1 234 567"; "12,50" and
/// "1 234,50" are refused, not misread): digits, commas or spaces only between groups of
/// three, a point before at most the currency's decimals.
pub fn parse_amount(text: &str, currency: &str) -> Result<Money, String> {
    let digits = minor_digits(currency);
    let trimmed = text.trim();
    let whole_part = trimmed.split('.').next().unwrap_or_default();
    let groups: Vec<&str> = whole_part.split([',', ' ', '\u{a0}']).collect();
    let in_thousands = groups.len() == 1
        || (!groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|group| group.len() == 3));
    if !in_thousands {
        return Err(format!(
            "\"{trimmed}\" is not an amount: separate thousands with commas (1,250.50) and decimals with a point"
        ));
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != ',' && *c != ' ' && *c != '\u{a0}').collect();
    if cleaned.is_empty() {
        return Ok(Money::ZERO);
    }
    if cleaned.starts_with('-') {
        return Err("a cost cannot be negative".into());
    }
    let (whole, part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let is_number = |text: &str| text.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && part.is_empty() || !is_number(whole) || !is_number(part) {
        return Err(format!("\"{}\" is not an amount: type digits, such as 1250 or 1,250.50", text.trim()));
    }
    if part.len() > digits as usize {
        return Err(match digits {
            0 => format!("{currency} has no decimals"),
            _ => format!("{currency} has {digits} decimals at most"),
        });
    }
    let too_large = || "is larger than any budget Planwright holds".to_string();
    let whole: i64 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| too_large())? };
    let part: i64 =
        if part.is_empty() { 0 } else { format!("{part:0<width$}", width = digits as usize).parse().unwrap_or(0) };
    let amount =
        whole.checked_mul(10_i64.pow(digits)).and_then(|minor| minor.checked_add(part)).ok_or_else(too_large)?;
    check_amount(Money(amount)).map(|()| Money(amount))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_exactly_with_their_currency_decimals() {
        assert_eq!(format_amount(Money(123_456_789), "EUR"), "1,234,567.89");
        assert_eq!(format_amount(Money(5), "USD"), "0.05");
        assert_eq!(format_amount(Money(1_500), "JPY"), "1,500");
        assert_eq!(format_amount(Money(1_234_567), "KWD"), "1,234.567");
        assert_eq!(format_amount(Money(-250), "EUR"), "-2.50");
    }

    #[test]
    fn short_amounts_read_like_a_report() {
        assert_eq!(format_short(Money(118_000_000), "EUR"), "1.18 M");
        assert_eq!(format_short(Money(110_000_000), "EUR"), "1.1 M");
        assert_eq!(format_short(Money(64_000_000), "EUR"), "640 k");
        assert_eq!(format_short(Money(95_000), "EUR"), "950");
        assert_eq!(format_short(Money(2_500_000_000), "JPY"), "2.5 bn");
        assert_eq!(format_short(Money(41_350_000), "EUR"), "414 k");
        assert_eq!(format_short(Money(4_135_000), "EUR"), "41.4 k");
    }

    #[test]
    fn typed_amounts_are_read_exactly_or_refused_with_a_reason() {
        assert_eq!(parse_amount("1,234.5", "EUR"), Ok(Money(123_450)));
        assert_eq!(parse_amount(" 1250 ", "USD"), Ok(Money(125_000)));
        assert_eq!(parse_amount("", "USD"), Ok(Money::ZERO));
        assert_eq!(parse_amount("1500", "JPY"), Ok(Money(1_500)));
        assert!(parse_amount("-5", "EUR").unwrap_err().contains("negative"));
        assert!(parse_amount("12.345", "EUR").unwrap_err().contains("2 decimals"));
        assert!(parse_amount("1.5", "JPY").unwrap_err().contains("no decimals"));
        assert!(parse_amount("ten", "EUR").unwrap_err().contains("not an amount"));
        assert!(parse_amount("99999999999999999999", "EUR").is_err());
        assert!(parse_amount("12,50", "EUR").unwrap_err().contains("decimals with a point"));
        assert!(parse_amount("1 234,50", "EUR").is_err());
        assert_eq!(parse_amount("1 234 567", "EUR"), Ok(Money(123_456_700)));
    }

    #[test]
    fn scaling_rounds_half_away_from_zero_without_overflow() {
        assert_eq!(Money(10).scaled(1, 4), Money(3));
        assert_eq!(Money(10).scaled(1, 3), Money(3));
        assert_eq!(Money(-10).scaled(1, 4), Money(-3));
        assert_eq!(Money(Money::MAX.0).scaled(250_000, 250_000), Money::MAX);
        assert_eq!(Money(7).scaled(5, 0), Money::ZERO);
    }

    #[test]
    fn currencies_are_three_capital_letters() {
        assert!(check_currency("EUR").is_ok());
        assert!(check_currency("eur").is_err());
        assert!(check_currency("EURO").is_err());
        assert_eq!(minor_digits("JPY"), 0);
        assert_eq!(minor_digits("KWD"), 3);
        assert_eq!(minor_digits("EUR"), 2);
    }
}
