//! From the bytes of an uploaded file to the JPEG variants the pages show.
//!
//! Nothing about the file is trusted: not its name, not the type the browser declared. The
//! format is recognised from the first bytes; the header's pixel size is checked against
//! [`UploadLimits`] before any pixel buffer is allocated (a 100 kB PNG can declare 100 000 ×
//! 100 000 pixels, 30 GB once decoded); the pixels are decoded, turned upright from the Exif
//! orientation, laid on white where transparent, scaled down (never up) to the widths of
//! [`VARIANT_WIDTHS`] and encoded as new JPEG files. Only pixels (and the colour profile, so
//! that wide-gamut phone photos keep their colours) reach the new files: Exif with its GPS
//! position, XMP, comments and thumbnails are left behind with the original bytes.
//!
//! The work is CPU- and memory-heavy (a 48-megapixel photo is 150 MB of pixels):
//! [`process_upload_async`] runs it on Tokio's blocking pool, at most [`CONCURRENT_PROCESSING`]
//! small photos at a time and one large one ([`LARGE_PIXELS`]) alone, and a decoder's panic on
//! a hostile file becomes [`PhotoProblem::Unreadable`].
//!
//! # Memory
//!
//! A large PNG (the format of screenshots and of tiny files that declare huge images) is never
//! held whole: it is read a few rows at a time and reduced as it comes, by averaging blocks of
//! `k × k` pixels with `k` chosen so that the result stays at least as wide as the largest
//! variant ([`png_reduced`]); a 7000 × 7000 PNG takes 1750 × 1750 × 3 bytes instead of 196 MB.
//! A JPEG is decoded whole (its decoder offers no scaled decoding), one large one at a time. The
//! bicubic filter's working copy is kept small ([`scaled_down`]). Buffers of a megabyte or more
//! are mapped apart and unmapped when freed ([`allocate_large_buffers_apart`]), and after a large
//! photo the allocator is asked to trim: glibc otherwise kept a process that once decoded photos
//! tens of megabytes larger. Measured in docs/PERFORMANCE.md (`scripts/bench-photo-memory.sh`).

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use image::codecs::jpeg::JpegEncoder;
use image::error::LimitErrorKind;
use image::imageops::{self, FilterType};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageError, ImageFormat, ImageReader, Limits, RgbImage};

use super::PhotoProblem;

/// Largest file accepted: a phone's full-resolution JPEG is 2–8 MB.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Largest width or height accepted, in pixels.
pub const MAX_SIDE: u32 = 8000;
/// Largest pixel count accepted: 48-megapixel phone cameras fit, a decoded photo stays under
/// 200 MB (RGBA).
pub const MAX_PIXELS: u64 = 50_000_000;
/// What a decoder may allocate for one image (the pixels plus its own buffers).
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// The widths the pages ask for through `srcset`: a card or a phone-wide photo (480), the same on
/// a high-density screen or the business page's gallery (960), and a large screen at high
/// density (1600, also the Open Graph image).
pub const VARIANT_WIDTHS: [u32; 3] = [480, 960, 1600];
/// JPEG quality of the variants: no visible loss on photos, about a third of quality 95's size.
pub const JPEG_QUALITY: u8 = 82;
/// Photos processed at the same time by one instance: each holds up to a few hundred MB.
pub const CONCURRENT_PROCESSING: usize = 2;
/// From this many pixels (a 12-megapixel phone photo, 36 MB decoded), a photo is processed
/// alone: it takes every turn of [`CONCURRENT_PROCESSING`].
pub const LARGE_PIXELS: u64 = 12_000_000;
/// A colour profile larger than this is dropped (real ones are 0.5–4 kB, Display P3 included).
const MAX_ICC_PROFILE_BYTES: usize = 64 * 1024;

/// The limits applied to one uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadLimits {
    pub max_bytes: usize,
    pub max_side: u32,
    pub max_pixels: u64,
    pub max_decode_bytes: u64,
}

impl Default for UploadLimits {
    fn default() -> Self {
        UploadLimits {
            max_bytes: MAX_UPLOAD_BYTES,
            max_side: MAX_SIDE,
            max_pixels: MAX_PIXELS,
            max_decode_bytes: MAX_DECODE_BYTES,
        }
    }
}

/// One re-encoded size of a photo.
#[derive(Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    /// A baseline JPEG: JFIF header, optional ICC profile, pixels; no other metadata.
    pub jpeg: Vec<u8>,
}

