//! The electronic queue's slots (the order: the result of a TRP is handed over at the State
//! Corporation "in the order of the electronic queue, without accelerated service", which can be
//! booked on the portal, L516–L522; a PRP is received at the place of registration the same way,
//! L1050–L1056).
//!
//! A day's slots are the periods of [`SLOT_MINUTES`] (the order's longest service time, 20
//! minutes) that lie wholly within the channel's hours of that day, by the production calendar
//! and the dated hours ([`crate::decide::within_hours`]): none on a day off or a holiday, none
//! across a break. Slots start on a ten-minute grid, the first at the opening and the first after
//! a break at its end. Every slot is the same for everyone: the law gives no priority here.

use chrono::{NaiveDate, NaiveTime, Timelike as _};

use crate::calendar::{CalendarError, WorkingCalendar};
use crate::codes::Channel;
use crate::parameters::ChannelHours;

/// The length of a slot: the longest service time of the order (Appendix 1-1 and 3, 20 minutes).
pub const SLOT_MINUTES: u32 = 20;

/// The grid slots start on.
const GRID_MINUTES: u32 = 10;

/// The starts of the slots of `day` at an office of `channel` (a duty office of the State
/// Corporation when `duty`), in order.
pub fn slots(
    calendar: &WorkingCalendar,
    hours: &ChannelHours,
    channel: Channel,
    duty: bool,
    day: NaiveDate,
) -> Result<Vec<NaiveTime>, CalendarError> {
    let open = |minute: u32| -> Result<bool, CalendarError> {
        let Some(time) = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0) else {
            return Ok(false);
        };
        crate::decide::within_hours(calendar, hours, channel, duty, day.and_time(time))
    };
    let mut starts = Vec::new();
    let mut minute = 0;
    while minute + SLOT_MINUTES <= 24 * 60 {
        // Wholly within the hours: every minute of the slot is open (a break or the closing
        // inside it is not).
        let mut whole = true;
        for inside in minute..minute + SLOT_MINUTES {
            if !open(inside)? {
                whole = false;
                break;
            }
        }
        if whole {
            if let Some(time) = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0) {
                starts.push(time);
            }
            minute += SLOT_MINUTES;
        } else {
            minute += GRID_MINUTES;
        }
    }
    Ok(starts)
}

/// Whether `start` is a slot of `day` (a booking names one).
pub fn is_slot(
    calendar: &WorkingCalendar,
    hours: &ChannelHours,
    channel: Channel,
    duty: bool,
    day: NaiveDate,
    start: NaiveTime,
) -> Result<bool, CalendarError> {
    if start.second() != 0 {
        return Ok(false);
    }
    Ok(slots(calendar, hours, channel, duty, day)?.contains(&start))
}
