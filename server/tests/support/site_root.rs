//! A site root as scripts/build.sh makes it (`serve` refuses to start without one), with
//! placeholder contents: its hash files and every file they name. For the tests that run the
//! `vitrine` binary (cli.rs, operations.rs, backup.rs).

use std::path::{Path, PathBuf};

/// Writes the site root under `dir` and returns its path.
pub fn site_root(dir: &Path) -> PathBuf {
    let root = dir.join("site");
    std::fs::create_dir_all(root.join("pkg")).unwrap();
    std::fs::create_dir_all(root.join("pkg-private")).unwrap();
    std::fs::write(root.join("hash.txt"), "js: tJs\nwasm: tWasm\ncss: tCss\n").unwrap();
    std::fs::write(root.join("hash-private.txt"), "js: tPJs\nwasm: tPWasm\ncss: tPCss\n").unwrap();
    for (file, contents) in [
        ("pkg/vitrine.tJs.js", "export default function(){}"),
        ("pkg/vitrine.tWasm.wasm", "\0asm"),
        ("pkg/vitrine.tCss.css", "body{color:#222}"),
        ("pkg-private/vitrine-private.tPJs.js", "export default function(){}"),
        ("pkg-private/vitrine-private.tPWasm.wasm", "\0asm"),
        ("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        ("offers-share.js", ""),
        ("product-scan.js", ""),
        ("orders-inbox.js", ""),
    ] {
        std::fs::write(root.join(file), contents).unwrap();
    }
    root
}