impl std::fmt::Debug for Variant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Variant({}x{}, {} bytes)", self.width, self.height, self.jpeg.len())
    }
}

/// An accepted photo: its variants, smallest first (never empty; the last is the largest).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessedPhoto {
    pub variants: Vec<Variant>,
}

impl ProcessedPhoto {
    /// The largest variant: the page's `src`, whose size gives the `width`/`height` attributes.
    pub fn largest(&self) -> Option<&Variant> {
        self.variants.last()
    }
}

static PROCESSING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(CONCURRENT_PROCESSING);

/// [`process_upload`] on Tokio's blocking pool (never on the threads serving requests), at most
/// [`CONCURRENT_PROCESSING`] photos at a time in this process.
pub async fn process_upload_async(bytes: Vec<u8>, limits: UploadLimits) -> Result<ProcessedPhoto, PhotoProblem> {
    // Refused before waiting for a turn: an oversized file costs nothing.
    if bytes.len() > limits.max_bytes {
        return Err(PhotoProblem::TooLarge { max_bytes: limits.max_bytes });
    }
    allocate_large_buffers_apart();
    // The header says how large the photo is (a file whose header cannot be read is refused
    // soon enough, and counts as small).
    let large = header_pixels(&bytes).is_some_and(|pixels| pixels >= LARGE_PIXELS);
    let turns = if large { CONCURRENT_PROCESSING as u32 } else { 1 };
    let turn = PROCESSING.acquire_many(turns).await.map_err(|_| PhotoProblem::Unreadable)?;
    // The turn goes with the work: if the request is dropped meanwhile, the blocking task still
    // runs to its end, and still counts.
    let work = move || {
        let outcome = process_upload(&bytes, &limits);
        drop(bytes);
        if large {
            give_memory_back();
        }
        drop(turn);
        outcome
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(outcome) => outcome,
        Err(error) => {
            tracing::error!(%error, "photo processing task failed");
            Err(PhotoProblem::Unreadable)
        }
    }
}

/// The pixel count a file's header declares, if it is an image we can read the header of.
fn header_pixels(bytes: &[u8]) -> Option<u64> {
    let (width, height) = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?.into_dimensions().ok()?;
    Some(u64::from(width) * u64::from(height))
}

/// Buffers from this size up are mapped on their own and unmapped when freed (glibc).
const MMAP_THRESHOLD_BYTES: i32 = 1024 * 1024;

/// Asks glibc, once per process, to map every buffer of [`MMAP_THRESHOLD_BYTES`] or more apart.
/// By default it raises that threshold to the size of the largest buffer freed (up to 32 MB),
/// after which a photo's working buffers come from its arenas and stay there: measured, the
/// process kept 54 to 82 MB after processing three large photos, malloc_trim notwithstanding;
/// with the fixed threshold it returns to its size before (docs/PERFORMANCE.md).
fn allocate_large_buffers_apart() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(all(target_os = "linux", target_env = "gnu"))]
        // SAFETY: mallopt only changes the allocator's tuning; glibc serialises it internally.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES);
        }
    });
}

/// Returns the memory the allocator keeps after freeing (glibc's arenas) to the system.
fn give_memory_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory at the top of the heaps and arenas; it is
    // thread-safe and touches no live allocation.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Checks, decodes and re-encodes one uploaded file (see the module doc). CPU-heavy: call it
/// from a blocking context, or use [`process_upload_async`].
pub fn process_upload(bytes: &[u8], limits: &UploadLimits) -> Result<ProcessedPhoto, PhotoProblem> {
    if bytes.len() > limits.max_bytes {
        return Err(PhotoProblem::TooLarge { max_bytes: limits.max_bytes });
    }
    // The decoders are third-party code fed with hostile bytes: a panic in one of them is a file
    // we cannot read, not a crashed request.
    match catch_unwind(AssertUnwindSafe(|| decode_and_encode(bytes, limits))) {
        Ok(outcome) => outcome,
        Err(_) => {
            tracing::error!(bytes = bytes.len(), "an image decoder panicked on an uploaded file");
            Err(PhotoProblem::Unreadable)
        }
    }
}

