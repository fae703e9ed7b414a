//! The electronic queue's slots by the shipped law: the channel's hours and the production
//! calendar (`ruqsat_domain::queue`).

use chrono::{NaiveDate, NaiveTime};
use ruqsat_domain::codes::Channel;
use ruqsat_domain::queue::{is_slot, slots};

fn day_slots(channel: Channel, duty: bool, day: &str) -> Vec<String> {
    let law = ruqsat_contract::shipped_law().unwrap();
    let day: NaiveDate = day.parse().unwrap();
    let terms = law.parameters().terms_on(day).unwrap();
    slots(law.calendar(), &terms.hours, channel, duty, day)
        .unwrap()
        .iter()
        .map(|time| time.format("%H:%M").to_string())
        .collect()
}

#[test]
fn a_working_day_at_the_state_corporation_has_twenty_minute_slots_from_nine_to_six() {
    // Wednesday 2025-03-19: 09:00–18:00 without a break, 27 slots.
    let slots = day_slots(Channel::StateCorporation, false, "2025-03-19");
    assert_eq!(slots.len(), 27);
    assert_eq!(slots.first().map(String::as_str), Some("09:00"));
    assert_eq!(slots.last().map(String::as_str), Some("17:40"));
}

#[test]
fn the_desk_has_no_slot_across_its_lunch_break_and_none_after_half_past_five() {
    let slots = day_slots(Channel::Desk, false, "2025-03-19");
    // 09:00–13:00 (12 slots), then from the end of the break 14:30–17:30 (9 slots).
    assert_eq!(slots.len(), 21, "{slots:?}");
    assert!(slots.contains(&"12:40".to_owned()));
    assert!(
        !slots
            .iter()
            .any(|slot| slot.as_str() > "12:40" && slot.as_str() < "14:30")
    );
    assert!(slots.contains(&"14:30".to_owned()));
    assert_eq!(slots.last().map(String::as_str), Some("17:10"));
}

#[test]
fn holidays_and_weekends_have_no_slots_except_a_duty_offices_saturday_morning() {
    // Nauryz: 2025-03-21 is a public holiday.
    assert!(day_slots(Channel::StateCorporation, false, "2025-03-21").is_empty());
    // Saturday 2025-03-15: closed, but a duty office works 09:00–13:00.
    assert!(day_slots(Channel::StateCorporation, false, "2025-03-15").is_empty());
    let duty = day_slots(Channel::StateCorporation, true, "2025-03-15");
    assert_eq!(duty.len(), 12, "{duty:?}");
    assert!(day_slots(Channel::Desk, false, "2025-03-16").is_empty());
}

#[test]
fn a_booking_names_a_slot_of_the_day() {
    let law = ruqsat_contract::shipped_law().unwrap();
    let day: NaiveDate = "2025-03-19".parse().unwrap();
    let hours = law.parameters().terms_on(day).unwrap().hours;
    let at = |hour, minute| NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
    assert!(is_slot(law.calendar(), &hours, Channel::Desk, false, day, at(14, 30)).unwrap());
    assert!(!is_slot(law.calendar(), &hours, Channel::Desk, false, day, at(14, 20)).unwrap());
    assert!(!is_slot(law.calendar(), &hours, Channel::Desk, false, day, at(9, 10)).unwrap());
    assert!(!is_slot(law.calendar(), &hours, Channel::Desk, false, day, at(17, 30)).unwrap());
}
