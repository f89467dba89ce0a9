//! Progress on stderr while many files are checked: only on a terminal, never in a pipe or a log.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Shown from this many files on.
pub const MIN_FILES: usize = 20;

/// A one-line counter, redrawn at most every 50 ms, cleared when done.
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    last_drawn: Mutex<Option<Instant>>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            enabled: total > MIN_FILES && std::io::stderr().is_terminal(),
            last_drawn: Mutex::new(None),
        }
    }

    /// One more file done (called from the worker threads).
    pub fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        let mut last = self.last_drawn.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if done < self.total && last.is_some_and(|t| now - t < Duration::from_millis(50)) {
            return;
        }
        *last = Some(now);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r\x1b[2KChecking drafts: {done}/{}", self.total);
        let _ = err.flush();
    }

    /// Clears the line.
    pub fn finish(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}