fn decode_and_encode(bytes: &[u8], limits: &UploadLimits) -> Result<ProcessedPhoto, PhotoProblem> {
    let reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| PhotoProblem::Unreadable)?;
    let format = match reader.format() {
        Some(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP | ImageFormat::Gif)) => format,
        Some(_) => return Err(PhotoProblem::FormatRefused),
        None => return Err(unrecognised(bytes)),
    };
    // zune-jpeg fills a cut-off file with grey and reports success: a half-uploaded photo would
    // be stored with its lower half missing.
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(PhotoProblem::Unreadable);
    }

    let mut reader = reader;
    let mut decode_limits = Limits::default();
    decode_limits.max_image_width = Some(limits.max_side);
    decode_limits.max_image_height = Some(limits.max_side);
    decode_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(decode_limits);

    // Only the header has been read so far: the size is checked before the pixel buffer exists.
    let mut decoder = reader.into_decoder().map_err(|e| problem_of(e, limits))?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 {
        return Err(PhotoProblem::Unreadable);
    }
    if u64::from(width) * u64::from(height) > limits.max_pixels || decoder.total_bytes() > limits.max_decode_bytes {
        return Err(PhotoProblem::TooManyPixels { max_pixels: limits.max_pixels });
    }
    // A damaged Exif block or colour profile does not make the pixels unreadable.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc_profile = decoder.icc_profile().ok().flatten().filter(|p| p.len() <= MAX_ICC_PROFILE_BYTES);

    let factor = reduction(width, height);
    let pixels = if format == ImageFormat::Png && factor > 1 {
        drop(decoder);
        match png_reduced(bytes, factor)? {
            Some(reduced) => {
                let mut image = DynamicImage::ImageRgb8(reduced);
                image.apply_orientation(orientation);
                image.into_rgb8()
            }
            // An interlaced PNG comes in passes, not rows: read whole, as small ones are.
            None => whole(bytes, limits, orientation)?,
        }
    } else {
        let mut image = DynamicImage::from_decoder(decoder).map_err(|e| problem_of(e, limits))?;
        image.apply_orientation(orientation);
        on_white(image)
    };
    let variants = scaled_variants(pixels, icc_profile.as_deref())?;
    Ok(ProcessedPhoto { variants })
}

/// A whole image decoded again from its bytes (the path of small images), upright, on white.
fn whole(bytes: &[u8], limits: &UploadLimits, orientation: Orientation) -> Result<RgbImage, PhotoProblem> {
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|_| PhotoProblem::Unreadable)?;
    let mut decode_limits = Limits::default();
    decode_limits.max_image_width = Some(limits.max_side);
    decode_limits.max_image_height = Some(limits.max_side);
    decode_limits.max_alloc = Some(limits.max_decode_bytes);
    reader.limits(decode_limits);
    let mut image = reader.decode().map_err(|e| problem_of(e, limits))?;
    image.apply_orientation(orientation);
    Ok(on_white(image))
}

/// The block side by which a `width` × `height` image can be reduced while read, its result
/// still at least as large as the largest variant on both sides (whichever becomes the width
/// once turned upright); 1 for no reduction.
fn reduction(width: u32, height: u32) -> u32 {
    (width.min(height) / VARIANT_WIDTHS[VARIANT_WIDTHS.len() - 1]).max(1)
}

