//! Time for the engine, injected: the S/370 TOD clock format, a fixed clock that makes runs
//! reproducible, and the real one. The engine never reads the system time itself.

use std::time::{SystemTime, UNIX_EPOCH};

/// A TOD clock value: microseconds since 1900-01-01 00:00:00 shifted left 12 (bit 51 = 1 µs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tod(pub u64);

/// Seconds from 1900-01-01 to 1970-01-01.
const EPOCH_1970: u64 = 2_208_988_800;

/// A calendar date and time of day, as CP's messages show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    /// The year, e.g. 1981.
    pub year: u32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    /// 0 to 23.
    pub hour: u32,
    /// 0 to 59.
    pub minute: u32,
    /// 0 to 59.
    pub second: u32,
    /// 0 = Sunday ... 6 = Saturday.
    pub weekday: u32,
}

impl Tod {
    /// The TOD value of a moment given in microseconds since 1900.
    pub fn from_micros_since_1900(us: u64) -> Tod {
        Tod(us << 12)
    }

    /// Whole microseconds since 1900.
    pub fn micros_since_1900(self) -> u64 {
        self.0 >> 12
    }

    /// Whole seconds since 1900.
    pub fn seconds_since_1900(self) -> u64 {
        self.micros_since_1900() / 1_000_000
    }

    /// The TOD value of a civil date and time (proleptic Gregorian, UTC).
    pub fn from_civil(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Tod {
        // Days from 1900-01-01, by Howard Hinnant's days_from_civil shifted to our epoch.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days_1970 = era * 146_097 + doe - 719_468;
        let secs = days_1970 * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second)
            + EPOCH_1970 as i64;
        Tod::from_micros_since_1900(secs.max(0) as u64 * 1_000_000)
    }

    /// The calendar date and time of this value.
    pub fn civil(self) -> Civil {
        let secs = self.seconds_since_1900() as i64 - EPOCH_1970 as i64;
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year: year as u32,
            month: month as u32,
            day: day as u32,
            hour: (rem / 3600) as u32,
            minute: (rem / 60 % 60) as u32,
            second: (rem % 60) as u32,
            // 1970-01-01 was a Thursday.
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }
}

/// Where the engine gets the time.
pub trait Clock {
    /// The time now.
    fn now(&self) -> Tod;
    /// Moves a stepping clock on by one step (one console line); a real clock ignores it.
    fn tick(&mut self) {}
}

/// A clock that stands still until ticked, one second a tick. `run` starts it at 1981-04-01 09:00:00.
#[derive(Debug, Clone)]
pub struct FixedClock {
    now: Tod,
}

impl FixedClock {
    /// The start of every reproducible run: 1981-04-01 09:00:00.
    pub fn standard() -> FixedClock {
        FixedClock::starting_at(Tod::from_civil(1981, 4, 1, 9, 0, 0))
    }

    /// A fixed clock starting at `start`.
    pub fn starting_at(start: Tod) -> FixedClock {
        FixedClock { now: start }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Tod {
        self.now
    }

    fn tick(&mut self) {
        self.now = Tod(self.now.0 + (1_000_000 << 12));
    }
}

/// The machine's real time.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Tod {
        let since_1970 = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros() as u64);
        Tod::from_micros_since_1900(since_1970 + EPOCH_1970 * 1_000_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_weekday() {
        let t = Tod::from_civil(1981, 4, 1, 9, 0, 0);
        let c = t.civil();
        assert_eq!(
            (c.year, c.month, c.day, c.hour, c.minute, c.second),
            (1981, 4, 1, 9, 0, 0)
        );
        assert_eq!(c.weekday, 3, "1 April 1981 was a Wednesday");
        assert_eq!(Tod::from_civil(1900, 1, 1, 0, 0, 0).0, 0);
        let leap = Tod::from_civil(2000, 2, 29, 23, 59, 59).civil();
        assert_eq!((leap.month, leap.day, leap.second), (2, 29, 59));
    }

    #[test]
    fn fixed_clock_ticks_a_second() {
        let mut c = FixedClock::standard();
        let t0 = c.now();
        c.tick();
        assert_eq!(c.now().seconds_since_1900() - t0.seconds_since_1900(), 1);
        assert_eq!(c.now().civil().second, 1);
    }
}
