//! The photo pipeline (`domain::photos`) on real files made here, and its database operations on
//! every backend: hostile and broken files are refused with the right problem and leave nothing
//! behind; accepted ones are stored as upright, metadata-free JPEGs of the widths the pages use.
//!
//! Every fixture is built in this file (images drawn with the `image` crate, Exif blocks and
//! PNG chunks written byte by byte), so no binary blob is committed and each test says what its
//! file contains.

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use chrono::Duration;
use common::Lang;
use domain::authz::Actor;
use domain::directory::{data_version, profile};
use domain::photos::{
    add_photos, delete_photo, photos_of, process_upload, reorder_photos, update_alt, AltTexts, NewPhoto, PhotoError,
    PhotoProblem, UploadLimits, MAX_PHOTOS, MAX_UPLOAD_BYTES,
};
use entity::{audit_log, business, business_photo};
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, ImageFormat, ImageReader, Rgb, RgbImage, Rgba, RgbaImage};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use support::*;

// ---------------------------------------------------------------------------------------------
// The largest single allocation made by the current thread, to show that a decompression bomb
// is refused from its header, before any pixel buffer exists.

struct CountingAllocator;

thread_local! {
    static LARGEST_ALLOCATION: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation(size: usize) {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    let _ = LARGEST_ALLOCATION.try_with(|largest| largest.set(largest.get().max(size)));
}

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation(new_size);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Runs `work` and returns its result with the largest allocation it made on this thread.
fn largest_allocation_of<T>(work: impl FnOnce() -> T) -> (T, usize) {
    LARGEST_ALLOCATION.with(|largest| largest.set(0));
    let result = work();
    (result, LARGEST_ALLOCATION.with(Cell::get))
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

/// A photo-like picture: smooth gradients (what JPEG is made for), with a red block in the
/// top-left corner to tell which way up it ends.
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        if x < width / 4 && y < height / 4 {
            Rgb([230, 20, 20])
        } else {
            Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 160])
        }
    })
}

fn jpeg(image: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 90);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif).expect("JPEG takes Exif");
    }
    encoder.write_image(image.as_raw(), image.width(), image.height(), image::ExtendedColorType::Rgb8).unwrap();
    bytes
}

fn encoded(image: DynamicImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image.write_to(&mut bytes, format).unwrap();
    bytes.into_inner()
}

fn png(image: &RgbImage) -> Vec<u8> {
    encoded(DynamicImage::ImageRgb8(image.clone()), ImageFormat::Png)
}

/// The text hidden in the fixtures' GPS block: it must not reach any stored file.
const GPS_MARKER: &[u8] = b"VITRINE-GPS-50.5792N-4.0711E";

