//! Date parsing: ISO 8601 variants, RFC 2822, "February 16, 2025" and Unix times, to ISO 8601.

/// Hour, minute, second and the fraction digits as written ("" when none).
type Clock = (u32, u32, u32, String);

/// A calendar date with an optional time of day and UTC offset, as written by the page.
#[derive(Debug, Clone, PartialEq)]
struct Stamp {
    year: u32,
    month: u32,
    day: u32,
    time: Option<Clock>,
    /// "Z" or "+HH:MM" / "-HH:MM".
    offset: Option<String>,
}

impl Stamp {
    fn to_iso(&self) -> String {
        let mut s = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((h, m, sec, frac)) = &self.time {
            s.push_str(&format!("T{h:02}:{m:02}:{sec:02}"));
            if !frac.is_empty() {
                s.push('.');
                s.push_str(frac);
            }
            if let Some(off) = &self.offset {
                s.push_str(off);
            }
        }
        s
    }

    fn valid(&self) -> bool {
        (1000..=9999).contains(&self.year)
            && (1..=12).contains(&self.month)
            && (1..=days_in_month(self.year, self.month)).contains(&self.day)
            && self
                .time
                .as_ref()
                .is_none_or(|(h, m, s, _)| *h < 24 && *m < 60 && *s < 61)
    }
}

/// Normalizes a date written in one of the common forms to ISO 8601 (`YYYY-MM-DD`, or
/// `YYYY-MM-DDTHH:MM:SS[.fff][offset]` when a time is given; the offset is kept as written,
/// named zones become offsets). `None` when the text is not a date.
pub fn normalize_date(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    let stamp = parse_iso(text)
        .or_else(|| parse_unix(text))
        .or_else(|| parse_words(text))?;
    stamp.valid().then(|| stamp.to_iso())
}

/// `2025-02-16`, `2025-02-16T00:50:00+05:30`, `2025-02-16 00:50:00.123Z`, `2025/02/16`,
/// `20250216`.
fn parse_iso(s: &str) -> Option<Stamp> {
    let b = s.as_bytes();
    let (year, month, day, rest) = if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && (b[4] == b'-' || b[4] == b'/')
        && b[7] == b[4]
    {
        (
            num(&s[..4])?,
            num(s.get(5..7)?)?,
            num(s.get(8..10)?)?,
            s.get(10..)?,
        )
    } else if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        (num(&s[..4])?, num(&s[4..6])?, num(&s[6..8])?, "")
    } else {
        return None;
    };
    let mut stamp = Stamp {
        year,
        month,
        day,
        time: None,
        offset: None,
    };
    let rest = rest.trim_start_matches(['T', 't', ' ']);
    if rest.is_empty() {
        return Some(stamp);
    }
    let (time, rest) = parse_clock(rest)?;
    stamp.time = Some(time);
    stamp.offset = parse_offset(rest.trim())?;
    Some(stamp)
}

/// `HH:MM[:SS[.fff]]` at the start of `s`; returns the rest.
fn parse_clock(s: &str) -> Option<(Clock, &str)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let hl = digits(s);
    if hl == 0 || hl > 2 {
        return None;
    }
    let h = num(&s[..hl])?;
    let rest = s[hl..].strip_prefix(':')?;
    let ml = digits(rest);
    if ml != 2 {
        return None;
    }
    let m = num(&rest[..2])?;
    let mut rest = &rest[2..];
    let mut sec = 0;
    let mut frac = String::new();
    if let Some(r) = rest.strip_prefix(':') {
        if digits(r) != 2 {
            return None;
        }
        sec = num(&r[..2])?;
        rest = &r[2..];
        if let Some(r) = rest.strip_prefix(['.', ',']) {
            let fl = digits(r);
            frac = r[..fl].to_string();
            rest = &r[fl..];
        }
    }
    Some(((h, m, sec, frac), rest))
}

/// An offset: `Z`, `+05:30`, `+0530`, `+05`, `GMT`/`UTC`, a US zone name; `Some(None)` when
/// nothing is written, `None` when something unreadable is.
fn parse_offset(s: &str) -> Option<Option<String>> {
    if s.is_empty() {
        return Some(None);
    }
    let upper = s.to_ascii_uppercase();
    let named = match upper.as_str() {
        "Z" | "UTC" | "GMT" | "UT" => Some("Z"),
        "EST" => Some("-05:00"),
        "EDT" => Some("-04:00"),
        "CST" => Some("-06:00"),
        "CDT" => Some("-05:00"),
        "MST" => Some("-07:00"),
        "MDT" => Some("-06:00"),
        "PST" => Some("-08:00"),
        "PDT" => Some("-07:00"),
        _ => None,
    };
    if let Some(n) = named {
        return Some(Some(n.to_string()));
    }
    let s = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper);
    let sign = s.chars().next().filter(|c| *c == '+' || *c == '-')?;
    let digits: String = s[1..].chars().filter(|c| *c != ':').collect();
    if !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (num(&digits)?, 0),
        4 => (num(&digits[..2])?, num(&digits[2..])?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(Some(format!("{sign}{h:02}:{m:02}")))
}

/// Seconds (10 digits) or milliseconds (13 digits) since 1970, as UTC.
fn parse_unix(s: &str) -> Option<Stamp> {
    if !(s.len() == 10 || s.len() == 13) || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut secs: u64 = s.parse().ok()?;
    if s.len() == 13 {
        secs /= 1000;
    }
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days);
    Some(Stamp {
        year,
        month,
        day,
        time: Some((
            (rem / 3600) as u32,
            (rem % 3600 / 60) as u32,
            (rem % 60) as u32,
            String::new(),
        )),
        offset: Some("Z".to_string()),
    })
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's civil-from-days).
fn civil_from_days(days: u64) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year as u32, month as u32, day as u32)
}

