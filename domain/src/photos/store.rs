//! Where the variants of an uploaded photo live in the media directory, and how they get there.
//!
//! Each upload gets a key: 128 bits of SHA-256 over its bytes, a per-process random value and a
//! counter. The name is unguessable (photos of an unpublished business cannot be found by
//! trying names), never reused (deleting one photo cannot remove the files of another that
//! happened to have the same bytes, and two instances never write the same name), and needs no
//! lookup. The variants are `p/<key>-<width>.jpg`, the largest of which is the row's `file`.
//!
//! A file is written under a temporary name (`p/.<key>-<width>.tmp`), flushed to disk, then
//! renamed: a reader (or a crash) sees a whole file or none. An upload whose writing fails
//! removes what it had written, so nothing of it is left.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sha2::{Digest, Sha256};

use super::process::ProcessedPhoto;

/// The folder of uploaded photos inside the media directory (the demo town's SVGs sit at the
/// top level).
pub const UPLOAD_DIR: &str = "p";

/// The file of the variant `width` pixels wide of the upload `key`, relative to the media
/// directory (and to `/media/` in URLs).
pub fn variant_file(key: &str, width: u32) -> String {
    format!("{UPLOAD_DIR}/{key}-{width}.jpg")
}

/// The upload key of a row's `file` (`p/<key>-<width>.jpg`), if it is an upload's.
pub fn key_of(file: &str) -> Option<&str> {
    let name = file.strip_prefix(UPLOAD_DIR)?.strip_prefix('/')?.strip_suffix(".jpg")?;
    let (key, width) = name.rsplit_once('-')?;
    let well_formed = !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_hexdigit())
        && !width.is_empty()
        && width.bytes().all(|b| b.is_ascii_digit());
    well_formed.then_some(key)
}

/// A fresh key for an upload of `bytes` (see the module doc).
pub fn new_key(bytes: &[u8]) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // `RandomState` is seeded from the operating system's random source once per thread.
    let random = RandomState::new().hash_one(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    hasher.update(random.to_le_bytes());
    hasher.update(nanos.to_le_bytes());
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    hasher.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes every variant of `photo` under `key`; returns the paths written. On failure, whatever
/// this call wrote is removed before the error is returned.
pub fn write_variants(media_dir: &Path, key: &str, photo: &ProcessedPhoto) -> std::io::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    match write_each(media_dir, key, photo, &mut written) {
        Ok(()) => Ok(written),
        Err(error) => {
            remove_files(&written);
            Err(error)
        }
    }
}

fn write_each(media_dir: &Path, key: &str, photo: &ProcessedPhoto, written: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let dir = media_dir.join(UPLOAD_DIR);
    std::fs::create_dir_all(&dir)?;
    for variant in &photo.variants {
        let target = media_dir.join(variant_file(key, variant.width));
        let temporary = dir.join(format!(".{key}-{}.tmp", variant.width));
        let outcome = write_whole(&temporary, &variant.jpeg).and_then(|()| std::fs::rename(&temporary, &target));
        if let Err(error) = outcome {
            let _ = std::fs::remove_file(&temporary);
            return Err(error);
        }
        written.push(target);
    }
    Ok(())
}

fn write_whole(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    // On disk before the rename makes it visible, and before the database row points to it.
    file.sync_all()
}

/// The files of a stored photo: its variants for an upload, nothing for the demo town's shared
/// SVGs (one file serves every copy of a business when the town is multiplied).
pub fn files_of(media_dir: &Path, file: &str, widths: &[u32]) -> Vec<PathBuf> {
    match key_of(file) {
        Some(key) => widths.iter().map(|&width| media_dir.join(variant_file(key, width))).collect(),
        None => Vec::new(),
    }
}

/// Removes `paths`, logging (not failing on) those that cannot be removed: the caller's change
/// is already made, and a leftover file is only disk space.
pub fn remove_files(paths: &[PathBuf]) {
    for path in paths {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(path = %path.display(), %error, "could not remove a photo file"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_fresh_for_the_same_bytes() {
        let first = new_key(b"same photo");
        let second = new_key(b"same photo");
        assert_ne!(first, second);
        assert_eq!(first.len(), 32);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn only_upload_files_have_a_key() {
        assert_eq!(key_of("p/0a1b2c-1600.jpg"), Some("0a1b2c"));
        assert_eq!(key_of(&variant_file("ff00", 480)), Some("ff00"));
        for not_an_upload in ["boulangerie-1.svg", "p/../x-1.jpg", "p/abc.jpg", "p/abc-.jpg", "q/abc-1.jpg", "p/-1.jpg"]
        {
            assert_eq!(key_of(not_an_upload), None, "{not_an_upload}");
        }
    }
}