/// A little-endian TIFF block as Exif carries it: IFD0 with the orientation and a pointer to a
/// GPS IFD holding a latitude (N 50° 34' 45") and a map datum naming [`GPS_MARKER`].
fn exif_with_gps(orientation: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II\x2A\x00");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    let entry = |tiff: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: [u8; 4]| {
        tiff.extend_from_slice(&tag.to_le_bytes());
        tiff.extend_from_slice(&kind.to_le_bytes());
        tiff.extend_from_slice(&count.to_le_bytes());
        tiff.extend_from_slice(&value);
    };
    const SHORT: u16 = 3;
    const LONG: u16 = 4;
    const ASCII: u16 = 2;
    const RATIONAL: u16 = 5;
    // IFD0 at 8: two entries (2 + 2 × 12 + 4 bytes), so the GPS IFD starts at 38.
    let gps_ifd: u32 = 38;
    tiff.extend_from_slice(&2u16.to_le_bytes());
    let [o0, o1] = orientation.to_le_bytes();
    entry(&mut tiff, 0x0112, SHORT, 1, [o0, o1, 0, 0]);
    entry(&mut tiff, 0x8825, LONG, 1, gps_ifd.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(tiff.len() as u32, gps_ifd);
    // GPS IFD: three entries (2 + 3 × 12 + 4 bytes): the latitude's rationals follow at 80,
    // then the datum text at 104.
    let latitude_at: u32 = 80;
    let datum_at: u32 = 104;
    let mut datum = GPS_MARKER.to_vec();
    datum.push(0);
    tiff.extend_from_slice(&3u16.to_le_bytes());
    entry(&mut tiff, 0x0001, ASCII, 2, *b"N\0\0\0");
    entry(&mut tiff, 0x0002, RATIONAL, 3, latitude_at.to_le_bytes());
    entry(&mut tiff, 0x0012, ASCII, datum.len() as u32, datum_at.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    assert_eq!(tiff.len() as u32, latitude_at);
    for (numerator, denominator) in [(50u32, 1u32), (34, 1), (4500, 100)] {
        tiff.extend_from_slice(&numerator.to_le_bytes());
        tiff.extend_from_slice(&denominator.to_le_bytes());
    }
    assert_eq!(tiff.len() as u32, datum_at);
    tiff.extend_from_slice(&datum);
    tiff
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    let mut checked = kind.to_vec();
    checked.extend_from_slice(data);
    chunk.extend_from_slice(&checked);
    chunk.extend_from_slice(&crc32(&checked).to_be_bytes());
    chunk
}

/// `png` with a chunk inserted right after its header chunk (signature 8 bytes, IHDR 25).
fn with_png_chunk(png: &[u8], kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut bytes = png[..33].to_vec();
    bytes.extend_from_slice(&png_chunk(kind, data));
    bytes.extend_from_slice(&png[33..]);
    bytes
}

/// A decompression bomb: a valid PNG of a few dozen bytes declaring `width` × `height` RGB
/// pixels (30 GB for 100 000 × 100 000), with a tiny compressed stream.
fn png_bomb(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no filter, no interlace
    bytes.extend_from_slice(&png_chunk(b"IHDR", &header));
    // zlib stream of an empty stored block: the decoder never gets that far.
    bytes.extend_from_slice(&png_chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    bytes.extend_from_slice(&png_chunk(b"IEND", &[]));
    bytes
}

/// A real JPEG whose frame header claims `width` × `height`.
fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut bytes = jpeg(&picture(64, 48), None);
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline frame header");
    // FF C0, length (2), precision (1), then height and width.
    bytes[sof + 5..sof + 7].copy_from_slice(&height.to_be_bytes());
    bytes[sof + 7..sof + 9].copy_from_slice(&width.to_be_bytes());
    bytes
}

const SVG: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
    width=\"10\" height=\"10\"><script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>";

/// The markers of a JPEG's header segments, up to its first scan.
fn header_markers(jpeg: &[u8]) -> Vec<u8> {
    let mut markers = Vec::new();
    let mut at = 2;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        markers.push(marker);
        if marker == 0xDA {
            break;
        }
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    markers
}

/// A stored variant is a whole JPEG with a JFIF header and no metadata segment (no APP1 Exif or
/// XMP, no APP13 IPTC, no comment) and no trace of the GPS block.
fn assert_clean_jpeg(bytes: &[u8], width: u32, height: u32) {
    assert_eq!(&bytes[..2], &[0xFF, 0xD8], "starts as a JPEG");
    assert_eq!(&bytes[bytes.len() - 2..], &[0xFF, 0xD9], "ends as a whole JPEG");
    let markers = header_markers(bytes);
    assert_eq!(markers.first(), Some(&0xE0), "JFIF header first: {markers:x?}");
    for marker in markers {
        assert!(![0xE1, 0xED, 0xFE].contains(&marker), "metadata segment {marker:#x} kept");
    }
    for needle in [&b"Exif\0\0"[..], b"II\x2A\x00", b"MM\x00\x2A", GPS_MARKER, b"http://ns.adobe.com/xap"] {
        assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{:?} kept", String::from_utf8_lossy(needle));
    }
    let decoded = ImageReader::with_format(Cursor::new(bytes), ImageFormat::Jpeg).decode().expect("decodes");
    assert_eq!((decoded.width(), decoded.height()), (width, height));
}

fn is_reddish(pixel: &Rgb<u8>) -> bool {
    pixel.0[0] > 180 && pixel.0[1] < 90 && pixel.0[2] < 90
}

fn alt(fr: &str) -> AltTexts {
    AltTexts { fr: fr.into(), ..AltTexts::default() }
}

fn upload(bytes: Vec<u8>, alt_fr: &str) -> NewPhoto {
    NewPhoto { bytes, alt: alt(alt_fr) }
}

/// Every file under `dir` (none when it does not exist).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn problems_of(error: PhotoError) -> Vec<(String, String)> {
    match error {
        PhotoError::Invalid(problems) => problems.into_iter().map(|p| (p.field, p.problem)).collect(),
        other => panic!("expected invalid photos, got {other:?}"),
    }
}

fn pair(field: &str, problem: &str) -> (String, String) {
    (field.to_string(), problem.to_string())
}

// ---------------------------------------------------------------------------------------------
// The pipeline on files.

#[test]
fn the_fixture_really_carries_gps_and_an_orientation() {
    let bytes = jpeg(&picture(40, 20), Some(exif_with_gps(6)));
    assert!(bytes.windows(GPS_MARKER.len()).any(|w| w == GPS_MARKER));
    let mut decoder = ImageReader::new(Cursor::new(&bytes)).with_guessed_format().unwrap().into_decoder().unwrap();
    use image::ImageDecoder;
    assert_eq!(decoder.orientation().unwrap(), image::metadata::Orientation::Rotate90);
}

#[test]
fn a_jpeg_with_gps_is_stored_upright_without_its_metadata_at_each_width() {
    // Stored sideways (1700 × 1000) with "rotate 90° clockwise to view": a portrait photo.
    let bytes = jpeg(&picture(1700, 1000), Some(exif_with_gps(6)));
    let photo = process_upload(&bytes, &UploadLimits::default()).expect("accepted");
    let sizes: Vec<(u32, u32)> = photo.variants.iter().map(|v| (v.width, v.height)).collect();
    // Upright it is 1000 wide: 480, then its own width (960 would be within 20% of it).
    assert_eq!(sizes, vec![(480, 816), (1000, 1700)]);
    for variant in &photo.variants {
        assert_clean_jpeg(&variant.jpeg, variant.width, variant.height);
    }
    // The red corner was top-left as stored; turned clockwise, it is top-right.
    let largest = image::load_from_memory(&photo.variants[1].jpeg).unwrap().to_rgb8();
    assert!(
        is_reddish(largest.get_pixel(largest.width() - 10, 10)),
        "{:?}",
        largest.get_pixel(largest.width() - 10, 10)
    );
    assert!(!is_reddish(largest.get_pixel(10, 10)));
}

