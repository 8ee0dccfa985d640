//! A temporary working directory and the real `parrainage` binary, with the
//! environment cleared of the developer's own settings.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Workdir {
    dir: TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create directories");
        }
        std::fs::write(&path, contents).expect("write a file");
        path
    }

    pub fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).expect("read a file")
    }

    pub fn read_bytes(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("read a file")
    }

    /// Copies a file of `fixtures/` into the working directory.
    pub fn copy_fixture(&self, fixture_path: &str, name: &str) -> PathBuf {
        self.write(
            name,
            std::fs::read(fixture(fixture_path)).expect("read a fixture"),
        )
    }

    /// `parrainage` run in this directory, with a fixed "today".
    pub fn cmd(&self) -> Command {
        self.cmd_as_of("2022-02-16")
    }

    /// `parrainage` run in this directory, "today" being `day`.
    pub fn cmd_as_of(&self, day: &str) -> Command {
        let mut cmd = Command::cargo_bin("parrainage").expect("the binary");
        cmd.current_dir(self.dir.path())
            .env_remove("PARRAINAGE_LEDGER")
            // Human output in English unless a test asks otherwise.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .env("NO_COLOR", "1")
            .arg("--as-of")
            .arg(day);
        cmd
    }
}

/// A file of the repository's `fixtures/` directory.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name)
}

/// The header of a new ledger.
pub const HEADER: &str = "status,candidate,civility,last_name,first_name,mandate,circonscription,department,claimed_on,published_on,source,notes\n";
