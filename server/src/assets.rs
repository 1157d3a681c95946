//! The built site an instance serves (`VITRINE_SITE_ROOT`): the CSS, JS and WASM its pages link,
//! under names that carry their content hashes, and the public files.
//!
//! Leptos looks for the hashes in `hash.txt` beside the executable (cargo-leptos writes it
//! there); a binary copied to a server without that file links names that do not exist, and
//! every page is unstyled and never hydrates, without an error anywhere. Here the hashes travel
//! inside the site root instead: scripts/build.sh copies cargo-leptos's `hash.txt` (public
//! bundle and stylesheet) and `hash-private.txt` (the private pages' bundle) into it, and
//! [`check`] reads them there, checks that every file the pages would link exists, and gives the
//! absolute path that [`crate::run::leptos_options`] hands to Leptos (Leptos joins it to the
//! executable's directory, and joining an absolute path gives that path). `serve` refuses to
//! start when the check fails, naming what is missing.

use std::path::{Path, PathBuf};

/// The public project's output name and pkg directory (Cargo.toml, `[[workspace.metadata.leptos]]`).
pub const OUTPUT_NAME: &str = "vitrine";
pub const PKG_DIR: &str = "pkg";
/// The public project's hash file, in the site root.
pub const HASH_FILE: &str = "hash.txt";
/// Public files that every page, the offers pages, the merchant's products page or the orders
/// inbox link (from `public/`).
const LINKED_PUBLIC_FILES: [&str; 4] = ["favicon.svg", "offers-share.js", "product-scan.js", "orders-inbox.js"];

/// A site root whose linked files are all there.
#[derive(Debug, Clone)]
pub struct SiteAssets {
    /// The site root, absolute.
    pub root: PathBuf,
    /// `<root>/hash.txt`, absolute.
    pub hash_file: PathBuf,
    /// Every file the pages link, absolute (checked to exist).
    pub linked: Vec<PathBuf>,
}

/// Checks that `site_root` holds the hash files and every asset the pages would link.
pub fn check(site_root: &Path) -> Result<SiteAssets, String> {
    let how = "build it with scripts/build.sh --release (it goes to target/site-release), or point \
               VITRINE_SITE_ROOT (--site-root) at the `site` folder of a release archive";
    if !site_root.is_dir() {
        return Err(format!("the site root {} is not a folder; {how}", site_root.display()));
    }
    let root = std::fs::canonicalize(site_root).map_err(|e| format!("cannot read {}: {e}", site_root.display()))?;
    let public = read_hashes(&root, HASH_FILE, &["js", "wasm", "css"], how)?;
    let private = read_hashes(&root, app::PRIVATE_HASH_FILE, &["js", "wasm"], how)?;
    let mut linked = vec![
        root.join(PKG_DIR).join(format!("{OUTPUT_NAME}.{}.css", public[2])),
        root.join(PKG_DIR).join(format!("{OUTPUT_NAME}.{}.js", public[0])),
        root.join(PKG_DIR).join(format!("{OUTPUT_NAME}.{}.wasm", public[1])),
        root.join(app::PRIVATE_PKG_DIR).join(format!("{}.{}.js", app::PRIVATE_BUNDLE, private[0])),
        root.join(app::PRIVATE_PKG_DIR).join(format!("{}.{}.wasm", app::PRIVATE_BUNDLE, private[1])),
    ];
    linked.extend(LINKED_PUBLIC_FILES.iter().map(|file| root.join(file)));
    let missing: Vec<String> = linked.iter().filter(|file| !file.is_file()).map(|f| f.display().to_string()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "the site root {} lacks files its pages link: {} (its hash files and its files come from different \
             builds, or it was copied in part); {how}",
            root.display(),
            missing.join(", ")
        ));
    }
    Ok(SiteAssets { hash_file: root.join(HASH_FILE), root, linked })
}

/// The values of `keys` in a cargo-leptos hash file (`js: <hash>` lines), in that order.
fn read_hashes(root: &Path, file: &str, keys: &[&str], how: &str) -> Result<Vec<String>, String> {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "the site root {} has no readable {file} ({e}): it holds the content hashes of the CSS, JS and WASM \
             names its pages link; {how}",
            root.display()
        )
    })?;
    keys.iter()
        .map(|key| {
            text.lines()
                .filter_map(|line| line.split_once(':'))
                .find(|(name, _)| name.trim() == *key)
                .map(|(_, hash)| hash.trim().to_string())
                // A hash is a file-name part: nothing that could leave the pkg folder.
                .filter(|hash| !hash.is_empty() && hash.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .ok_or_else(|| format!("{} names no valid `{key}` hash; {how}", path.display()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("vitrine-assets-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        std::fs::create_dir_all(dir.join("pkg-private")).unwrap();
        std::fs::write(dir.join("hash.txt"), "js: aJs\nwasm: aWasm\ncss: aCss\n").unwrap();
        std::fs::write(dir.join("hash-private.txt"), "js: pJs\nwasm: pWasm\ncss: pCss\n").unwrap();
        for file in [
            "pkg/vitrine.aJs.js",
            "pkg/vitrine.aWasm.wasm",
            "pkg/vitrine.aCss.css",
            "pkg-private/vitrine-private.pJs.js",
            "pkg-private/vitrine-private.pWasm.wasm",
            "favicon.svg",
            "offers-share.js",
            "product-scan.js",
            "orders-inbox.js",
        ] {
            std::fs::write(dir.join(file), "x").unwrap();
        }
        dir
    }

    #[test]
    fn a_complete_site_root_passes_and_gives_its_hash_file() {
        let dir = site("complete");
        let assets = check(&dir).unwrap();
        assert!(assets.hash_file.is_absolute() && assets.hash_file.ends_with("hash.txt"));
        assert_eq!(assets.linked.len(), 9);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_file_or_hash_is_named() {
        let dir = site("missing");
        std::fs::remove_file(dir.join("pkg-private/vitrine-private.pWasm.wasm")).unwrap();
        let error = check(&dir).unwrap_err();
        assert!(error.contains("vitrine-private.pWasm.wasm"), "{error}");
        std::fs::write(dir.join("hash.txt"), "js: aJs\nwasm: ../../etc\n").unwrap();
        let error = check(&dir).unwrap_err();
        assert!(error.contains("`wasm`"), "{error}");
        std::fs::remove_file(dir.join("hash.txt")).unwrap();
        assert!(check(&dir).unwrap_err().contains("no readable hash.txt"));
        assert!(check(&dir.join("nowhere")).unwrap_err().contains("is not a folder"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