/// A PNG read row by row, each `factor` × `factor` block of pixels averaged into one (laid on
/// white where transparent, as [`on_white`] does), so that the whole image is never in memory;
/// `None` for an interlaced PNG, whose rows come in passes.
fn png_reduced(bytes: &[u8], factor: u32) -> Result<Option<RgbImage>, PhotoProblem> {
    // The decoder drains its buffer at the end of each IDAT chunk: one large chunk (what many
    // encoders write) would be inflated whole first. Small chunks bound that buffer.
    let rechunked = with_small_data_chunks(bytes).ok_or(PhotoProblem::Unreadable)?;
    let mut decoder = png::Decoder::new(Cursor::new(rechunked.as_slice()));
    // Palette and low bit depths to 8 bits a channel, 16 bits to 8: 1 to 4 bytes a pixel.
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(|_| PhotoProblem::Unreadable)?;
    if reader.info().interlaced {
        return Ok(None);
    }
    let (width, height) = (reader.info().width, reader.info().height);
    let channels = match reader.output_color_type().0 {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Ok(None),
    };
    let (out_width, out_height) = (width.div_ceil(factor), height.div_ceil(factor));
    let mut out = RgbImage::new(out_width, out_height);
    let mut sums = vec![0u32; out_width as usize * 3];
    let (mut rows, mut out_y) = (0u32, 0u32);
    let mut flush = |sums: &mut [u32], rows: u32, out_y: u32| {
        for out_x in 0..out_width {
            let columns = factor.min(width - out_x * factor);
            let count = columns * rows;
            let at = out_x as usize * 3;
            let average = |sum: u32| ((sum + count / 2) / count) as u8;
            out.put_pixel(out_x, out_y, image::Rgb([average(sums[at]), average(sums[at + 1]), average(sums[at + 2])]));
        }
        sums.fill(0);
    };
    while let Some(row) = reader.next_row().map_err(|_| PhotoProblem::Unreadable)? {
        let data = row.data();
        if data.len() < width as usize * channels || out_y >= out_height {
            return Err(PhotoProblem::Unreadable);
        }
        for (x, pixel) in data.chunks_exact(channels).take(width as usize).enumerate() {
            let (r, g, b, a) = match *pixel {
                [v] => (v, v, v, 255),
                [v, a] => (v, v, v, a),
                [r, g, b] => (r, g, b, 255),
                [r, g, b, a] => (r, g, b, a),
                _ => return Err(PhotoProblem::Unreadable),
            };
            let alpha = u32::from(a);
            let blend = |channel: u8| (u32::from(channel) * alpha + 255 * (255 - alpha) + 127) / 255;
            let at = (x / factor as usize) * 3;
            sums[at] += blend(r);
            sums[at + 1] += blend(g);
            sums[at + 2] += blend(b);
        }
        rows += 1;
        if rows == factor {
            flush(&mut sums, rows, out_y);
            rows = 0;
            out_y += 1;
        }
    }
    if rows > 0 {
        flush(&mut sums, rows, out_y);
        out_y += 1;
    }
    if out_y != out_height {
        return Err(PhotoProblem::Unreadable);
    }
    Ok(Some(out))
}

/// Compressed bytes per IDAT chunk of [`with_small_data_chunks`]: deflate expands at most about
/// 1000 : 1, so the decoder holds a few megabytes at most.
const DATA_CHUNK_BYTES: usize = 4096;

/// The same PNG with its image data (IDAT) in chunks of at most [`DATA_CHUNK_BYTES`], each with
/// its checksum; `None` if the chunk structure is broken or a checksum is wrong.
fn with_small_data_chunks(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    let mut rest = bytes.strip_prefix(SIGNATURE)?;
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / DATA_CHUNK_BYTES * 12 + 64);
    out.extend_from_slice(SIGNATURE);
    let write_chunk = |out: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(&u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.finalize().to_be_bytes());
    };
    while !rest.is_empty() {
        let length = usize::try_from(u32::from_be_bytes(rest.get(..4)?.try_into().ok()?)).ok()?;
        let kind = rest.get(4..8)?;
        let data = rest.get(8..8usize.checked_add(length)?)?;
        let stored = u32::from_be_bytes(rest.get(8 + length..12 + length)?.try_into().ok()?);
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        if crc.finalize() != stored {
            return None;
        }
        if kind == b"IDAT" {
            for piece in data.chunks(DATA_CHUNK_BYTES) {
                write_chunk(&mut out, kind, piece);
            }
        } else {
            write_chunk(&mut out, kind, data);
        }
        rest = &rest[12 + length..];
        if kind == b"IEND" {
            break;
        }
    }
    Some(out)
}

/// Why a file whose first bytes are no image format we know is refused: an SVG says so (it can
/// carry scripts, and is refused whatever its name); a HEIC/AVIF photo is an image we do not
/// take; anything else is not an image.
fn unrecognised(bytes: &[u8]) -> PhotoProblem {
    if looks_like_svg(bytes) {
        PhotoProblem::SvgRefused
    } else if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        // ISO media files (HEIC, AVIF, but also MP4 videos) start with an `ftyp` box.
        let brand = &bytes[8..12];
        if [b"heic", b"heix", b"hevc", b"mif1", b"msf1", b"avif", b"avis"].iter().any(|b| brand == *b) {
            PhotoProblem::FormatRefused
        } else {
            PhotoProblem::NotAnImage
        }
    } else {
        PhotoProblem::NotAnImage
    }
}

/// An SVG is XML text whose root is `<svg`: after an optional byte-order mark, XML declaration,
/// comments or doctype, `<svg` appears early (checked in the first 4 kB, case-insensitively).
/// Compressed SVG (`.svgz`) is gzip, which is "not an image" anyway.
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    text.trim_start().starts_with('<') && text.contains("<svg")
}

