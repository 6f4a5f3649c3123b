//! The dates and plural forms of the nine catalog languages, checked against a second,
//! independent reading of CLDR: ICU4C's, as Node.js's `Intl` gives it. Needs `node`
//! (Node 20 or later ships full ICU); without it the test says so and passes, except in
//! CI (`CI=true`), where a missing `node` fails it.

use super::{dates::Dates, plural};
use std::process::Command;

/// The catalog languages, with the tag Broadsheet formats dates with.
const LANGUAGES: [(&str, &str); 9] = [
    ("en", "en-001"),
    ("fr", "fr"),
    ("de", "de"),
    ("es", "es"),
    ("ca", "ca"),
    ("pt", "pt-BR"),
    ("ar", "ar"),
    ("zh", "zh"),
    ("ja", "ja"),
];

const SCRIPT: &str = r#"
const [tags] = process.argv.slice(1).map(JSON.parse);
const out = {};
for (const tag of tags) {
  const day = new Intl.DateTimeFormat(tag, { dateStyle: "long", timeZone: "UTC" });
  const month = new Intl.DateTimeFormat(tag, { year: "numeric", month: "long", timeZone: "UTC" });
  const rules = new Intl.PluralRules(tag);
  const days = [], months = [], forms = [];
  for (let m = 0; m < 12; m++) {
    for (const d of [1, 28]) days.push(day.format(new Date(Date.UTC(2026, m, d))));
    months.push(month.format(new Date(Date.UTC(2025, m, 1))));
  }
  for (let n = 0; n <= 250; n++) forms.push(rules.select(n));
  out[tag] = { days, months, forms };
}
console.log(JSON.stringify(out));
"#;

/// Digits as ASCII and every space as a plain one: what two CLDR readings may differ in
/// without differing in words.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect()
}

#[test]
fn dates_and_plurals_agree_with_icu4c() {
    let tags: Vec<&str> = LANGUAGES.iter().map(|(_, tag)| *tag).collect();
    let arg = serde_json::to_string(&tags).unwrap();
    let Ok(out) = Command::new("node").arg("-e").arg(SCRIPT).arg(&arg).output() else {
        assert!(std::env::var("CI").is_err(), "node is needed for the CLDR cross-check");
        eprintln!("skipped: no node to read CLDR through ICU4C");
        return;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let theirs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (lang, tag) in LANGUAGES {
        let dates = Dates::new(lang);
        let want = &theirs[tag];
        let mut i = 0;
        for m in 1..=12i8 {
            for d in [1, 28] {
                let ours = dates.day(jiff::civil::date(2026, m, d));
                assert_eq!(plain(&ours), plain(want["days"][i].as_str().unwrap()), "{lang}");
                i += 1;
            }
            let ours = dates.month(2025, m);
            let theirs = want["months"][m as usize - 1].as_str().unwrap();
            assert_eq!(plain(&ours), plain(theirs), "{lang} month {m}");
        }
        let rules = plural::rules(lang);
        for n in 0..=250usize {
            let form = plural::form(rules.as_ref(), n);
            assert_eq!(form, want["forms"][n].as_str().unwrap(), "{lang}: the form of {n}");
        }
    }
}
