//! How often one client may look up personal data on the public routes (the status lookup, the
//! personal cabinet, verification by number): a keyed rate limiter (the maintained `governor`
//! crate, GCRA) per client address, kept with the [`crate::Service`] so that every request of the
//! process shares it. Several processes behind a balancer each count their own share.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

/// Lookups allowed at once per address before the rate applies: enough for a family, far too
/// few to guess application numbers.
pub const PUBLIC_BURST: u32 = 20;

/// The limiter of the public lookups.
pub struct PublicLimiter {
    limiter: Option<DefaultKeyedRateLimiter<IpAddr>>,
}

impl PublicLimiter {
    /// `per_minute` lookups per address and minute after a burst of [`PUBLIC_BURST`]; 0: no limit.
    pub fn new(per_minute: u32) -> Self {
        let limiter = NonZeroU32::new(per_minute).map(|per_minute| {
            let burst = NonZeroU32::new(PUBLIC_BURST).unwrap_or(NonZeroU32::MIN);
            RateLimiter::keyed(Quota::per_minute(per_minute).allow_burst(burst))
        });
        PublicLimiter { limiter }
    }

    /// Counts a lookup from `address`: `Err` with the time to wait when over the limit.
    pub fn check(&self, address: IpAddr) -> Result<(), Duration> {
        let Some(limiter) = &self.limiter else {
            return Ok(());
        };
        match limiter.check_key(&address) {
            Ok(()) => Ok(()),
            Err(not_until) => {
                // Forget addresses that have been quiet, so that the map stays small.
                if limiter.len() > 100_000 {
                    limiter.retain_recent();
                }
                Err(not_until.wait_time_from(DefaultClock::default().now()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate_per_address_and_none_when_off() {
        let limiter = PublicLimiter::new(20);
        let one: IpAddr = [10, 0, 0, 1].into();
        for _ in 0..PUBLIC_BURST {
            assert!(limiter.check(one).is_ok());
        }
        let wait = limiter.check(one).unwrap_err();
        assert!(
            wait > Duration::from_secs(1) && wait <= Duration::from_secs(3),
            "{wait:?}"
        );
        assert!(limiter.check([10, 0, 0, 2].into()).is_ok());
        let off = PublicLimiter::new(0);
        assert!((0..1000).all(|_| off.check(one).is_ok()));
    }
}