/// Whether a JPEG's marker structure runs to its end-of-image marker: every segment is whole,
/// and each scan's entropy-coded data is followed by a marker, the last being EOI. Bytes after
/// EOI (a phone's "motion photo" video, padding) are allowed and ignored.
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    const SOI: u8 = 0xD8;
    const EOI: u8 = 0xD9;
    const SOS: u8 = 0xDA;
    if bytes.get(..2) != Some(&[0xFF, SOI][..]) {
        return false;
    }
    let mut at = 2;
    loop {
        // Fill bytes (0xFF repeated) may precede a marker.
        while bytes.get(at) == Some(&0xFF) && bytes.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(at), bytes.get(at + 1)) else {
            return false;
        };
        at += 2;
        match marker {
            EOI => return true,
            // Standalone markers: no length.
            0x01 | 0xD0..=0xD7 => continue,
            _ => {}
        }
        let Some(length) = bytes.get(at..at + 2).map(|l| usize::from(u16::from_be_bytes([l[0], l[1]]))) else {
            return false;
        };
        if length < 2 || at + length > bytes.len() {
            return false;
        }
        at += length;
        if marker == SOS {
            // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart
            // marker; anything else is the next marker.
            loop {
                match (bytes.get(at), bytes.get(at + 1)) {
                    (Some(0xFF), Some(0x00 | 0xD0..=0xD7)) => at += 2,
                    (Some(0xFF), Some(_)) => break,
                    (Some(_), _) => at += 1,
                    (None, _) => return false,
                }
            }
        }
    }
}

fn problem_of(error: ImageError, limits: &UploadLimits) -> PhotoProblem {
    match error {
        ImageError::Limits(limit) => match limit.kind() {
            LimitErrorKind::DimensionError | LimitErrorKind::InsufficientMemory => {
                PhotoProblem::TooManyPixels { max_pixels: limits.max_pixels }
            }
            _ => PhotoProblem::Unreadable,
        },
        // Damaged data, an unsupported variant of a format (12-bit JPEG, say), a read past the end.
        _ => PhotoProblem::Unreadable,
    }
}

/// The pixels as 8-bit RGB. Transparent parts are laid on white, the page's background: JPEG
/// has no transparency, and the colour stored under a transparent pixel is often black.
fn on_white(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (width, height) = rgba.dimensions();
    let mut rgb = RgbImage::new(width, height);
    for (target, source) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = source.0;
        let alpha = u16::from(a);
        let blend = |channel: u8| ((u16::from(channel) * alpha + 255 * (255 - alpha) + 127) / 255) as u8;
        target.0 = [blend(r), blend(g), blend(b)];
    }
    rgb
}

/// The widths kept for a photo `source_width` pixels wide, smallest first: those of
/// [`VARIANT_WIDTHS`] below the largest kept, which is the photo's own width when it is smaller
/// than 1600 (never enlarged). A width within 20% of the next one is skipped: the browser would
/// gain nothing from it.
pub fn variant_widths(source_width: u32) -> Vec<u32> {
    let largest = source_width.min(VARIANT_WIDTHS[VARIANT_WIDTHS.len() - 1]);
    let mut widths: Vec<u32> =
        VARIANT_WIDTHS.iter().copied().filter(|&w| u64::from(w) * 6 < u64::from(largest) * 5).collect();
    widths.push(largest);
    widths
}

/// The height of a variant `width` pixels wide of a `source_width` × `source_height` photo.
fn scaled_height(source_width: u32, source_height: u32, width: u32) -> u32 {
    let height = (u64::from(source_height) * u64::from(width) + u64::from(source_width) / 2) / u64::from(source_width);
    u32::try_from(height.max(1)).unwrap_or(u32::MAX)
}

/// Each variant is scaled from the next larger one (1600 → 960 → 480): the big photo is read
/// once, however many variants there are.
fn scaled_variants(pixels: RgbImage, icc_profile: Option<&[u8]>) -> Result<Vec<Variant>, PhotoProblem> {
    let (source_width, source_height) = pixels.dimensions();
    let mut current = pixels;
    let mut variants = Vec::new();
    for width in variant_widths(source_width).into_iter().rev() {
        let height = scaled_height(source_width, source_height, width);
        if current.dimensions() != (width, height) {
            current = scaled_down(&current, width, height);
        }
        variants.push(Variant { width, height, jpeg: encode_jpeg(&current, icc_profile)? });
    }
    variants.reverse();
    Ok(variants)
}