/// Dates written with a month name, in any order of day / month / year, with an optional
/// weekday, time (`10:30`, `10:30 am`, `10:30:15`) and zone: "February 16, 2025",
/// "Sun, 16 Feb 2025 00:50:00 +0530", "16 February 2025 at 10:30 AM".
fn parse_words(s: &str) -> Option<Stamp> {
    let mut month = None;
    let mut year = None;
    let mut day = None;
    let mut time = None;
    let mut offset = None;
    let mut pm = None;
    for raw in s.split(|c: char| c.is_whitespace() || c == ',') {
        let token = raw.trim_matches(|c: char| c == '.' || c == '(' || c == ')');
        if token.is_empty() {
            continue;
        }
        let lower = token.to_ascii_lowercase();
        if let Some(m) = month_number(&lower) {
            if month.is_none() {
                month = Some(m);
            }
            continue;
        }
        if is_weekday(&lower) || lower == "at" || lower == "on" {
            continue;
        }
        if lower == "am" || lower == "a:m" || lower == "a:m:" {
            pm = Some(false);
            continue;
        }
        if lower == "pm" || lower == "p:m" || lower == "p:m:" {
            pm = Some(true);
            continue;
        }
        if token.contains(':') && time.is_none() && token.starts_with(|c: char| c.is_ascii_digit())
        {
            let (t, rest) = parse_clock(token)?;
            let rest = rest.to_ascii_lowercase();
            match rest.as_str() {
                "" => {}
                "am" => pm = Some(false),
                "pm" => pm = Some(true),
                other => offset = parse_offset(other)?,
            }
            time = Some(t);
            continue;
        }
        if token.starts_with(['+', '-']) || token.chars().all(|c| c.is_ascii_uppercase()) {
            if let Some(Some(o)) = parse_offset(token) {
                offset = Some(o);
                continue;
            }
        }
        let digits = token.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit()) {
            let n = num(digits)?;
            if digits.len() == 4 && year.is_none() {
                year = Some(n);
            } else if digits.len() <= 2 && day.is_none() {
                day = Some(n);
            } else {
                return None;
            }
            continue;
        }
        // Any other word: not a date we understand.
        return None;
    }
    if let (Some((h, ..)), Some(is_pm)) = (time.as_mut(), pm) {
        if *h == 12 {
            *h = 0;
        }
        if is_pm {
            *h += 12;
        }
    }
    Some(Stamp {
        year: year?,
        month: month?,
        day: day?,
        offset: time.as_ref().and(offset),
        time,
    })
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word };
    MONTHS
        .iter()
        .position(|m| m.starts_with(word) && (word.len() == 3 || word.len() == m.len()))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    word.len() >= 3 && DAYS.iter().any(|d| d.starts_with(word))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::normalize_date as n;

    #[test]
    fn iso_forms() {
        assert_eq!(n("2025-02-16").as_deref(), Some("2025-02-16"));
        assert_eq!(
            n("2025-02-16T00:50:00+05:30").as_deref(),
            Some("2025-02-16T00:50:00+05:30")
        );
        assert_eq!(
            n("2025-02-16 00:50:00").as_deref(),
            Some("2025-02-16T00:50:00")
        );
        assert_eq!(
            n("2017-11-03 03:01:00.000000").as_deref(),
            Some("2017-11-03T03:01:00.000000")
        );
        assert_eq!(
            n("2019-01-03T07:00:02.000Z").as_deref(),
            Some("2019-01-03T07:00:02.000Z")
        );
        assert_eq!(
            n("2021-11-01T10:52:50+0100").as_deref(),
            Some("2021-11-01T10:52:50+01:00")
        );
        assert_eq!(
            n("2018-04-05T06:00").as_deref(),
            Some("2018-04-05T06:00:00")
        );
        assert_eq!(n("2020/07/10").as_deref(), Some("2020-07-10"));
    }

    #[test]
    fn word_forms() {
        assert_eq!(
            n("Sun, 16 Feb 2025 00:50:00 +0530").as_deref(),
            Some("2025-02-16T00:50:00+05:30")
        );
        assert_eq!(n("February 16, 2025").as_deref(), Some("2025-02-16"));
        assert_eq!(n("16 Sept. 2024").as_deref(), Some("2024-09-16"));
        assert_eq!(
            n("April 28, 2019 at 6:01 pm").as_deref(),
            Some("2019-04-28T18:01:00")
        );
        assert_eq!(
            n("Mon, 02 Jan 2006 15:04:05 GMT").as_deref(),
            Some("2006-01-02T15:04:05Z")
        );
        assert_eq!(n("1st March 2020").as_deref(), Some("2020-03-01"));
    }

    #[test]
    fn unix_times() {
        assert_eq!(n("1739647800").as_deref(), Some("2025-02-15T19:30:00Z"));
        assert_eq!(n("1739647800000").as_deref(), Some("2025-02-15T19:30:00Z"));
    }

    #[test]
    fn rejects_non_dates() {
        for s in [
            "",
            "yesterday",
            "2025-13-01",
            "2025-02-30",
            "Updated by John",
            "May",
            "12:30",
        ] {
            assert_eq!(n(s), None, "{s}");
        }
    }
}
