//! Resident memory while photos are processed (issue 12): `photo_memory generate DIR` writes
//! three 48-megapixel JPEGs (8000 × 6000) and three 7000 × 7000 PNGs (RGBA, compressible, as a
//! screenshot or the 190 KB file); `photo_memory measure DIR jpg|png` processes the three
//! files of that kind at once, as three simultaneous uploads would (`process_upload_async`, on a
//! two-thread runtime), sampling this process's resident memory (VmRSS) every 2 ms, and prints
//! it before, at its peak and after. Run by `scripts/bench-photo-memory.sh` (release build).

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use domain::photos::{process_upload_async, UploadLimits};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageFormat, RgbImage, RgbaImage};

fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
        .unwrap_or(0)
}

fn generate(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for n in 0..3u32 {
        // Smooth gradients and a little texture: a photo-like file of a few megabytes.
        let photo = RgbImage::from_fn(8000, 6000, |x, y| {
            let noise = ((x * 7 + y * 13 + n * 31) % 17) as u8;
            image::Rgb([(x / 32) as u8 ^ noise, (y / 24) as u8, ((x + y) / 56) as u8 + noise])
        });
        let mut jpeg = Vec::new();
        JpegEncoder::new_with_quality(&mut jpeg, 80).encode_image(&photo).unwrap();
        std::fs::write(dir.join(format!("photo{n}.jpg")), &jpeg).unwrap();
        drop(photo);
        let screenshot = RgbaImage::from_fn(7000, 7000, |x, y| {
            if y > 6000 {
                image::Rgba([0, 0, 0, 0])
            } else {
                image::Rgba([(x / 700) as u8 * 20, (y / 700) as u8 * 20, 90 + n as u8, 255])
            }
        });
        let mut png = Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(screenshot).write_to(&mut png, ImageFormat::Png).unwrap();
        std::fs::write(dir.join(format!("screenshot{n}.png")), png.into_inner()).unwrap();
    }
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        println!("{}: {} bytes", entry.path().display(), entry.metadata().unwrap().len());
    }
}

fn measure(dir: &Path, kind: &str) {
    let files: Vec<Vec<u8>> = (0..3)
        .map(|n| {
            let name = if kind == "png" { format!("screenshot{n}.png") } else { format!("photo{n}.jpg") };
            std::fs::read(dir.join(name)).unwrap()
        })
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let before = rss_kib();
    let peak = Arc::new(AtomicU64::new(before));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (peak.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                peak.fetch_max(rss_kib(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let started = Instant::now();
    let outcomes = runtime.block_on(async {
        let tasks: Vec<_> =
            files.into_iter().map(|bytes| tokio::spawn(process_upload_async(bytes, UploadLimits::default()))).collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.unwrap());
        }
        outcomes
    });
    let elapsed = started.elapsed();
    for outcome in &outcomes {
        let photo = outcome.as_ref().expect("accepted");
        assert_eq!(photo.largest().map(|v| v.width), Some(1600));
    }
    drop(outcomes);
    std::thread::sleep(Duration::from_millis(500));
    let after = rss_kib();
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    println!(
        "{kind}: three at once in {:.2} s; resident memory before {} MB, peak {} MB, after {} MB",
        elapsed.as_secs_f64(),
        before / 1024,
        peak.load(Ordering::Relaxed) / 1024,
        after / 1024
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("generate"), Some(dir)) => generate(&PathBuf::from(dir)),
        (Some("measure"), Some(dir)) => measure(&PathBuf::from(dir), args.get(3).map(String::as_str).unwrap_or("jpg")),
        _ => eprintln!("usage: photo_memory generate DIR | measure DIR jpg|png"),
    }
}