#[test]
fn a_large_photo_gets_the_three_widths_and_is_never_enlarged() {
    let photo = process_upload(&jpeg(&picture(1800, 1200), None), &UploadLimits::default()).unwrap();
    let sizes: Vec<(u32, u32)> = photo.variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, vec![(480, 320), (960, 640), (1600, 1067)]);
    for variant in &photo.variants {
        assert_clean_jpeg(&variant.jpeg, variant.width, variant.height);
    }
    let small = process_upload(&png(&picture(300, 200)), &UploadLimits::default()).unwrap();
    let sizes: Vec<(u32, u32)> = small.variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, vec![(300, 200)]);
}

#[test]
fn a_png_with_an_exif_chunk_loses_it_and_is_turned_upright() {
    let bytes = with_png_chunk(&png(&picture(600, 300)), b"eXIf", &exif_with_gps(6));
    assert!(ImageReader::new(Cursor::new(&bytes)).with_guessed_format().unwrap().decode().is_ok(), "fixture is a PNG");
    let photo = process_upload(&bytes, &UploadLimits::default()).expect("accepted");
    let sizes: Vec<(u32, u32)> = photo.variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(sizes, vec![(300, 600)]);
    assert_clean_jpeg(&photo.variants[0].jpeg, 300, 600);
}

