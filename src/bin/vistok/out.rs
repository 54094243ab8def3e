//! Standard output for every command: buffered, and a reader that closes the pipe early
//! (`vistok models | head -1`) ends the command quietly instead of a panic in `println!`.

use std::io::{self, BufWriter, ErrorKind, StdoutLock, Write};

/// Why a command stopped early.
#[derive(Debug)]
pub enum Failure {
    /// The reader of standard output went away: stop quietly (exit status 0).
    ClosedPipe,
    /// The command could not do its work (exit status 1), said in a sentence.
    Failed(String),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == ErrorKind::BrokenPipe { Failure::ClosedPipe } else { Failure::Failed(format!("writing: {e}")) }
    }
}

/// Buffered standard output.
pub struct Out(BufWriter<StdoutLock<'static>>);

impl Out {
    pub fn stdout() -> Self {
        Out(BufWriter::with_capacity(1 << 16, io::stdout().lock()))
    }

    /// `text` as it is.
    pub fn text(&mut self, text: &str) -> Result<(), Failure> {
        Ok(self.0.write_all(text.as_bytes())?)
    }

    /// `line` and a newline.
    pub fn line(&mut self, line: &str) -> Result<(), Failure> {
        self.text(line)?;
        self.text("\n")
    }

    pub fn flush(&mut self) -> Result<(), Failure> {
        Ok(self.0.flush()?)
    }
}
