//! The progress line of a long build: once it has run for two seconds, on a terminal
//! and without `--quiet`, stderr shows its stage and counts ("writing: 3456 files ·
//! pictures 12 of 40"), redrawn a few times a second. The build only adds to counters;
//! a thread of this line's own reads them and draws.

use super::Common;
use broadsheet::progress::{Progress, Stage, Watch};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a build runs before its line appears.
const AFTER: Duration = Duration::from_secs(2);
/// How often the line is redrawn.
const EVERY: Duration = Duration::from_millis(150);

/// What the build has told so far.
#[derive(Default)]
struct Counts {
    stage: AtomicU8,
    placed: AtomicUsize,
    pictures: AtomicUsize,
    pictures_done: AtomicUsize,
}

impl Progress for Counts {
    fn stage(&self, stage: Stage) {
        self.stage.store(stage as u8 + 1, Ordering::Relaxed);
    }
    fn placed(&self) {
        self.placed.fetch_add(1, Ordering::Relaxed);
    }
    fn pictures(&self, total: usize) {
        self.pictures.fetch_add(total, Ordering::Relaxed);
    }
    fn picture_done(&self) {
        self.pictures_done.fetch_add(1, Ordering::Relaxed);
    }
}

impl Counts {
    /// The line as the counts stand.
    fn line(&self) -> String {
        let placed = self.placed.load(Ordering::Relaxed);
        let (total, done) =
            (self.pictures.load(Ordering::Relaxed), self.pictures_done.load(Ordering::Relaxed));
        match self.stage.load(Ordering::Relaxed) {
            0 => "starting".into(),
            1 => "reading seeds, pages and profiles".into(),
            2 => "assembling: ordering, linking, rendering bodies".into(),
            3 => {
                let files = broadsheet::text::count(placed, "file", "files");
                match total {
                    0 => format!("writing: {files}"),
                    _ => format!("writing: {files} · pictures {done} of {total}"),
                }
            }
            _ => format!("publishing {}", broadsheet::text::count(placed, "file", "files")),
        }
    }
}

/// The line of one build; `finish` takes it away.
pub(super) struct Line {
    stop: Arc<AtomicBool>,
    drawing: Option<std::thread::JoinHandle<()>>,
}

/// A line for a build run with `common`, and the watch to give the build. Off the
/// terminal, or with `--quiet`, nothing is drawn and the build reports to nobody.
pub(super) fn start(common: &Common) -> (Line, Watch) {
    use std::io::IsTerminal;
    let stop = Arc::new(AtomicBool::new(false));
    if common.quiet || !std::io::stderr().is_terminal() {
        return (Line { stop, drawing: None }, Watch::default());
    }
    let counts = Arc::new(Counts::default());
    let watch = Watch::new(counts.clone());
    let stopped = stop.clone();
    let drawing = std::thread::spawn(move || draw(&counts, &stopped));
    (Line { stop, drawing: Some(drawing) }, watch)
}

/// Draws the line from `counts` until `stop`, once the build has run for `AFTER`.
fn draw(counts: &Counts, stop: &AtomicBool) {
    let started = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    while !stop.load(Ordering::Relaxed) {
        // Woken at once by `finish`, so a build never waits for the next redraw.
        std::thread::park_timeout(EVERY);
        if stop.load(Ordering::Relaxed) {
            break;
        }
        if started.elapsed() < AFTER {
            continue;
        }
        let bar = bar.get_or_insert_with(|| {
            let style = indicatif::ProgressStyle::with_template("{spinner} {msg}")
                .expect("a constant, valid template");
            indicatif::ProgressBar::new_spinner().with_style(style)
        });
        bar.set_message(format!("{} {}s", counts.line(), started.elapsed().as_secs()));
        bar.tick();
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
}

impl Line {
    /// Takes the line away (before the build's own output is printed).
    pub(super) fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(drawing) = self.drawing.take() {
            drawing.thread().unpark();
            let _ = drawing.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_the_stage_and_its_counts() {
        let counts = Counts::default();
        assert_eq!(counts.line(), "starting");
        counts.stage(Stage::Reading);
        assert_eq!(counts.line(), "reading seeds, pages and profiles");
        counts.stage(Stage::Writing);
        (0..1234).for_each(|_| counts.placed());
        assert_eq!(counts.line(), "writing: 1234 files");
        counts.pictures(40);
        (0..12).for_each(|_| counts.picture_done());
        assert_eq!(counts.line(), "writing: 1234 files · pictures 12 of 40");
        counts.stage(Stage::Publishing);
        assert_eq!(counts.line(), "publishing 1234 files");
    }
}