#[test]
fn transparent_png_webp_and_gif_are_accepted() {
    let mut transparent = RgbaImage::from_pixel(200, 100, Rgba([0, 0, 0, 0]));
    transparent.put_pixel(0, 0, Rgba([0, 0, 255, 255]));
    let photo = process_upload(&encoded(transparent.into(), ImageFormat::Png), &UploadLimits::default()).unwrap();
    let pixels = image::load_from_memory(&photo.variants[0].jpeg).unwrap().to_rgb8();
    // Transparent becomes the page's white, not black.
    assert!(pixels.get_pixel(100, 50).0.iter().all(|&c| c > 240), "{:?}", pixels.get_pixel(100, 50));

    for format in [ImageFormat::WebP, ImageFormat::Gif] {
        let rgba = DynamicImage::ImageRgb8(picture(120, 80)).to_rgba8();
        let bytes = encoded(rgba.into(), format);
        let photo = process_upload(&bytes, &UploadLimits::default()).unwrap_or_else(|p| panic!("{format:?}: {p}"));
        assert_clean_jpeg(&photo.variants[0].jpeg, 120, 80);
    }
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header_without_allocating_its_pixels() {
    let bomb = png_bomb(100_000, 100_000);
    assert!(bomb.len() < 100, "a tiny file: {} bytes", bomb.len());
    let (outcome, largest) = largest_allocation_of(|| process_upload(&bomb, &UploadLimits::default()));
    assert!(matches!(outcome, Err(PhotoProblem::TooManyPixels { .. })), "{outcome:?}");
    assert!(largest < 1024 * 1024, "largest allocation {largest} bytes");

    // Within the side limit but over the pixel count: 7999 × 7999 is 64 megapixels.
    let (outcome, largest) = largest_allocation_of(|| process_upload(&png_bomb(7999, 7999), &UploadLimits::default()));
    assert!(matches!(outcome, Err(PhotoProblem::TooManyPixels { .. })), "{outcome:?}");
    assert!(largest < 1024 * 1024, "largest allocation {largest} bytes");

    // The same through a JPEG's frame header.
    let (outcome, largest) =
        largest_allocation_of(|| process_upload(&jpeg_claiming(60_000, 60_000), &UploadLimits::default()));
    assert!(matches!(outcome, Err(PhotoProblem::TooManyPixels { .. })), "{outcome:?}");
    assert!(largest < 1024 * 1024, "largest allocation {largest} bytes");
}

#[test]
fn a_large_png_is_read_a_few_rows_at_a_time_and_never_held_whole() {
    // 4000 × 4000 RGBA (64 MB once decoded): red on the left, blue on the right, the bottom
    // quarter transparent; compressible, as screenshots and the 190 KB file are.
    let mut image = RgbaImage::new(4000, 4000);
    for (x, y, pixel) in image.enumerate_pixels_mut() {
        pixel.0 = if y >= 3000 {
            [0, 0, 0, 0]
        } else if x < 2000 {
            [200, 20, 20, 255]
        } else {
            [20, 20, 200, 255]
        };
    }
    let file = encoded(DynamicImage::ImageRgba8(image), ImageFormat::Png);
    assert!(file.len() < MAX_UPLOAD_BYTES, "{} bytes", file.len());

    let (outcome, largest) = largest_allocation_of(|| process_upload(&file, &UploadLimits::default()));
    let photo = outcome.expect("accepted");
    // The whole image would be 64 MB in one buffer, and the filter's working copy from it 51 MB;
    // read by rows and reduced 2 × 2 as it comes, the largest buffers are the reduced image
    // (2000 × 2000 RGB, 12 MB) and the filter's copy for the 960 variant (1600 × 960, 25 MB).
    assert!(largest < 32 * 1024 * 1024, "largest allocation {largest} bytes");
    let widths: Vec<(u32, u32)> = photo.variants.iter().map(|v| (v.width, v.height)).collect();
    assert_eq!(widths, vec![(480, 480), (960, 960), (1600, 1600)]);
    let largest_variant = ImageReader::new(Cursor::new(&photo.largest().unwrap().jpeg))
        .with_guessed_format()
        .unwrap()
        .decode()
        .unwrap()
        .into_rgb8();
    assert!(is_reddish(largest_variant.get_pixel(400, 400)), "{:?}", largest_variant.get_pixel(400, 400));
    let right = largest_variant.get_pixel(1200, 400).0;
    assert!(right[2] > 150 && right[0] < 80, "blue on the right: {right:?}");
    let bottom = largest_variant.get_pixel(800, 1500).0;
    assert!(bottom.iter().all(|&c| c > 240), "transparent becomes white: {bottom:?}");
}

#[test]
fn files_that_are_not_photos_we_take_are_refused_by_what_their_bytes_are() {
    let limits = UploadLimits::default();
    // A text file named photo.jpg: the name and the declared type are never looked at.
    assert_eq!(process_upload(b"Ceci n'est pas une photo.\n", &limits), Err(PhotoProblem::NotAnImage));
    assert_eq!(process_upload(SVG, &limits), Err(PhotoProblem::SvgRefused));
    assert_eq!(
        process_upload(b"\n  <svg xmlns=\"http://www.w3.org/2000/svg\"/>", &limits),
        Err(PhotoProblem::SvgRefused)
    );
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.extend_from_slice(&[0; 64]);
    assert_eq!(process_upload(&heic, &limits), Err(PhotoProblem::FormatRefused));
    // A Windows bitmap (only its signature matters: the format is refused before decoding).
    let mut bmp = b"BM".to_vec();
    bmp.extend_from_slice(&[0; 64]);
    assert_eq!(process_upload(&bmp, &limits), Err(PhotoProblem::FormatRefused));
    assert_eq!(process_upload(b"", &limits), Err(PhotoProblem::NotAnImage));
}

#[test]
fn truncated_and_damaged_files_are_unreadable() {
    let limits = UploadLimits::default();
    let whole = jpeg(&picture(400, 300), Some(exif_with_gps(1)));
    for cut in [whole.len() / 3, whole.len() / 2, whole.len() - 2] {
        assert_eq!(process_upload(&whole[..cut], &limits), Err(PhotoProblem::Unreadable), "JPEG cut at {cut}");
    }
    let whole_png = png(&picture(400, 300));
    assert_eq!(process_upload(&whole_png[..whole_png.len() / 2], &limits), Err(PhotoProblem::Unreadable));
    // Header intact, scan data replaced by noise: the decoder fails or the structure check does.
    let mut scrambled = whole_png.clone();
    let half = scrambled.len() / 2;
    for byte in &mut scrambled[half..half + 64] {
        *byte ^= 0x5A;
    }
    assert_eq!(process_upload(&scrambled, &limits), Err(PhotoProblem::Unreadable));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_being_read() {
    let mut big = jpeg(&picture(64, 48), None);
    big.resize(MAX_UPLOAD_BYTES + 1, 0);
    assert_eq!(
        process_upload(&big, &UploadLimits::default()),
        Err(PhotoProblem::TooLarge { max_bytes: MAX_UPLOAD_BYTES })
    );
    let tight = UploadLimits { max_bytes: 1000, ..UploadLimits::default() };
    assert!(matches!(process_upload(&jpeg(&picture(300, 200), None), &tight), Err(PhotoProblem::TooLarge { .. })));
}

// ---------------------------------------------------------------------------------------------
// The operations on the database.

/// The id and slug of a published business of the demo town, and how many photos it has.
async fn demo_business(db: &TestDb, index: usize) -> (i32, String, usize) {
    let businesses = business::Entity::find().all(&db.db).await.unwrap();
    let chosen = &businesses[index];
    let photos = photos_of(&db.db, chosen.id).await.unwrap().len();
    (chosen.id, chosen.slug.clone(), photos)
}

/// An account (no password: these tests never log in), a town administrator or, if given, a
/// member of a business with that role.
async fn person(db: &TestDb, email: &str, is_admin: bool, member_of: Option<(i32, &str)>) -> Actor {
    let now = saturday_morning();
    let account = entity::account::ActiveModel {
        email: Set(email.to_owned()),
        password_hash: Set(String::new()),
        language: Set("fr".into()),
        is_admin: Set(is_admin),
        created_at: Set(now),
        sessions_valid_after: Set(now),
        ..Default::default()
    }
    .insert(&db.db)
    .await
    .unwrap();
    if let Some((business_id, role)) = member_of {
        entity::membership::ActiveModel {
            account_id: Set(account.id),
            business_id: Set(business_id),
            role: Set(role.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&db.db)
        .await
        .unwrap();
    }
    Actor { account_id: account.id, email: account.email, is_admin, language: Lang::Fr }
}

async fn admin(db: &TestDb) -> Actor {
    person(db, "maire@soignies.be", true, None).await
}

/// The business's history, oldest first: (action, who, details).
async fn history_of(db: &TestDb, business_id: i32) -> Vec<(String, String, serde_json::Value)> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::BusinessId.eq(business_id))
        .order_by_asc(audit_log::Column::Id)
        .all(&db.db)
        .await
        .unwrap();
    rows.into_iter().map(|r| (r.action, r.actor_email, serde_json::from_str(&r.details).unwrap())).collect()
}

async fn version(db: &TestDb) -> i64 {
    data_version(&db.db).await.unwrap().parse().unwrap()
}

async fn updated_at(db: &TestDb, id: i32) -> chrono::DateTime<chrono::Utc> {
    business::Entity::find_by_id(id).one(&db.db).await.unwrap().unwrap().updated_at
}

#[tokio::test]
async fn added_photos_are_stored_as_variants_and_shown_with_a_srcset() {
    on_every_backend(|db| async move {
        let seeded_at = saturday_morning();
        seeded(&db, seeded_at).await;
        let admin = admin(&db).await;
        let media = media_dir();
        let (id, slug, before) = demo_business(&db, 0).await;
        let version_before = version(&db).await;
        let later = seeded_at + Duration::hours(2);

        let uploads = vec![
            upload(jpeg(&picture(1800, 1200), Some(exif_with_gps(1))), "  La vitrine en décembre "),
            NewPhoto {
                bytes: png(&picture(640, 400)),
                alt: AltTexts { fr: "Le comptoir".into(), nl: "De toonbank".into(), en: String::new() },
            },
        ];
        let ids = add_photos(&db.db, &media, Some(&admin), id, uploads, later).await.expect("stored");
        assert_eq!(ids.len(), 2);

        let photos = photos_of(&db.db, id).await.unwrap();
        assert_eq!(photos.len(), before + 2, "{}", db.label);
        let positions: Vec<i32> = photos.iter().map(|p| p.position).collect();
        assert_eq!(positions, (0..photos.len() as i32).collect::<Vec<_>>(), "{}: appended in order", db.label);
        let first = photos.iter().find(|p| p.id == ids[0]).unwrap();
        assert_eq!(first.alt_fr, "La vitrine en décembre", "{}: trimmed", db.label);
        assert_eq!(
            (first.width, first.height, first.variants.as_deref()),
            (Some(1600), Some(1067), Some("480 960 1600"))
        );
        assert!(first.file.starts_with("p/") && first.file.ends_with("-1600.jpg"), "{}", first.file);

        // Every variant is on disk, whole and clean; nothing else was left (no temporary file).
        let files = files_under(&media);
        assert_eq!(files.len(), 3 + 2, "{}: {files:?}", db.label);
        for (width, height) in [(480, 320), (960, 640), (1600, 1067)] {
            let path = media.join(first.file.replace("-1600.jpg", &format!("-{width}.jpg")));
            assert_clean_jpeg(&std::fs::read(&path).unwrap(), width, height);
        }

        // The change is visible: data version bumped, business stamped.
        assert!(version(&db).await > version_before, "{}", db.label);
        assert_eq!(updated_at(&db, id).await, later, "{}", db.label);

        // The public page offers the sizes, with the intrinsic size of the largest.
        let page = profile(&db.db, Lang::En, &slug, later, "https://example.test").await.unwrap();
        let shown = page.photos.iter().find(|p| p.url == format!("/media/{}", first.file)).expect("shown");
        let key = first.file.trim_start_matches("p/").trim_end_matches("-1600.jpg");
        assert_eq!(
            shown.srcset.as_deref(),
            Some(
                format!("/media/p/{key}-480.jpg 480w, /media/p/{key}-960.jpg 960w, /media/p/{key}-1600.jpg 1600w")
                    .as_str()
            )
        );
        assert_eq!((shown.width, shown.height), (Some(1600), Some(1067)));
        assert_eq!(shown.alt, "La vitrine en décembre", "{}: English falls back to French", db.label);
        let counter =
            page.photos.iter().find(|p| p.url.contains(&photos.iter().find(|p| p.id == ids[1]).unwrap().file)).unwrap();
        assert_eq!(counter.alt, "Le comptoir");
        let dutch = profile(&db.db, Lang::Nl, &slug, later, "https://example.test").await.unwrap();
        assert!(dutch.photos.iter().any(|p| p.alt == "De toonbank"));
        // The demo town's SVGs keep their plain markup.
        for svg in page.photos.iter().filter(|p| p.url.ends_with(".svg")) {
            assert_eq!((svg.srcset.as_ref(), svg.width, svg.height), (None, None, None));
        }
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn one_bad_file_among_good_ones_stores_nothing_and_names_each_problem() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let admin = admin(&db).await;
        let media = media_dir();
        let (id, _, before) = demo_business(&db, 1).await;
        let version_before = version(&db).await;
        let stamped_before = updated_at(&db, id).await;

        let mut too_large = jpeg(&picture(64, 48), None);
        too_large.resize(MAX_UPLOAD_BYTES + 1, 0);
        let whole = jpeg(&picture(400, 300), None);
        let uploads = vec![
            upload(jpeg(&picture(800, 600), None), "Bonne photo"),
            upload(b"Ceci n'est pas une photo.\n".to_vec(), "Texte renommé en .jpg"),
            upload(SVG.to_vec(), "Un SVG"),
            upload(png_bomb(100_000, 100_000), "Une bombe"),
            upload(whole[..whole.len() / 2].to_vec(), "Coupée"),
            upload(too_large, "Trop grande"),
            upload(png(&picture(100, 100)), "   "),
            upload(Vec::new(), "Aucun fichier"),
        ];
        let error = add_photos(&db.db, &media, Some(&admin), id, uploads, saturday_morning()).await.unwrap_err();
        assert_eq!(
            problems_of(error),
            vec![
                pair("photo_1", "photo_not_an_image"),
                pair("photo_2", "photo_svg_refused"),
                pair("photo_3", "photo_too_many_pixels"),
                pair("photo_4", "photo_unreadable"),
                pair("photo_5", "photo_too_large"),
                pair("alt_fr_6", "alt_required"),
                pair("photo_7", "photo_required"),
            ],
            "{}",
            db.label
        );
        assert_eq!(photos_of(&db.db, id).await.unwrap().len(), before, "{}: no row", db.label);
        assert_eq!(files_under(&media), Vec::<PathBuf>::new(), "{}: no file", db.label);
        assert_eq!(version(&db).await, version_before, "{}: nothing changed", db.label);
        assert_eq!(updated_at(&db, id).await, stamped_before, "{}", db.label);
    })
    .await;
}

#[tokio::test]
async fn a_business_keeps_at_most_its_photo_limit_even_when_two_uploads_race() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let admin = admin(&db).await;
        let media = media_dir();
        let (id, _, before) = demo_business(&db, 2).await;
        let room = MAX_PHOTOS - before;
        let small = || upload(png(&picture(64, 40)), "Petite");

        let too_many: Vec<NewPhoto> = (0..=room).map(|_| small()).collect();
        let error = add_photos(&db.db, &media, Some(&admin), id, too_many, saturday_morning()).await.unwrap_err();
        assert_eq!(problems_of(error), vec![pair("photos", "photos_too_many")], "{}", db.label);

        // Two uploads that fit one at a time but not together: one wins, the other is refused
        // (before processing or under the lock) and leaves no file.
        let first: Vec<NewPhoto> = (0..room - 1).map(|_| small()).collect();
        let second = vec![small(), small()];
        let (a, b) = tokio::join!(
            add_photos(&db.db, &media, Some(&admin), id, first, saturday_morning()),
            add_photos(&db.db, &media, Some(&admin), id, second, saturday_morning()),
        );
        let (won, lost) = match (a, b) {
            (Ok(ids), Err(error)) | (Err(error), Ok(ids)) => (ids, error),
            (a, b) => panic!("{}: expected one success and one refusal, got {a:?} and {b:?}", db.label),
        };
        assert_eq!(problems_of(lost), vec![pair("photos", "photos_too_many")]);
        let photos = photos_of(&db.db, id).await.unwrap();
        assert!(photos.len() <= MAX_PHOTOS);
        assert_eq!(photos.len(), before + won.len(), "{}", db.label);
        // Each winner's photo is 64 px wide: one file each, and no file of the loser.
        assert_eq!(files_under(&media).len(), won.len(), "{}", db.label);
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn photos_are_reordered_only_from_the_exact_list_of_the_business() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let admin = admin(&db).await;
        let media = media_dir();
        let (id, slug, _) = demo_business(&db, 3).await;
        let (other, _, _) = demo_business(&db, 4).await;
        add_photos(
            &db.db,
            &media,
            Some(&admin),
            id,
            vec![upload(png(&picture(64, 40)), "Ajoutée")],
            saturday_morning(),
        )
        .await
        .unwrap();
        let ids: Vec<i32> = photos_of(&db.db, id).await.unwrap().iter().map(|p| p.id).collect();
        assert!(ids.len() >= 2, "{}", db.label);
        let other_photo = photos_of(&db.db, other).await.unwrap()[0].id;

        let mut missing = ids.clone();
        missing.pop();
        let mut twice = ids.clone();
        twice[0] = ids[1];
        let mut foreign = ids.clone();
        foreign[0] = other_photo;
        let mut extra = ids.clone();
        extra.push(other_photo);
        for wrong in [missing, twice, foreign, extra, Vec::new()] {
            let outcome = reorder_photos(&db.db, Some(&admin), id, &wrong, saturday_morning()).await;
            assert!(matches!(outcome, Err(PhotoError::Conflict)), "{}: {wrong:?} gave {outcome:?}", db.label);
        }
        assert_eq!(photos_of(&db.db, id).await.unwrap().iter().map(|p| p.id).collect::<Vec<_>>(), ids, "{}", db.label);

        let version_before = version(&db).await;
        let later = saturday_morning() + Duration::minutes(5);
        let reversed: Vec<i32> = ids.iter().rev().copied().collect();
        reorder_photos(&db.db, Some(&admin), id, &reversed, later).await.unwrap();
        let stored = photos_of(&db.db, id).await.unwrap();
        assert_eq!(stored.iter().map(|p| p.id).collect::<Vec<_>>(), reversed, "{}", db.label);
        assert_eq!(stored.iter().map(|p| p.position).collect::<Vec<_>>(), (0..ids.len() as i32).collect::<Vec<_>>());
        assert!(version(&db).await > version_before, "{}", db.label);
        assert_eq!(updated_at(&db, id).await, later);

        // The page follows the new order; the same order again changes nothing.
        let page = profile(&db.db, Lang::Fr, &slug, later, "https://example.test").await.unwrap();
        assert_eq!(page.photos[0].url, format!("/media/{}", stored[0].file));
        let version_now = version(&db).await;
        reorder_photos(&db.db, Some(&admin), id, &reversed, later + Duration::minutes(1)).await.unwrap();
        assert_eq!(version(&db).await, version_now, "{}: no write for no change", db.label);
        assert!(matches!(reorder_photos(&db.db, Some(&admin), 999_999, &[], later).await, Err(PhotoError::NotFound)));
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn deleting_a_photo_removes_its_row_and_files_but_not_another_business_s() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let admin = admin(&db).await;
        let media = media_dir();
        let (id, _, _) = demo_business(&db, 5).await;
        let (other, _, _) = demo_business(&db, 6).await;
        let ids = add_photos(
            &db.db,
            &media,
            Some(&admin),
            id,
            vec![upload(jpeg(&picture(1000, 700), None), "Première"), upload(png(&picture(64, 40)), "Seconde")],
            saturday_morning(),
        )
        .await
        .unwrap();
        let other_photo = photos_of(&db.db, other).await.unwrap()[0].clone();

        // A photo of another business is not found, and nothing is deleted.
        let outcome = delete_photo(&db.db, &media, Some(&admin), id, other_photo.id, saturday_morning()).await;
        assert!(matches!(outcome, Err(PhotoError::NotFound)), "{}: {outcome:?}", db.label);
        assert!(business_photo::Entity::find_by_id(other_photo.id).one(&db.db).await.unwrap().is_some());
        assert!(matches!(
            delete_photo(&db.db, &media, Some(&admin), id, 999_999, saturday_morning()).await,
            Err(PhotoError::NotFound)
        ));

        let before = photos_of(&db.db, id).await.unwrap();
        let files_before = files_under(&media).len();
        assert_eq!(files_before, 2 + 1, "{}: 480 and 1000 for the first, 64 for the second", db.label);
        let version_before = version(&db).await;
        let later = saturday_morning() + Duration::minutes(7);
        delete_photo(&db.db, &media, Some(&admin), id, ids[0], later).await.unwrap();
        let after = photos_of(&db.db, id).await.unwrap();
        assert_eq!(after.len(), before.len() - 1, "{}", db.label);
        assert!(after.iter().all(|p| p.id != ids[0]));
        assert_eq!(after.iter().map(|p| p.position).collect::<Vec<_>>(), (0..after.len() as i32).collect::<Vec<_>>());
        assert_eq!(files_under(&media).len(), 1, "{}: the deleted photo's files are gone", db.label);
        assert!(version(&db).await > version_before, "{}", db.label);
        assert_eq!(updated_at(&db, id).await, later);

        // A demo SVG photo: its row goes, its file (shared by copies of the town) stays.
        let svg = after.iter().find(|p| p.file.ends_with(".svg")).expect("the demo business has an SVG").clone();
        let svg_file = media.join(&svg.file);
        std::fs::write(&svg_file, SVG).unwrap();
        delete_photo(&db.db, &media, Some(&admin), id, svg.id, later).await.unwrap();
        assert!(svg_file.exists());
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}