/// Largest working buffer of the bicubic filter: it keeps a 16-byte-a-pixel copy, source width
/// by target height (2000 → 1600 pixels wide would take 51 MB).
const FILTER_BUFFER_BYTES: u64 = 32 * 1024 * 1024;

/// Averaging over each target pixel's area is fast and alias-free for large reductions, and
/// needs no working copy; a bicubic filter is sharper for the small last steps (960 → 480 is
/// 2:1, 1600 → 960 is 5:3), used where its working buffer stays small.
fn scaled_down(image: &RgbImage, width: u32, height: u32) -> RgbImage {
    let filter_buffer = u64::from(image.width()) * u64::from(height) * 16;
    if image.width() >= width.saturating_mul(2) || filter_buffer > FILTER_BUFFER_BYTES {
        imageops::thumbnail(image, width, height)
    } else {
        imageops::resize(image, width, height, FilterType::CatmullRom)
    }
}

fn encode_jpeg(image: &RgbImage, icc_profile: Option<&[u8]>) -> Result<Vec<u8>, PhotoProblem> {
    let mut jpeg = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut jpeg, JPEG_QUALITY);
    if let Some(profile) = icc_profile {
        // Refused only by encoders without colour profiles; JPEG has them.
        let _ = encoder.set_icc_profile(profile.to_vec());
    }
    encoder.encode_image(image).map_err(|error| {
        tracing::error!(%error, "encoding a photo variant failed");
        PhotoProblem::Unreadable
    })?;
    Ok(jpeg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_never_enlarged_and_not_too_close() {
        assert_eq!(variant_widths(4000), vec![480, 960, 1600]);
        assert_eq!(variant_widths(1600), vec![480, 960, 1600]);
        assert_eq!(variant_widths(1200), vec![480, 960, 1200]);
        assert_eq!(variant_widths(1000), vec![480, 1000]);
        assert_eq!(variant_widths(960), vec![480, 960]);
        assert_eq!(variant_widths(500), vec![500]);
        assert_eq!(variant_widths(120), vec![120]);
        assert_eq!(variant_widths(1), vec![1]);
    }

    #[test]
    fn heights_keep_the_aspect_ratio_and_are_never_zero() {
        assert_eq!(scaled_height(4000, 3000, 1600), 1200);
        assert_eq!(scaled_height(3000, 4000, 480), 640);
        assert_eq!(scaled_height(8000, 1, 480), 1);
    }

    #[test]
    fn svg_is_recognised_whatever_comes_first() {
        assert!(looks_like_svg(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"));
        assert!(looks_like_svg(b"\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<!-- x -->\n<SVG>"));
        assert!(!looks_like_svg(b"hello <svg"));
        assert!(!looks_like_svg(b"<html><body>no</body></html>"));
    }

    #[test]
    fn jpeg_structure_check_needs_the_end_marker() {
        let mut image = RgbImage::new(64, 48);
        for (x, y, p) in image.enumerate_pixels_mut() {
            p.0 = [(x * 4) as u8, (y * 5) as u8, 128];
        }
        let jpeg = encode_jpeg(&image, None).unwrap();
        assert!(jpeg_is_complete(&jpeg));
        let mut with_trailer = jpeg.clone();
        with_trailer.extend_from_slice(b"motion photo video bytes");
        assert!(jpeg_is_complete(&with_trailer));
        for cut in [2, 20, jpeg.len() / 2, jpeg.len() - 2, jpeg.len() - 1] {
            assert!(!jpeg_is_complete(&jpeg[..cut]), "cut at {cut}");
        }
        assert!(!jpeg_is_complete(b""));
        assert!(!jpeg_is_complete(b"\xFF\xD8\xFF"));
    }

    #[test]
    fn transparency_becomes_white() {
        let mut image = image::RgbaImage::new(2, 1);
        image.put_pixel(0, 0, image::Rgba([0, 0, 0, 0]));
        image.put_pixel(1, 0, image::Rgba([10, 20, 30, 255]));
        let rgb = on_white(DynamicImage::ImageRgba8(image));
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 255, 255]);
        assert_eq!(rgb.get_pixel(1, 0).0, [10, 20, 30]);
    }
}
