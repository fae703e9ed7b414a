//! A seeded generator of fake permit holders and their border crossings, for demos and the
//! benchmarks of issue 5 (and the side-by-side comparisons of issue 6): the same options give
//! the same files on every machine.
//!
//! Holder `h` (passport `GEN` + seven digits, no IIN) got a PRP on a day drawn from the 365
//! days after `from`. After the issue, `per_holder / 2` trips abroad are spread over
//! `span_days`: the span is cut into equal slots, one trip per slot, leaving on a day drawn
//! from the first half of the slot. One holder in twenty lives mostly abroad: the trip takes
//! 60–95 % of its slot, so that holder is short of 183 days a year and becomes an `art49.15`
//! candidate; the others travel for 1–30 days. An odd `per_holder` ends with a last exit.

use std::io::Write;

use chrono::{Days, NaiveDate};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Fake holders.
    pub holders: u64,
    /// Crossings per holder.
    pub per_holder: u64,
    /// The seed.
    pub seed: u64,
    /// The first day a PRP may have been issued.
    pub from: NaiveDate,
    /// Days after the issue over which a holder's crossings spread.
    pub span_days: u64,
    /// JSON Lines instead of CSV.
    pub json_lines: bool,
}

/// A small deterministic generator (SplitMix64).
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut value = self.0;
        value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        value ^ (value >> 31)
    }

    fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

const CHECKPOINTS: [&str; 6] = [
    "Almaty airport",
    "Astana airport",
    "Khorgos",
    "Zhibek Zholy",
    "Aktau seaport",
    "Kordai",
];

/// Writes the feed (with a header for CSV) and, if asked, the holders (CSV `passport,issued_on`);
/// returns the number of crossings written.
pub fn generate(options: &Options, feed: &mut impl Write, mut holders: Option<&mut dyn Write>) -> std::io::Result<u64> {
    let mut random = SplitMix(options.seed);
    let seed = options.seed;
    if !options.json_lines {
        writeln!(feed, "crossing_id,iin,passport,direction,at,checkpoint")?;
    }
    if let Some(out) = holders.as_mut() {
        writeln!(out, "passport,issued_on")?;
    }
    let trips = options.per_holder / 2;
    let slot = options.span_days.checked_div(trips).unwrap_or(options.span_days).max(4);
    let mut written = 0;
    for holder in 0..options.holders {
        let issued_on = options.from + Days::new(random.below(365));
        if let Some(out) = holders.as_mut() {
            writeln!(out, "GEN{holder:07},{issued_on}")?;
        }
        let abroad = random.below(20) == 0;
        let mut crossings: Vec<(u64, &str)> = Vec::with_capacity(options.per_holder as usize);
        for trip in 0..trips {
            let start = 1 + trip * slot + random.below(slot / 2);
            let length = if abroad {
                slot * (60 + random.below(36)) / 100
            } else {
                1 + random.below(30.min(slot / 3))
            };
            // Back strictly before the next slot begins.
            let back = (start + length.max(1)).min((trip + 1) * slot);
            crossings.push((start, "exit"));
            crossings.push((back, "entry"));
        }
        if options.per_holder % 2 == 1 {
            crossings.push((1 + trips * slot + random.below(slot / 2), "exit"));
        }
        for (index, (day, direction)) in crossings.into_iter().enumerate() {
            let date = issued_on + Days::new(day);
            let (hour, minute) = (random.below(24), random.below(60));
            let checkpoint = CHECKPOINTS[random.below(CHECKPOINTS.len() as u64) as usize];
            if options.json_lines {
                writeln!(
                    feed,
                    "{{\"crossing_id\":\"g{seed}-{holder}-{index}\",\"passport\":\"GEN{holder:07}\",\"direction\":\"{direction}\",\"at\":\"{date}T{hour:02}:{minute:02}:00\",\"checkpoint\":\"{checkpoint}\"}}"
                )?;
            } else {
                writeln!(
                    feed,
                    "g{seed}-{holder}-{index},,GEN{holder:07},{direction},{date}T{hour:02}:{minute:02}:00,{checkpoint}"
                )?;
            }
            written += 1;
        }
    }
    Ok(written)
}