#[tokio::test]
async fn text_alternatives_are_checked_and_updated() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let admin = admin(&db).await;
        let (id, slug, _) = demo_business(&db, 7).await;
        let (other, _, _) = demo_business(&db, 8).await;
        let photo = photos_of(&db.db, id).await.unwrap()[0].clone();
        let other_photo = photos_of(&db.db, other).await.unwrap()[0].clone();

        let refused = update_alt(
            &db.db,
            Some(&admin),
            id,
            photo.id,
            AltTexts { fr: "".into(), nl: "x".repeat(251), en: "bell\u{7}".into() },
            saturday_morning(),
        )
        .await
        .unwrap_err();
        assert_eq!(
            problems_of(refused),
            vec![pair("alt_fr", "alt_required"), pair("alt_nl", "too_long"), pair("alt_en", "control_characters")]
        );
        let outcome = update_alt(&db.db, Some(&admin), id, other_photo.id, alt("Volée"), saturday_morning()).await;
        assert!(matches!(outcome, Err(PhotoError::NotFound)), "{}: {outcome:?}", db.label);
        let unchanged = business_photo::Entity::find_by_id(other_photo.id).one(&db.db).await.unwrap().unwrap();
        assert_eq!(unchanged.alt_fr, other_photo.alt_fr);

        let version_before = version(&db).await;
        let later = saturday_morning() + Duration::minutes(9);
        update_alt(
            &db.db,
            Some(&admin),
            id,
            photo.id,
            AltTexts { fr: " Les pralines ".into(), nl: String::new(), en: "Pralines".into() },
            later,
        )
        .await
        .unwrap();
        let stored = business_photo::Entity::find()
            .filter(business_photo::Column::Id.eq(photo.id))
            .one(&db.db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (stored.alt_fr.as_str(), stored.alt_nl.as_str(), stored.alt_en.as_str()),
            ("Les pralines", "", "Pralines")
        );
        assert!(version(&db).await > version_before, "{}", db.label);
        assert_eq!(updated_at(&db, id).await, later);
        let dutch = profile(&db.db, Lang::Nl, &slug, later, "https://example.test").await.unwrap();
        assert!(dutch.photos.iter().any(|p| p.alt == "Les pralines"), "{}: Dutch falls back to French", db.label);
    })
    .await;
}

#[tokio::test]
async fn photos_of_a_missing_business_are_not_found() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let admin = admin(&db).await;
        let media = media_dir();
        let outcome = add_photos(
            &db.db,
            &media,
            Some(&admin),
            999_999,
            vec![upload(png(&picture(64, 40)), "x")],
            saturday_morning(),
        )
        .await;
        assert!(matches!(outcome, Err(PhotoError::NotFound)), "{}: {outcome:?}", db.label);
        let outcome = add_photos(&db.db, &media, Some(&admin), 1, Vec::new(), saturday_morning()).await;
        assert_eq!(problems_of(outcome.unwrap_err()), vec![pair("photos", "photo_required")]);
        assert!(files_under(&media).is_empty());
    })
    .await;
}

#[tokio::test]
async fn only_the_business_s_people_change_its_photos_and_each_change_is_in_its_history() {
    on_every_backend(|db| async move {
        seeded(&db, saturday_morning()).await;
        let media = media_dir();
        let (id, _, _) = demo_business(&db, 9).await;
        let (other, _, _) = demo_business(&db, 10).await;
        let staff = person(&db, "vendeuse@example.be", false, Some((id, "staff"))).await;
        let stranger = person(&db, "voisin@example.be", false, Some((other, "owner"))).await;
        let photos_before = photos_of(&db.db, id).await.unwrap();
        let photo = photos_before[0].clone();
        let order: Vec<i32> = photos_before.iter().map(|p| p.id).collect();
        let reversed: Vec<i32> = order.iter().rev().copied().collect();
        let now = saturday_morning() + Duration::hours(1);

        // Nobody signed in, and the owner of another shop: refused by the domain, nothing changed,
        // nothing written in the history.
        for (actor, refusal) in [(None, "Unauthenticated"), (Some(&stranger), "Forbidden")] {
            let added = add_photos(&db.db, &media, actor, id, vec![upload(png(&picture(64, 40)), "x")], now).await;
            let moved = reorder_photos(&db.db, actor, id, &reversed, now).await;
            let described = update_alt(&db.db, actor, id, photo.id, alt("Volée"), now).await;
            let deleted = delete_photo(&db.db, &media, actor, id, photo.id, now).await;
            for outcome in [added.map(|_| ()), moved, described, deleted] {
                let error = outcome.expect_err("refused");
                assert_eq!(format!("{error:?}"), refusal, "{}", db.label);
            }
        }
        assert_eq!(photos_of(&db.db, id).await.unwrap(), photos_before, "{}", db.label);
        assert!(files_under(&media).is_empty(), "{}", db.label);
        assert!(history_of(&db, id).await.is_empty(), "{}", db.label);

        // Failed operations of someone allowed write no history either.
        let refused = add_photos(&db.db, &media, Some(&staff), id, vec![upload(SVG.to_vec(), "Un SVG")], now).await;
        assert!(matches!(refused, Err(PhotoError::Invalid(_))));
        let stale = reorder_photos(&db.db, Some(&staff), id, &reversed[1..], now).await;
        assert!(matches!(stale, Err(PhotoError::Conflict)));
        let blank = update_alt(&db.db, Some(&staff), id, photo.id, alt(" "), now).await;
        assert!(matches!(blank, Err(PhotoError::Invalid(_))));
        let missing = delete_photo(&db.db, &media, Some(&staff), id, 999_999, now).await;
        assert!(matches!(missing, Err(PhotoError::NotFound)));
        // The same order again changes nothing, and is no change in the history.
        reorder_photos(&db.db, Some(&staff), id, &order, now).await.unwrap();
        assert!(history_of(&db, id).await.is_empty(), "{}", db.label);

        // Each change by a member is in the history, in the order made, with who made it.
        let added = add_photos(&db.db, &media, Some(&staff), id, vec![upload(png(&picture(64, 40)), "Étal")], now)
            .await
            .unwrap();
        let mut new_order = order.clone();
        new_order.extend(&added);
        new_order.reverse();
        reorder_photos(&db.db, Some(&staff), id, &new_order, now).await.unwrap();
        update_alt(&db.db, Some(&staff), id, photo.id, alt("Les pralines"), now).await.unwrap();
        delete_photo(&db.db, &media, Some(&staff), id, added[0], now).await.unwrap();

        let history = history_of(&db, id).await;
        let actions: Vec<(&str, &str)> = history.iter().map(|(a, who, _)| (a.as_str(), who.as_str())).collect();
        assert_eq!(
            actions,
            vec![
                ("photos_added", "vendeuse@example.be"),
                ("photos_reordered", "vendeuse@example.be"),
                ("photo_alt_saved", "vendeuse@example.be"),
                ("photo_deleted", "vendeuse@example.be"),
            ],
            "{}",
            db.label
        );
        assert_eq!(history[0].2["photos"], serde_json::json!(added));
        assert_eq!(history[0].2["alt_fr"], serde_json::json!(["Étal"]));
        let mut before = order.clone();
        before.extend(&added);
        assert_eq!(history[1].2["order"], serde_json::json!({ "from": before, "to": new_order }));
        assert_eq!(history[2].2["alt_fr"], serde_json::json!({ "from": photo.alt_fr, "to": "Les pralines" }));
        assert_eq!(history[3].2, serde_json::json!({ "photo": added[0], "alt_fr": "Étal" }));
        // The owner reads it on the team page.
        let owner = person(&db, "patronne@example.be", false, Some((id, "owner"))).await;
        let read = domain::audit::history(&db.db, Some(&owner), id, 10).await.unwrap();
        assert_eq!(read.first().map(|e| e.action.as_str()), Some("photo_deleted"));
        let _ = std::fs::remove_dir_all(&media);
    })
    .await;
}
