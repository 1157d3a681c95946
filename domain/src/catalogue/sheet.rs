//! Product spreadsheets: reading an uploaded CSV or xlsx file into text rows,
//! recognising its columns, understanding stock and yes/no cells, and writing
//! the CSV export.
//!
//! This module only turns bytes into trimmed text cells with true line
//! numbers; it does not judge prices, barcodes or names (that is the
//! importer's job, with [`common::money`] and [`common::gtin`], so that it can
//! report every problem of every row at once in a dry run).
//!
//! What the merchant uploads is untrusted: every limit is checked while
//! reading, never after, and no input makes this module panic.
//!
//! * Size: at most [`MAX_BYTES`] in, [`MAX_ROWS`] data rows, [`MAX_COLUMNS`]
//!   columns (cells further right are dropped: the importer only uses
//!   recognised columns, and a product sheet never has 200 of them).
//! * CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode
//!   text"), or Windows-1252 (what Belgian Excel writes for "CSV (separator:
//!   semicolon)"). Delimiter sniffed from the header line; Excel's `sep=;`
//!   first line honoured.
//! * xlsx: detected by content (zip magic, then it must open as a workbook);
//!   the package is checked against zip bombs *before* calamine reads it,
//!   because calamine decompresses without any bound (PITFALLS §9). `.xls`,
//!   `.ods` and password-protected workbooks are refused as not a
//!   spreadsheet: the message asks for xlsx or CSV.
//! * Control characters inside cells (other than tab and line breaks) are
//!   kept as they are: reporting them per cell, with the row number, is the
//!   importer's job; silently dropping them here would hide the problem.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, Cursor, Read};
use std::panic::{self, AssertUnwindSafe};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Xlsx};

/// Largest upload accepted, in bytes (5 MiB): a 10 000-product CSV is ~1 MB.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Largest number of data rows (the header excluded), as Lightspeed's import.
pub const MAX_ROWS: usize = 10_000;
/// Cells right of this many columns are dropped (see the module docs).
pub const MAX_COLUMNS: usize = 200;

/// Zip-bomb bounds for an xlsx package, checked before calamine opens it.
#[derive(Debug, Clone, Copy)]
struct ZipLimits {
    /// Total uncompressed bytes of all entries, declared *and* actually
    /// inflated: zip headers can lie, so we inflate through a bound.
    max_total: u64,
    /// An xlsx has a dozen entries; thousands means something else.
    max_entries: usize,
    /// Declared uncompressed/compressed ratio refused for big entries. Sheet
    /// XML compresses 10–30×; a zeros bomb reaches 1000×.
    max_ratio: u64,
    /// Entries smaller than this are never refused for their ratio (a tiny
    /// repetitive styles.xml can compress very well and is harmless).
    ratio_floor: u64,
}

const XLSX_LIMITS: ZipLimits =
    ZipLimits { max_total: 50 * 1024 * 1024, max_entries: 1_000, max_ratio: 250, ratio_floor: 1024 * 1024 };

/// What [`read`] detected, to show the merchant ("read as CSV, `;`,
/// Windows-1252") and to help support.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv {
        delimiter: u8,
        /// "UTF-8", "UTF-8 (BOM)", "UTF-16LE", "UTF-16BE" or "Windows-1252".
        encoding: &'static str,
    },
    Xlsx,
}

/// One data row. `cells` are trimmed and have no trailing empty cells, so a
/// row may be shorter than the header: use [`Row::get`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line as the merchant sees it in Excel (header on line 1 when the file
    /// starts with it); blank lines skipped in between still count.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `index`, or "" when the row is shorter.
    pub fn get(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

/// A read file: its header row and its non-empty data rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    pub format: Format,
}

/// Why a whole file was refused. Each variant carries the numbers its message
/// needs; [`SheetProblem::key`] is translated by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetProblem {
    /// Over `max_bytes`, or an xlsx whose content inflates beyond 50 MB.
    TooLarge { max_bytes: usize },
    /// More than `max` data rows.
    TooManyRows { max: usize },
    /// No header, or a header and no data row.
    Empty,
    /// Binary content, another kind of zip, a corrupt or truncated xlsx, a
    /// zip bomb, .xls/.ods, a password-protected workbook.
    NotASpreadsheet,
    /// Text that is neither UTF-8/UTF-16 nor plausible Windows-1252.
    UnknownEncoding,
}

impl SheetProblem {
    /// Stable snake_case key for translations.
    pub fn key(&self) -> &'static str {
        match self {
            SheetProblem::TooLarge { .. } => "sheet_too_large",
            SheetProblem::TooManyRows { .. } => "sheet_too_many_rows",
            SheetProblem::Empty => "sheet_empty",
            SheetProblem::NotASpreadsheet => "sheet_not_a_spreadsheet",
            SheetProblem::UnknownEncoding => "sheet_unknown_encoding",
        }
    }
}

impl fmt::Display for SheetProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SheetProblem::TooLarge { max_bytes } => write!(f, "{} (max {max_bytes} bytes)", self.key()),
            SheetProblem::TooManyRows { max } => write!(f, "{} (max {max} rows)", self.key()),
            _ => f.write_str(self.key()),
        }
    }
}

impl std::error::Error for SheetProblem {}

// ---------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------

/// Reads an uploaded file (CSV or xlsx, detected by content, never by name).
pub fn read(bytes: &[u8]) -> Result<Sheet, SheetProblem> {
    if bytes.len() > MAX_BYTES {
        return Err(SheetProblem::TooLarge { max_bytes: MAX_BYTES });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return read_xlsx(bytes, &XLSX_LIMITS);
    }
    if is_known_binary(bytes) {
        return Err(SheetProblem::NotASpreadsheet);
    }
    let (text, encoding) = decode(bytes)?;
    read_csv(&text, encoding)
}

/// Magic numbers of files merchants upload by mistake (a PDF price list, a
/// photo, an old .xls). Text files cannot start with these bytes, and some of
/// them (a PDF header) would otherwise pass as one-column "CSV".
fn is_known_binary(bytes: &[u8]) -> bool {
    const MAGICS: [&[u8]; 12] = [
        b"%PDF",
        b"\x89PNG",
        b"\xFF\xD8\xFF", // JPEG
        b"GIF87a",
        b"GIF89a",
        b"\xD0\xCF\x11\xE0", // OLE: .xls, .doc, password-protected .xlsx
        b"\x1F\x8B",         // gzip
        b"Rar!",
        b"7z\xBC\xAF",
        b"{\\rtf",
        b"RIFF", // webp, wav
        b"\x7FELF",
    ];
    MAGICS.iter().any(|m| bytes.starts_with(m))
}

/// Decodes text bytes; see the module docs for the encodings tried, in order.
fn decode(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str), SheetProblem> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // A BOM announces UTF-8: if the rest is not, guessing another
        // encoding would be a coin toss.
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok((Cow::Borrowed(text), "UTF-8 (BOM)")),
            Err(_) => Err(SheetProblem::UnknownEncoding),
        };
    }
    for (bom, encoding, name) in
        [(b"\xFF\xFE", encoding_rs::UTF_16LE, "UTF-16LE"), (b"\xFE\xFF", encoding_rs::UTF_16BE, "UTF-16BE")]
    {
        if bytes.starts_with(bom) {
            let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
            if had_errors || text.contains('\0') {
                return Err(SheetProblem::UnknownEncoding);
            }
            return Ok((text, name));
        }
    }
    // NUL never occurs in a text spreadsheet in these encodings: binary.
    if bytes.contains(&0) {
        return Err(SheetProblem::NotASpreadsheet);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((Cow::Borrowed(text), "UTF-8"));
    }
    // Windows-1252 decodes any byte, so it would "succeed" on anything; only
    // use it when the bytes look like 1252 text: no C0 control characters
    // other than tab/LF/CR, none of the five bytes 1252 leaves undefined.
    let plausible = bytes.iter().all(|&b| {
        let control = b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r');
        let undefined = matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D);
        !control && !undefined
    });
    if !plausible {
        return Err(SheetProblem::UnknownEncoding);
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text, "Windows-1252"))
}

/// Excel understands a first line `sep=;` naming the delimiter; honour it and
/// count it as a line. Returns (delimiter, rest of the text, lines skipped).
fn split_sep_line(text: &str) -> (Option<u8>, &str, usize) {
    let (first, rest) = match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    };
    let first = first.trim_end_matches('\r');
    if let Some(sep) = first.strip_prefix("sep=").or_else(|| first.strip_prefix("SEP=")) {
        if let [b] = sep.as_bytes() {
            if matches!(b, b';' | b',' | b'\t' | b'|') {
                return (Some(*b), rest, 1);
            }
        }
    }
    (None, text, 0)
}

/// The delimiter is the most frequent of `;` `,` tab on the header line,
/// outside quotes (a header like `"Prix (€, TTC)"` must not vote). Ties go to
/// `;` (Belgian Excel's), then tab, then `,`. Leading blank lines are skipped.
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3]; // ; tab ,
    let mut in_quotes = false;
    let mut seen_content = false;
    for b in text.bytes() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                if seen_content {
                    break;
                }
                continue;
            }
            b';' if !in_quotes => counts[0] += 1,
            b'\t' if !in_quotes => counts[1] += 1,
            b',' if !in_quotes => counts[2] += 1,
            b' ' => continue,
            _ => {}
        }
        seen_content = true;
    }
    let candidates = [b';', b'\t', b','];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

fn read_csv(text: &str, encoding: &'static str) -> Result<Sheet, SheetProblem> {
    let (sep_hint, body, line_offset) = split_sep_line(text);
    let delimiter = sep_hint.unwrap_or_else(|| detect_delimiter(body));
    // "CSV (Macintosh)" from Excel for Mac ends lines with CR alone; the csv
    // crate splits on it, but [`LineCounter`] counts LFs, so line numbers
    // would all read 1. Turning lone CRs into LFs keeps them true.
    let body: Cow<'_, str> = if body.contains('\r') && !body.contains('\n') {
        Cow::Owned(body.replace('\r', "\n"))
    } else {
        Cow::Borrowed(body)
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(body.as_bytes());

    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter { text: body.as_bytes(), byte: 0, line: 1 };
    // Records are read one by one, so a 200 000-row file is refused after
    // 10 001 rows without building the rest.
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // The input is valid UTF-8 text in memory: the csv crate has no
            // I/O to fail on; this is only defensive.
            Err(_) => return Err(SheetProblem::NotASpreadsheet),
        }
        let cells = clean_cells(record.iter());
        if cells.is_empty() {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(SheetProblem::TooManyRows { max: MAX_ROWS });
        }
        let start = record.position().and_then(|p| usize::try_from(p.byte()).ok()).unwrap_or(0);
        let line = lines.line_at(start).saturating_add(line_offset);
        rows.push(Row { line, cells });
    }
    finish(headers, rows, Format::Csv { delimiter, encoding })
}

/// Line numbers from byte offsets. The csv crate's own `Position::line`
/// drifts with CRLF and blank lines (it counts from where it resumed reading,
/// before the previous terminator), so we count LFs ourselves, once, moving
/// forward only.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl LineCounter<'_> {
    /// The line on which the record that the csv crate says starts at `start`
    /// really begins: its offset may point at the end of the previous line or
    /// at blank lines before the record, so terminators are skipped first.
    fn line_at(&mut self, start: usize) -> usize {
        let mut end = start.min(self.text.len()).max(self.byte);
        while matches!(self.text.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        let newlines = self.text.get(self.byte..end).map_or(0, |s| s.iter().filter(|&&b| b == b'\n').count());
        self.line += newlines;
        self.byte = end;
        self.line
    }
}

fn finish(headers: Option<Vec<String>>, rows: Vec<Row>, format: Format) -> Result<Sheet, SheetProblem> {
    match headers {
        // A header and no data row (an unfilled template) is "empty" to the
        // merchant too: there is nothing to import.
        Some(headers) if !rows.is_empty() => Ok(Sheet { headers, rows, format }),
        _ => Err(SheetProblem::Empty),
    }
}

/// Trims and un-neutralises cells, keeps at most [`MAX_COLUMNS`], and drops
/// trailing empty cells; a row of only empty cells becomes an empty vector.
fn clean_cells<'a>(cells: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = cells.take(MAX_COLUMNS).map(clean_cell).collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Leading characters that make a spreadsheet run a cell as a formula
/// (OWASP "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

fn clean_cell(raw: &str) -> String {
    let cell = raw.trim();
    // Undo [`neutralise`]: one `'` is removed when one or more quotes are
    // followed by a formula character; that is exactly the set of cells
    // `neutralise` prefixed, so export → import gives back the same text.
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest.trim(),
        _ => cell,
    };
    cell.to_string()
}

// --- xlsx --------------------------------------------------------------------

fn read_xlsx(bytes: &[u8], limits: &ZipLimits) -> Result<Sheet, SheetProblem> {
    check_zip(bytes, limits)?;
    // calamine and zip are well fuzzed, but a panic in a third-party parser
    // on a merchant's file must become a refusal, not a crashed request.
    // (Only effective with panic = "unwind", the default.)
    match panic::catch_unwind(AssertUnwindSafe(|| read_checked_xlsx(bytes))) {
        Ok(result) => result,
        Err(_) => Err(SheetProblem::NotASpreadsheet),
    }
}

/// Zip-bomb defence (PITFALLS §9). First the declared sizes, which costs
/// nothing and stops an honest bomb at once; then every entry is actually
/// inflated into a sink through a `take` bound, because declared sizes can
/// lie. (zip 9.x also refuses to read past a declared size, but this bound
/// must not depend on which version of a transitive dependency we get.)
/// Calamine then inflates the same bytes, so what it can allocate is bounded
/// by `max_total`. The cost is inflating the package twice: milliseconds
/// for a real catalogue.
fn check_zip(bytes: &[u8], limits: &ZipLimits) -> Result<(), SheetProblem> {
    let too_large = SheetProblem::TooLarge { max_bytes: MAX_BYTES };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| SheetProblem::NotASpreadsheet)?;
    if archive.len() > limits.max_entries {
        return Err(SheetProblem::NotASpreadsheet);
    }
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| SheetProblem::NotASpreadsheet)?;
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        if size > limits.ratio_floor && size / packed > limits.max_ratio {
            return Err(SheetProblem::NotASpreadsheet);
        }
        declared = declared.saturating_add(size);
    }
    if declared > limits.max_total {
        return Err(too_large);
    }
    let mut inflated: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| SheetProblem::NotASpreadsheet)?;
        let budget = limits.max_total.saturating_sub(inflated).saturating_add(1);
        // An error here is a corrupt stream or a CRC mismatch: not a workbook.
        let n = io::copy(&mut (&mut entry).take(budget), &mut io::sink()).map_err(|_| SheetProblem::NotASpreadsheet)?;
        inflated = inflated.saturating_add(n);
        if inflated > limits.max_total {
            return Err(too_large);
        }
    }
    Ok(())
}

fn read_checked_xlsx(bytes: &[u8]) -> Result<Sheet, SheetProblem> {
    let not_sheet = |_| SheetProblem::NotASpreadsheet;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_sheet)?;
    // The first worksheet the merchant sees: skip chart sheets, and hidden
    // sheets unless every worksheet is hidden.
    let name = {
        let sheets = workbook.sheets_metadata();
        let worksheets = || sheets.iter().filter(|s| s.typ == SheetType::WorkSheet);
        worksheets()
            .find(|s| s.visible == SheetVisible::Visible)
            .or_else(|| worksheets().next())
            .map(|s| s.name.clone())
            .ok_or(SheetProblem::NotASpreadsheet)?
    };
    let mut cells = workbook.worksheet_cells_reader(&name).map_err(not_sheet)?;
    // Cells arrive one by one (streamed from the sheet XML), keyed here by
    // row; we never build calamine's dense Range, which allocates
    // rows × columns of the used area and can be made huge by a single cell
    // at XFD1048576.
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(cell) = cells.next_cell().map_err(not_sheet)? {
        let (row, col) = cell.get_position();
        let Ok(col) = usize::try_from(col) else { continue };
        if col >= MAX_COLUMNS {
            continue;
        }
        let text = clean_cell(&cell_text(cell.get_value()));
        if text.is_empty() {
            continue;
        }
        let cells_of_row = rows.entry(row).or_default();
        if cells_of_row.len() <= col {
            cells_of_row.resize(col + 1, String::new());
        }
        cells_of_row[col] = text;
        // Header + MAX_ROWS data rows; counted while streaming.
        if rows.len() > MAX_ROWS + 1 {
            return Err(SheetProblem::TooManyRows { max: MAX_ROWS });
        }
    }
    let mut rows = rows.into_iter();
    let headers = rows.next().map(|(_, cells)| cells);
    let rows = rows
        .map(|(row, cells)| Row {
            // calamine rows are 0-based; Excel shows row 0 as line 1.
            line: usize::try_from(row).unwrap_or(usize::MAX - 1).saturating_add(1),
            cells,
        })
        .collect();
    finish(headers, rows, Format::Xlsx)
}

/// A cell as text. Numbers are written with a decimal **comma** ("12,5"),
/// never a dot: a computed price such as 5,50 × 1,21 = 6.655 written with a
/// dot would read as "6.655" = 6 655 € under the Belgian thousands-dot rule
/// of [`common::money`]; with a comma it is refused as too many decimals.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => format_number(*f),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(dt) => {
            if dt.is_duration() {
                return format_number(dt.as_f64());
            }
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            let serial = dt.as_f64();
            let time = if s == 0 { format!("{h:02}:{mi:02}") } else { format!("{h:02}:{mi:02}:{s:02}") };
            if (0.0..1.0).contains(&serial) {
                time
            } else if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {time}")
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        // "#DIV/0!" and friends: nothing usable, the importer sees an empty cell.
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

/// Integers without ".0" (so a GTIN stored as a number reads back as its
/// digits); other numbers rounded to 15 significant digits as Excel displays
/// them (removing binary noise like 12.100000000000001), decimal comma.
fn format_number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        // Exact: |rounded| < 2^53 and integral.
        return format!("{}", rounded as i64);
    }
    format!("{rounded}").replace('.', ",")
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

/// Prefixes `'` to a cell a spreadsheet would run as a formula: one starting
/// with `=`, `+`, `-`, `@`, tab or CR, or with quotes followed by one of
/// those (so that [`read`], which removes one such `'`, gives back exactly the
/// original text). Prices are exported by [`common::money::format_euros`] and
/// are never negative, so no real number is altered in practice.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The export file: UTF-8 with BOM (so Excel does not read it as 1252), `;`
/// and CRLF as Belgian Excel expects, quoting only where needed, every cell
/// passed through [`neutralise`]. Short rows are padded to the header width
/// so the file opens as a neat grid.
pub fn write_csv(headers: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(&mut out);
        // Writing into a Vec cannot fail (no I/O, flexible rows), so the
        // results carry nothing to report.
        let _ = writer.write_record(headers.iter().map(|h| neutralise(h).into_owned()));
        for mut row in rows {
            if row.len() < headers.len() {
                row.resize(headers.len(), String::new());
            }
            let _ = writer.write_record(row.iter().map(|c| neutralise(c).into_owned()));
        }
        let _ = writer.flush();
    }
    out
}

// ---------------------------------------------------------------------------
// Column recognition
// ---------------------------------------------------------------------------

/// The columns the importer understands. `Name`/`Description` are in the
/// shop's own language; `…Nl`/`…En` are translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Name,
    NameNl,
    NameEn,
    Description,
    DescriptionNl,
    DescriptionEn,
    Price,
    Category,
    Gtin,
    Sku,
    /// A stock *state* column ("stock", "état", "voorraad", "availability").
    /// Its cells may be words or numbers: [`parse_stock`] reads both, so a
    /// "Stock" column holding counts still works.
    Stock,
    /// An explicit count ("quantité", "aantal", "qty").
    Quantity,
    Visible,
}

impl Column {
    /// Every column, in the order the mapping step offers them.
    pub const ALL: [Column; 13] = [
        Column::Name,
        Column::NameNl,
        Column::NameEn,
        Column::Description,
        Column::DescriptionNl,
        Column::DescriptionEn,
        Column::Price,
        Column::Category,
        Column::Gtin,
        Column::Sku,
        Column::Stock,
        Column::Quantity,
        Column::Visible,
    ];

    /// The column's code, in a mapping form and as stored with an upload.
    pub fn code(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::NameNl => "name_nl",
            Column::NameEn => "name_en",
            Column::Description => "description",
            Column::DescriptionNl => "description_nl",
            Column::DescriptionEn => "description_en",
            Column::Price => "price",
            Column::Category => "category",
            Column::Gtin => "gtin",
            Column::Sku => "sku",
            Column::Stock => "stock",
            Column::Quantity => "quantity",
            Column::Visible => "visible",
        }
    }

    /// The column a code names.
    pub fn from_code(code: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Lowercase, accents removed (precomposed and combining), every run of
/// non-alphanumeric characters turned into one space.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded: Option<&str> = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => Some("a"),
            'ç' => Some("c"),
            'è' | 'é' | 'ê' | 'ë' => Some("e"),
            'ì' | 'í' | 'î' | 'ï' => Some("i"),
            'ñ' => Some("n"),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => Some("o"),
            'ù' | 'ú' | 'û' | 'ü' => Some("u"),
            'ý' | 'ÿ' => Some("y"),
            'œ' => Some("oe"),
            'æ' => Some("ae"),
            'ß' => Some("ss"),
            _ => None,
        };
        // Combining accents (macOS writes "é" as e + U+0301) just vanish.
        if ('\u{0300}'..='\u{036F}').contains(&c) {
            continue;
        }
        if folded.is_none() && !c.is_alphanumeric() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match folded {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Fr,
    Nl,
    En,
}

fn language(token: &str) -> Option<Lang> {
    match token {
        "fr" | "fra" | "francais" | "frans" | "french" => Some(Lang::Fr),
        "nl" | "ned" | "nederlands" | "neerlandais" | "vlaams" | "dutch" => Some(Lang::Nl),
        "en" | "eng" | "english" | "anglais" | "engels" => Some(Lang::En),
        _ => None,
    }
}

/// The column a header names, in French, Dutch or English, ignoring case,
/// accents and punctuation (`Prix (€)`, `code-barres`, `name_en`, `Réf.`).
///
/// A trailing language marker (`nom (nl)`, `naam NL`, `name_en`, `description
/// en`) selects the translation columns; French selects the plain ones. On
/// other columns a marker is ignored (`Catégorie (FR)` is Category), and
/// [`map_columns`] keeps the first of several.
///
/// Prices excluding VAT (`prix HTVA`, `prijs excl. btw`) are deliberately not
/// recognised: the shop window shows consumer prices, and taking a price
/// without VAT for one would be a silent 21% error.
pub fn recognise(header: &str) -> Option<Column> {
    let norm = normalise(header);
    let tokens: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
    let (base, lang) = match tokens.split_last() {
        Some((last, rest)) if !rest.is_empty() => match language(last) {
            Some(lang) => (rest.join(" "), Some(lang)),
            None => (norm.clone(), None),
        },
        _ => (norm.clone(), None),
    };
    let column = base_column(&base)?;
    Some(match (column, lang) {
        (Column::Name, Some(Lang::Nl)) => Column::NameNl,
        (Column::Name, Some(Lang::En)) => Column::NameEn,
        (Column::Description, Some(Lang::Nl)) => Column::DescriptionNl,
        (Column::Description, Some(Lang::En)) => Column::DescriptionEn,
        (column, _) => column,
    })
}

fn base_column(base: &str) -> Option<Column> {
    Some(match base {
        "nom" | "nom du produit" | "nom produit" | "nom de produit" | "nom de l article" | "nom article"
        | "produit" | "article" | "libelle" | "designation" | "intitule" | "titre" | "naam" | "productnaam"
        | "product naam" | "naam product" | "artikel" | "artikelnaam" | "benaming" | "titel" | "name" | "product"
        | "product name" | "item" | "item name" | "title" => Column::Name,
        "description"
        | "descriptif"
        | "description du produit"
        | "description longue"
        | "desc"
        | "details"
        | "beschrijving"
        | "omschrijving"
        | "productbeschrijving"
        | "product description"
        | "long description" => Column::Description,
        "prix" | "prix ttc" | "prix tvac" | "prix tvc" | "prix de vente" | "prix de vente ttc" | "prix unitaire"
        | "prix unitaire ttc" | "pv" | "pvp" | "tarif" | "prix eur" | "prix euro" | "prix euros" | "prix en euros"
        | "prijs" | "verkoopprijs" | "prijs incl btw" | "prijs btw incl" | "prijs incl" | "eenheidsprijs"
        | "prijs eur" | "prijs euro" | "price" | "unit price" | "retail price" | "sale price" | "price eur"
        | "price incl vat" | "price inc vat" => Column::Price,
        "categorie" | "categories" | "category" | "rubrique" | "rayon" | "famille" | "rubriek" | "productcategorie"
        | "productgroep" | "product category" | "department" => Column::Category,
        "gtin" | "gtin13" | "gtin 13" | "gtin14" | "gtin 14" | "gtin8" | "ean" | "ean13" | "ean 13" | "ean8"
        | "ean 8" | "code ean" | "ean code" | "code barre" | "code barres" | "codebarre" | "codebarres" | "barcode"
        | "bar code" | "streepjescode" | "barcodenummer" | "upc" => Column::Gtin,
        "sku" | "reference" | "ref" | "reference article" | "ref article" | "reference produit" | "code article"
        | "code produit" | "artikelnummer" | "artikelnr" | "artikel nr" | "art nr" | "artnr" | "referentie"
        | "productcode" | "product code" | "item code" | "item number" | "article number" => Column::Sku,
        "stock" | "en stock" | "etat" | "etat du stock" | "etat stock" | "disponibilite" | "dispo" | "voorraad"
        | "beschikbaarheid" | "voorraadstatus" | "availability" | "stock status" | "in stock" => Column::Stock,
        "quantite" | "qte" | "quantite en stock" | "qte en stock" | "qte stock" | "nombre" | "aantal"
        | "hoeveelheid" | "aantal op voorraad" | "aantal in voorraad" | "quantity" | "qty" | "stock quantity"
        | "quantity in stock" => Column::Quantity,
        "visible" | "visible en ligne" | "visible online" | "affiche" | "afficher" | "publie" | "en ligne"
        | "zichtbaar" | "tonen" | "online" | "gepubliceerd" | "published" | "publish" | "show" => Column::Visible,
        _ => return None,
    })
}

/// Recognises every header. When two headers name the same column, the first
/// (left-most) wins and the later one is left unmapped (`None`), so a value is
/// never taken from two places; the importer can list unmapped headers in the
/// dry run so the merchant sees which one was used.
pub fn map_columns(headers: &[String]) -> Vec<Option<Column>> {
    let mut taken: Vec<Column> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let column = recognise(h).filter(|c| !taken.contains(c))?;
            taken.push(column);
            Some(column)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Cell vocabularies
// ---------------------------------------------------------------------------

/// A stock cell's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockCell {
    InStock,
    OutOfStock,
    /// "In the window: ask the shop" (one piece on display, or on request).
    Window,
    /// A count; 0 means out of stock, which the importer decides.
    Quantity(u32),
}

/// A cell the vocabularies did not understand; [`CellProblem::key`] is
/// translated by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellProblem {
    StockNotUnderstood,
    YesNoNotUnderstood,
}

impl CellProblem {
    pub fn key(&self) -> &'static str {
        match self {
            CellProblem::StockNotUnderstood => "stock_not_understood",
            CellProblem::YesNoNotUnderstood => "yes_no_not_understood",
        }
    }
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::error::Error for CellProblem {}

/// Ticks that normalise to nothing but plainly mean "yes".
fn is_tick(text: &str) -> bool {
    matches!(text, "✓" | "✔" | "✅" | "☑")
}

/// Reads a stock cell: FR/NL/EN words or a non-negative whole number.
/// `Ok(None)` for an empty cell: the importer leaves the stock unchanged.
/// A negative or fractional number is refused rather than rounded.
pub fn parse_stock(text: &str) -> Result<Option<StockCell>, CellProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if is_tick(text) {
        return Ok(Some(StockCell::InStock));
    }
    if let Some(n) = whole_number(text) {
        return Ok(Some(StockCell::Quantity(n)));
    }
    let cell = match normalise(text).as_str() {
        "en stock" | "stock" | "disponible" | "dispo" | "oui" | "vrai" | "in stock" | "available" | "yes" | "true"
        | "op voorraad" | "in voorraad" | "beschikbaar" | "voorradig" | "leverbaar" | "ja" | "waar" | "x" => {
            StockCell::InStock
        }
        "epuise"
        | "epuisee"
        | "epuises"
        | "rupture"
        | "rupture de stock"
        | "en rupture"
        | "en rupture de stock"
        | "indisponible"
        | "non disponible"
        | "pas en stock"
        | "plus en stock"
        | "non"
        | "faux"
        | "out of stock"
        | "sold out"
        | "unavailable"
        | "no"
        | "false"
        | "uitverkocht"
        | "niet op voorraad"
        | "niet beschikbaar"
        | "niet voorradig"
        | "niet leverbaar"
        | "nee"
        | "onwaar" => StockCell::OutOfStock,
        "vitrine" | "en vitrine" | "etalage" | "en etalage" | "a l etalage" | "in etalage" | "in de etalage"
        | "window" | "in window" | "in the window" | "shop window" | "sur demande" | "demander" | "demandez"
        | "op aanvraag" | "op vraag" | "on request" | "ask" | "ask in shop" => StockCell::Window,
        _ => return Err(CellProblem::StockNotUnderstood),
    };
    Ok(Some(cell))
}

/// "12", and also "12,00" / "12.0" as Excel formats counts; nothing negative,
/// fractional or beyond u32.
fn whole_number(text: &str) -> Option<u32> {
    let int = match text.split_once([',', '.']) {
        Some((int, frac)) if !frac.is_empty() && frac.bytes().all(|b| b == b'0') => int,
        Some(_) => return None,
        None => text,
    };
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    int.parse().ok()
}

/// Reads a yes/no cell (oui/non, ja/nee, yes/no, 1/0, true/false, vrai/faux,
/// waar/onwaar as Dutch Excel shows booleans, x or a tick for yes, and the
/// visibility words visible/caché…). `Ok(None)` for an empty cell: leave the
/// field unchanged.
pub fn parse_yes_no(text: &str) -> Result<Option<bool>, CellProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if is_tick(text) {
        return Ok(Some(true));
    }
    match normalise(text).as_str() {
        "oui" | "ja" | "yes" | "1" | "true" | "vrai" | "waar" | "x" | "visible" | "zichtbaar" | "affiche"
        | "publie" | "published" | "en ligne" | "online" => Ok(Some(true)),
        "non" | "nee" | "no" | "0" | "false" | "faux" | "onwaar" | "cache" | "masque" | "invisible" | "hidden"
        | "verborgen" | "onzichtbaar" | "niet zichtbaar" | "hors ligne" | "offline" => Ok(Some(false)),
        _ => Err(CellProblem::YesNoNotUnderstood),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use common::money::{format_euros, parse_euros, PriceProblem};
    use std::io::Write;
    use std::time::{Duration, Instant};

    fn csv(text: &str) -> Sheet {
        read(text.as_bytes()).unwrap_or_else(|e| panic!("{e:?} for {text:?}"))
    }

    fn cells(sheet: &Sheet) -> Vec<Vec<&str>> {
        sheet.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect()
    }

    fn lines(sheet: &Sheet) -> Vec<usize> {
        sheet.rows.iter().map(|r| r.line).collect()
    }

    // --- encodings ---------------------------------------------------------

    #[test]
    fn utf8_semicolons() {
        let s = csv("Nom;Prix;Stock\nPâté;12,50;épuisé\n");
        assert_eq!(s.headers, ["Nom", "Prix", "Stock"]);
        assert_eq!(cells(&s), [["Pâté", "12,50", "épuisé"]]);
        assert_eq!(lines(&s), [2]);
        assert_eq!(s.format, Format::Csv { delimiter: b';', encoding: "UTF-8" });
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let s = read("\u{FEFF}Nom;Prix\r\nCafé;3,20\r\n".as_bytes()).unwrap();
        assert_eq!(s.headers, ["Nom", "Prix"]);
        assert_eq!(cells(&s), [["Café", "3,20"]]);
        assert_eq!(s.format, Format::Csv { delimiter: b';', encoding: "UTF-8 (BOM)" });
        assert_eq!(read(b"\xEF\xBB\xBFNom;Prix\n\xE9;1\n"), Err(SheetProblem::UnknownEncoding));
    }

    #[test]
    fn windows_1252_as_belgian_excel_saves() {
        let text = "Nom;Prix;Stock\r\nPâté;12,50;épuisé\r\nCafé spécial;3,20 €;oui\r\nŒuf “bio”;0,45;x\r\n";
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err(), "the test must really be 1252");
        let s = read(&bytes).unwrap();
        assert_eq!(s.format, Format::Csv { delimiter: b';', encoding: "Windows-1252" });
        assert_eq!(
            cells(&s),
            [vec!["Pâté", "12,50", "épuisé"], vec!["Café spécial", "3,20 €", "oui"], vec!["Œuf “bio”", "0,45", "x"]]
        );
        assert_eq!(parse_euros(s.rows[1].get(1)), Ok(Some(320)));
        assert_eq!(parse_stock(s.rows[0].get(2)), Ok(Some(StockCell::OutOfStock)));
        assert_eq!(lines(&s), [2, 3, 4]);
    }

    #[test]
    fn windows_1252_implausible_bytes_are_refused() {
        // 0x81 and 0x9D are undefined in Windows-1252.
        assert_eq!(read(b"Nom;Prix\nP\x81t\xe9;1\n"), Err(SheetProblem::UnknownEncoding));
        assert_eq!(read(b"Nom;Prix\nP\x9dt\xe9;1\n"), Err(SheetProblem::UnknownEncoding));
        // A C0 control character next to a non-UTF-8 byte: not 1252 text.
        assert_eq!(read(b"Nom;Prix\nP\x01t\xe9;1\n"), Err(SheetProblem::UnknownEncoding));
    }

    #[test]
    fn utf16_with_bom_excel_unicode_text() {
        let text = "Nom\tPrix\r\nPâté\t12,50\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let s = read(&le).unwrap();
        assert_eq!(s.format, Format::Csv { delimiter: b'\t', encoding: "UTF-16LE" });
        assert_eq!(cells(&s), [["Pâté", "12,50"]]);
        let s = read(&be).unwrap();
        assert_eq!(s.format, Format::Csv { delimiter: b'\t', encoding: "UTF-16BE" });
        assert_eq!(cells(&s), [["Pâté", "12,50"]]);
        // An odd trailing byte is a broken UTF-16 file.
        le.push(0x41);
        assert_eq!(read(&le), Err(SheetProblem::UnknownEncoding));
    }

    #[test]
    fn control_characters_in_utf8_cells_are_kept() {
        let s = csv("Nom;Prix\nA\u{1}B;1\nC\u{7}\u{1b}D;2\n");
        assert_eq!(cells(&s), [["A\u{1}B", "1"], ["C\u{7}\u{1b}D", "2"]]);
    }

    // --- delimiters and structure -----------------------------------------

    #[test]
    fn delimiter_detection() {
        let s = csv("Name,Price\nTea,3.50\n");
        assert_eq!(s.format, Format::Csv { delimiter: b',', encoding: "UTF-8" });
        assert_eq!(cells(&s), [["Tea", "3.50"]]);

        let s = csv("Name\tPrice\tStock\nTea\t3,50\toui\n");
        assert_eq!(s.format, Format::Csv { delimiter: b'\t', encoding: "UTF-8" });
        assert_eq!(cells(&s), [["Tea", "3,50", "oui"]]);

        // Tie: semicolon wins (Belgian Excel).
        let s = csv("Nom;Prix (€, TTC)\nPain;2,10\n");
        assert_eq!(s.format, Format::Csv { delimiter: b';', encoding: "UTF-8" });
        assert_eq!(cells(&s), [["Pain", "2,10"]]);

        // Delimiters inside quotes do not vote.
        let s = csv("\"Prix, TTC\";\"Nom, produit\";Stock\n1;a;b\n");
        assert_eq!(s.format, Format::Csv { delimiter: b';', encoding: "UTF-8" });
        let s = csv("Name,\"Prix;TTC;€\",Stock\na,1,b\n");
        assert_eq!(s.format, Format::Csv { delimiter: b',', encoding: "UTF-8" });
        assert_eq!(s.headers, ["Name", "Prix;TTC;€", "Stock"]);

        // The header line decides, even if data lines have more commas.
        let s = csv("Nom;Description\nTarte;pommes, poires, prunes\n");
        assert_eq!(cells(&s), [["Tarte", "pommes, poires, prunes"]]);

        // Blank lines before the header are skipped by the sniffer too.
        let s = csv("\n\r\n  \nName,Price\nTea,3\n");
        assert_eq!(s.format, Format::Csv { delimiter: b',', encoding: "UTF-8" });
        assert_eq!(lines(&s), [5]);

        // A single column: no delimiter at all.
        let s = csv("Nom\nPain\n");
        assert_eq!(cells(&s), [["Pain"]]);
    }

    #[test]
    fn excel_sep_line() {
        let s = csv("sep=,\r\nNom,Prix\r\nA;B,1\r\n");
        assert_eq!(s.format, Format::Csv { delimiter: b',', encoding: "UTF-8" });
        assert_eq!(s.headers, ["Nom", "Prix"]);
        assert_eq!(cells(&s), [["A;B", "1"]]);
        assert_eq!(lines(&s), [3]);
    }

    #[test]
    fn quoted_multiline_cells_doubled_quotes_and_delimiters() {
        let s = csv(
            "Nom;Description;Prix\n\"Tarte\";\"Ligne 1\nLigne 2; avec \"\"guillemets\"\"\";4,50\nPain;\"Bon\r\npain\";2\nFin;x;1\n",
        );
        assert_eq!(
            cells(&s),
            [
                vec!["Tarte", "Ligne 1\nLigne 2; avec \"guillemets\"", "4,50"],
                vec!["Pain", "Bon\r\npain", "2"],
                vec!["Fin", "x", "1"],
            ]
        );
        // Lines as Excel would number them: a multi-line cell takes lines.
        assert_eq!(lines(&s), [2, 4, 6]);
    }

    #[test]
    fn blank_rows_are_skipped_but_line_numbers_stay_true() {
        let s = csv("\n\nNom;Prix\n\nA;1\n;;\n  ;  \nB;2\n");
        assert_eq!(s.headers, ["Nom", "Prix"]);
        assert_eq!(cells(&s), [["A", "1"], ["B", "2"]]);
        assert_eq!(lines(&s), [5, 8]);
    }

    #[test]
    fn line_numbers_with_crlf_blank_lines_and_leading_empty_cells() {
        let s = csv("\r\nNom;Prix\r\n\r\n;1\r\n\r\n\r\n\"a\r\nb\";2\r\n  \r\n;;3\r\nz\r\n");
        assert_eq!(cells(&s), [vec!["", "1"], vec!["a\r\nb", "2"], vec!["", "", "3"], vec!["z"]]);
        assert_eq!(lines(&s), [4, 7, 10, 11]);
    }

    #[test]
    fn cells_are_trimmed_and_rows_are_flexible() {
        let s = csv("Nom ; Prix ;;\n  A  ;\u{00A0}1\u{202F};;\nB\nC;3;extra;more\n");
        assert_eq!(s.headers, ["Nom", "Prix"]);
        assert_eq!(cells(&s), [vec!["A", "1"], vec!["B"], vec!["C", "3", "extra", "more"]]);
        assert_eq!(s.rows[1].get(1), "");
        assert_eq!(s.rows[1].get(99), "");
    }

    #[test]
    fn line_endings() {
        for text in ["Nom;Prix\rA;1\rB;2\r", "Nom;Prix\r\nA;1\r\nB;2\r\n", "Nom;Prix\nA;1\nB;2"] {
            let s = csv(text);
            assert_eq!(cells(&s), [["A", "1"], ["B", "2"]], "{text:?}");
            assert_eq!(lines(&s), [2, 3], "{text:?}");
        }
    }

    #[test]
    fn unbalanced_quotes_do_not_panic() {
        let s = csv("Nom;Prix\n\"Tarte;1\nPain;2\n");
        assert_eq!(s.rows.len(), 1);
        let s = csv("Nom;Prix\nTar\"te;1\n");
        assert_eq!(cells(&s), [["Tar\"te", "1"]]);
    }

    #[test]
    fn too_many_columns_are_dropped() {
        let header: Vec<String> = (0..MAX_COLUMNS + 50).map(|i| format!("c{i}")).collect();
        let text = format!("{}\n{}\n", header.join(";"), header.join(";"));
        let s = csv(&text);
        assert_eq!(s.headers.len(), MAX_COLUMNS);
        assert_eq!(s.rows[0].cells.len(), MAX_COLUMNS);
    }

    #[test]
    fn empty_files() {
        for bytes in [
            &b""[..],
            b"   \n\n\r\n",
            b"\xEF\xBB\xBF",
            b"\xEF\xBB\xBF\r\n",
            b";;;\n;;\n",
            b"Nom;Prix\n",
            b"Nom;Prix\n;;\n\n",
            b"sep=;\n",
        ] {
            assert_eq!(read(bytes), Err(SheetProblem::Empty), "{bytes:?}");
        }
    }

    // --- limits ------------------------------------------------------------

    #[test]
    fn over_max_bytes_is_refused() {
        let big = vec![b'a'; 6 * 1024 * 1024];
        assert_eq!(read(&big), Err(SheetProblem::TooLarge { max_bytes: MAX_BYTES }));
        let just_over = vec![b'a'; MAX_BYTES + 1];
        assert_eq!(read(&just_over), Err(SheetProblem::TooLarge { max_bytes: MAX_BYTES }));
    }

    fn rows_csv(n: usize) -> String {
        let mut text = String::from("Nom;Prix\r\n");
        for i in 0..n {
            text.push_str(&format!("Produit {i};12,50\r\n"));
        }
        text
    }

    #[test]
    fn max_rows_is_accepted_one_more_is_refused() {
        let s = read(rows_csv(MAX_ROWS).as_bytes()).unwrap();
        assert_eq!(s.rows.len(), MAX_ROWS);
        assert_eq!(s.rows.last().map(|r| r.line), Some(MAX_ROWS + 1));
        assert_eq!(read(rows_csv(MAX_ROWS + 1).as_bytes()), Err(SheetProblem::TooManyRows { max: MAX_ROWS }));
    }

    #[test]
    fn two_hundred_thousand_rows_are_refused_quickly() {
        let text = rows_csv(200_000);
        assert!(text.len() < MAX_BYTES);
        let start = Instant::now();
        assert_eq!(read(text.as_bytes()), Err(SheetProblem::TooManyRows { max: MAX_ROWS }));
        // Generous for a debug build on a busy machine; it takes milliseconds.
        assert!(start.elapsed() < Duration::from_secs(10), "{:?}", start.elapsed());
    }

    // --- not spreadsheets --------------------------------------------------

    fn random_bytes(len: usize, mut seed: u64) -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect()
    }

    #[test]
    fn binary_files_are_refused() {
        for seed in 1..20 {
            let bytes = random_bytes(4096, seed);
            assert_eq!(read(&bytes), Err(SheetProblem::NotASpreadsheet), "seed {seed}");
        }
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
        assert_eq!(read(png), Err(SheetProblem::NotASpreadsheet));
        // A PDF header alone is printable ASCII: the magic number catches it.
        assert_eq!(read(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"), Err(SheetProblem::NotASpreadsheet));
        assert_eq!(read(b"\xFF\xD8\xFF\xE0\x00\x10JFIF"), Err(SheetProblem::NotASpreadsheet));
        assert_eq!(read(b"GIF89a\x01\x00"), Err(SheetProblem::NotASpreadsheet));
        // Old .xls / password-protected xlsx (OLE compound file).
        assert_eq!(read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"), Err(SheetProblem::NotASpreadsheet));
        // Text with a NUL byte.
        assert_eq!(read(b"Nom;Prix\nA\x00;1\n"), Err(SheetProblem::NotASpreadsheet));
        // UTF-16 without BOM is full of NULs.
        let utf16: Vec<u8> = "Nom;Prix\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(read(&utf16), Err(SheetProblem::NotASpreadsheet));
    }

    #[test]
    fn random_bytes_never_panic() {
        for seed in 1..200u64 {
            let mut bytes = random_bytes(512 + seed as usize, seed);
            let _ = read(&bytes);
            bytes.retain(|&b| b != 0);
            let _ = read(&bytes);
            let mut zipish = b"PK\x03\x04".to_vec();
            zipish.extend(&bytes);
            assert_eq!(read(&zipish), Err(SheetProblem::NotASpreadsheet));
        }
    }

    fn plain_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn other_zips_are_not_spreadsheets() {
        let zip = plain_zip(&[("hello.txt", b"Nom;Prix\nA;1\n")]);
        assert_eq!(read(&zip), Err(SheetProblem::NotASpreadsheet));
        let empty = plain_zip(&[]);
        assert!(empty.starts_with(b"PK\x05\x06"));
        assert_eq!(read(&empty), Err(SheetProblem::NotASpreadsheet));
        // An OpenDocument spreadsheet is a zip too; we ask for xlsx or CSV.
        let ods =
            plain_zip(&[("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]);
        assert_eq!(read(&ods), Err(SheetProblem::NotASpreadsheet));
    }

    #[test]
    fn zip_with_thousands_of_entries_is_refused() {
        let names: Vec<String> = (0..1_001).map(|i| format!("f{i}.xml")).collect();
        let files: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"<a/>"[..])).collect();
        assert_eq!(read(&plain_zip(&files)), Err(SheetProblem::NotASpreadsheet));
    }

    // --- zip bombs -----------------------------------------------------------

    /// A raw deflate stream inflating to `len` zero bytes, written by hand
    /// with fixed Huffman codes (one literal 0, then matches of length 258 at
    /// distance 1, 13 bits each): ~160× smaller than its output and made in
    /// milliseconds, where compressing 200 MB in a debug build takes long.
    fn deflate_zeros(len: u64) -> Vec<u8> {
        struct Bits {
            out: Vec<u8>,
            acc: u64,
            n: u32,
        }
        impl Bits {
            /// Deflate packs fields LSB first…
            fn put(&mut self, value: u64, count: u32) {
                self.acc |= value << self.n;
                self.n += count;
                while self.n >= 8 {
                    self.out.push(self.acc as u8);
                    self.acc >>= 8;
                    self.n -= 8;
                }
            }
            /// …but Huffman codes MSB first.
            fn code(&mut self, code: u64, len: u32) {
                let reversed = (0..len).fold(0, |r, i| (r << 1) | ((code >> i) & 1));
                self.put(reversed, len);
            }
        }
        let mut bits = Bits { out: Vec::new(), acc: 0, n: 0 };
        bits.put(1, 1); // BFINAL
        bits.put(1, 2); // BTYPE = 01, fixed Huffman
        bits.code(0x30, 8); // literal 0
        for _ in 0..(len - 1) / 258 {
            bits.code(0xC5, 8); // length symbol 285 = 258 bytes
            bits.code(0, 5); // distance symbol 0 = distance 1
        }
        for _ in 0..(len - 1) % 258 {
            bits.code(0x30, 8);
        }
        bits.code(0, 7); // end of block (256)
        bits.put(0, 7); // flush the last partial byte
        bits.out
    }

    /// A one-entry zip around an already deflated stream, with whatever
    /// uncompressed size we choose to declare (honest or lying).
    fn zip_with_deflated(name: &str, deflated: &[u8], crc: u32, declared: u32) -> Vec<u8> {
        let mut z = Vec::new();
        let name = name.as_bytes();
        let compressed = deflated.len() as u32;
        // Local file header.
        z.extend(0x04034b50u32.to_le_bytes());
        z.extend([20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0]); // version, flags, deflate, time, date
        z.extend(crc.to_le_bytes());
        z.extend(compressed.to_le_bytes());
        z.extend(declared.to_le_bytes());
        z.extend((name.len() as u16).to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z.extend(name);
        z.extend(deflated);
        let cd_start = z.len() as u32;
        // Central directory entry.
        z.extend(0x02014b50u32.to_le_bytes());
        z.extend([20, 0, 20, 0, 0, 0, 8, 0, 0, 0, 0x21, 0]);
        z.extend(crc.to_le_bytes());
        z.extend(compressed.to_le_bytes());
        z.extend(declared.to_le_bytes());
        z.extend((name.len() as u16).to_le_bytes());
        z.extend([0; 12]); // extra, comment, disk, internal attr, external attr
        z.extend(0u32.to_le_bytes()); // local header offset
        z.extend(name);
        let cd_len = z.len() as u32 - cd_start;
        // End of central directory.
        z.extend(0x06054b50u32.to_le_bytes());
        z.extend([0, 0, 0, 0, 1, 0, 1, 0]);
        z.extend(cd_len.to_le_bytes());
        z.extend(cd_start.to_le_bytes());
        z.extend(0u16.to_le_bytes());
        z
    }

    #[test]
    fn hand_made_deflate_is_valid() {
        // Check the helpers on a small size through the zip crate, with the
        // right CRC, so the bomb tests below test what they claim.
        let len = 100_000u64;
        let crc = {
            // CRC-32 (IEEE) of `len` zero bytes, bit by bit: small enough here.
            let mut c: u32 = 0xFFFF_FFFF;
            for _ in 0..len * 8 {
                c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
            }
            !c
        };
        let zip = zip_with_deflated("a.bin", &deflate_zeros(len), crc, len as u32);
        let mut archive = zip::ZipArchive::new(Cursor::new(&zip[..])).unwrap();
        let mut data = Vec::new();
        archive.by_index(0).unwrap().read_to_end(&mut data).unwrap();
        assert_eq!(data.len() as u64, len);
        assert!(data.iter().all(|&b| b == 0));
        assert!(check_zip(&zip, &XLSX_LIMITS).is_ok());
    }

    fn is_refusal(result: &Result<Sheet, SheetProblem>) -> bool {
        matches!(result, Err(SheetProblem::NotASpreadsheet | SheetProblem::TooLarge { .. }))
    }

    #[test]
    fn zip_bomb_with_honest_sizes_is_refused_before_inflating() {
        let len = 200 * 1024 * 1024;
        let deflated = deflate_zeros(len);
        assert!(deflated.len() < MAX_BYTES);
        let bomb = zip_with_deflated("xl/worksheets/sheet1.xml", &deflated, 0, len as u32);
        let start = Instant::now();
        let result = read(&bomb);
        assert!(is_refusal(&result), "{result:?}");
        // Refused on the declared sizes: no inflating at all.
        assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    }

    #[test]
    fn zip_bomb_built_with_the_zip_crate_is_refused() {
        // A zeros bomb as a zip library writes it (ratio ~1000:1). 20 MB keeps
        // the debug-build compression short; its ratio alone refuses it.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let chunk = vec![0u8; 1024 * 1024];
        for _ in 0..20 {
            zip.write_all(&chunk).unwrap();
        }
        let bomb = zip.finish().unwrap().into_inner();
        let start = Instant::now();
        assert_eq!(read(&bomb), Err(SheetProblem::NotASpreadsheet));
        assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    }

    #[test]
    fn zip_bomb_with_lying_sizes_is_stopped_while_inflating() {
        // Declares 1000 bytes, inflates to 200 MB.
        let deflated = deflate_zeros(200 * 1024 * 1024);
        let bomb = zip_with_deflated("xl/worksheets/sheet1.xml", &deflated, 0, 1000);
        // zip 9.x itself stops reading past the declared size (an error, so
        // NotASpreadsheet); our own `take` bound (TooLarge) covers versions
        // and paths without that check. Either way nothing is allocated.
        let small = ZipLimits { max_total: 1024 * 1024, ..XLSX_LIMITS };
        let refused = |r: Result<(), SheetProblem>| {
            matches!(r, Err(SheetProblem::NotASpreadsheet | SheetProblem::TooLarge { .. }))
        };
        assert!(refused(check_zip(&bomb, &small)));
        assert!(refused(check_zip(&bomb, &XLSX_LIMITS)));
        let start = Instant::now();
        let result = read(&bomb);
        assert!(is_refusal(&result), "{result:?}");
        assert!(start.elapsed() < Duration::from_secs(5), "{:?}", start.elapsed());
    }

    // --- xlsx ----------------------------------------------------------------

    use rust_xlsxwriter::{ExcelDateTime, Format as XFormat, Formula, Workbook};

    fn sample_xlsx() -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        let date = XFormat::new().set_num_format("yyyy-mm-dd");
        let datetime = XFormat::new().set_num_format("yyyy-mm-dd hh:mm");
        for (col, h) in ["Nom", "Prix", "Date", "Total", "EAN", "Actif", "Calcul"].iter().enumerate() {
            ws.write_string(0, col as u16, *h).unwrap();
        }
        ws.write_string(1, 0, "Pâté de campagne").unwrap();
        ws.write_number(1, 1, 12.5).unwrap();
        ws.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2024, 3, 1).unwrap(), &date).unwrap();
        ws.write_formula(1, 3, Formula::new("=B2*2").set_result("25")).unwrap();
        ws.write_number(1, 4, 5449000000996.0).unwrap();
        ws.write_boolean(1, 5, true).unwrap();
        ws.write_formula(1, 6, Formula::new("=A2&\" maison\"").set_result("Pâté de campagne maison")).unwrap();
        // Row 3 (index 2) left empty: skipped, but line numbers stay true.
        ws.write_string(3, 0, "  Café; \"spécial\"  ").unwrap();
        ws.write_number(3, 1, 3.0).unwrap();
        let dt = ExcelDateTime::from_ymd(2024, 12, 31).unwrap().and_hms(14, 30, 0).unwrap();
        ws.write_datetime_with_format(3, 2, dt, &datetime).unwrap();
        ws.write_formula(3, 3, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
        ws.write_number(3, 4, 12.100000000000001).unwrap();
        ws.write_formula(3, 6, Formula::new("=5.5*1.21").set_result("6.655")).unwrap();
        ws.write_string(4, 0, "'=SUM(A1)").unwrap();
        wb.save_to_buffer().unwrap()
    }

    #[test]
    fn xlsx_cells_become_text() {
        let s = read(&sample_xlsx()).unwrap();
        assert_eq!(s.format, Format::Xlsx);
        assert_eq!(s.headers, ["Nom", "Prix", "Date", "Total", "EAN", "Actif", "Calcul"]);
        assert_eq!(
            cells(&s),
            [
                vec![
                    "Pâté de campagne",
                    "12,5",
                    "2024-03-01",
                    "25",
                    "5449000000996",
                    "TRUE",
                    "Pâté de campagne maison"
                ],
                vec!["Café; \"spécial\"", "3", "2024-12-31 14:30", "", "12,1", "", "6,655"],
                vec!["=SUM(A1)"],
            ]
        );
        assert_eq!(lines(&s), [2, 4, 5]);
        // The numbers read back as the importer will parse them.
        assert_eq!(parse_euros(s.rows[0].get(1)), Ok(Some(1250)));
        assert_eq!(parse_euros(s.rows[1].get(4)), Ok(Some(1210)));
        // A computed price with 3 decimals is refused, not read as 6 655 €.
        assert_eq!(parse_euros(s.rows[1].get(6)), Err(PriceProblem::TooManyDecimals));
        assert!(common::gtin::Gtin::parse(s.rows[0].get(4)).is_ok());
        assert_eq!(parse_yes_no(s.rows[0].get(5)), Ok(Some(true)));
    }

    #[test]
    fn xlsx_first_visible_worksheet_is_read() {
        let mut wb = Workbook::new();
        wb.add_worksheet().set_name("Caché").unwrap().set_hidden(true).write_string(0, 0, "Hidden").unwrap();
        // Excel cannot hide the active sheet, so the visible one is active.
        let ws = wb.add_worksheet().set_active(true);
        ws.write_string(0, 0, "Nom").unwrap();
        ws.write_string(1, 0, "Visible").unwrap();
        wb.add_worksheet().write_string(0, 0, "Third").unwrap();
        let s = read(&wb.save_to_buffer().unwrap()).unwrap();
        assert_eq!(s.headers, ["Nom"]);
        assert_eq!(cells(&s), [["Visible"]]);
    }

    #[test]
    fn xlsx_far_away_cells_do_not_allocate_a_grid() {
        // A cell at the last row and column of Excel: a dense grid would be
        // 17 billion cells; the streamed reader keeps only what is there.
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "Nom").unwrap();
        ws.write_string(0, 1, "Prix").unwrap();
        ws.write_string(1, 0, "A").unwrap();
        ws.write_string(1_048_575, 16_383, "far").unwrap();
        ws.write_string(1_048_575, 1, "9").unwrap();
        let s = read(&wb.save_to_buffer().unwrap()).unwrap();
        assert_eq!(cells(&s), [vec!["A"], vec!["", "9"]]);
        assert_eq!(lines(&s), [2, 1_048_576]);
    }

    #[test]
    fn xlsx_empty_and_header_only() {
        let mut wb = Workbook::new();
        wb.add_worksheet();
        assert_eq!(read(&wb.save_to_buffer().unwrap()), Err(SheetProblem::Empty));
        let mut wb = Workbook::new();
        wb.add_worksheet().write_string(0, 0, "Nom").unwrap();
        assert_eq!(read(&wb.save_to_buffer().unwrap()), Err(SheetProblem::Empty));
    }

    #[test]
    fn xlsx_too_many_rows() {
        let build = |n: u32| {
            let mut wb = Workbook::new();
            let ws = wb.add_worksheet();
            ws.write_string(0, 0, "Nom").unwrap();
            for r in 1..=n {
                ws.write_number(r, 0, f64::from(r)).unwrap();
            }
            wb.save_to_buffer().unwrap()
        };
        let s = read(&build(MAX_ROWS as u32)).unwrap();
        assert_eq!(s.rows.len(), MAX_ROWS);
        assert_eq!(read(&build(MAX_ROWS as u32 + 1)), Err(SheetProblem::TooManyRows { max: MAX_ROWS }));
    }

    #[test]
    fn truncated_or_damaged_xlsx_is_refused_without_panic() {
        let good = sample_xlsx();
        for cut in (0..good.len()).step_by(97) {
            let result = read(&good[..cut]);
            assert!(result.is_err(), "cut at {cut} of {}", good.len());
        }
        assert_eq!(read(&good[..good.len() / 2]), Err(SheetProblem::NotASpreadsheet));
        // Flipped bytes anywhere: an error or (in bytes nobody reads) a
        // sheet, never a panic.
        for pos in (0..good.len()).step_by(53) {
            let mut bad = good.clone();
            bad[pos] ^= 0x5A;
            let _ = read(&bad);
        }
    }

    // --- export --------------------------------------------------------------

    #[test]
    fn neutralise_formula_starts() {
        for (cell, want) in [
            ("=SUM(A1)", "'=SUM(A1)"),
            ("+32 2 123 45 67", "'+32 2 123 45 67"),
            ("-5%", "'-5%"),
            ("@home", "'@home"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("''-x", "'''-x"),
        ] {
            assert_eq!(neutralise(cell), want);
        }
        for cell in ["Pâté", "12,50", "'tis", "a=b", "", "'", " =x"] {
            assert!(matches!(neutralise(cell), Cow::Borrowed(c) if c == cell), "{cell:?}");
        }
    }

    #[test]
    fn export_format() {
        let out = write_csv(&["Nom", "Prix"], vec![vec!["Pain; gris".into(), "2,10".into()], vec!["Tarte".into()]]);
        assert!(out.starts_with(b"\xEF\xBB\xBF"));
        let text = std::str::from_utf8(&out[3..]).unwrap();
        assert_eq!(text, "Nom;Prix\r\n\"Pain; gris\";2,10\r\nTarte;\r\n");
    }

    #[test]
    fn export_then_import_round_trips() {
        let headers = ["Nom", "Description", "Prix", "Téléphone", "Remise"];
        let rows: Vec<Vec<String>> = vec![
            vec![
                "Pâté « maison »".into(),
                "Porc; poivre\nSans \"gluten\"".into(),
                format_euros(1250, true),
                "+32 2 123 45 67".into(),
                "-5%".into(),
            ],
            vec!["=SUM(A1)".into(), "@home".into(), format_euros(123450, true), "'=déjà".into(), "'tis".into()],
            vec!["Œuf".into(), "Ligne 1\r\nLigne 2".into(), format_euros(5, true), "-".into(), "=1+1".into()],
            vec!["Seul".into()],
        ];
        let out = write_csv(&headers, rows.clone());
        // No cell in the file starts with a formula character.
        let text = std::str::from_utf8(&out[3..]).unwrap();
        for line in text.split("\r\n") {
            for cell in line.split(';') {
                let cell = cell.trim_start_matches('"');
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?} in {line:?}");
            }
        }
        let s = read(&out).unwrap();
        assert_eq!(s.format, Format::Csv { delimiter: b';', encoding: "UTF-8 (BOM)" });
        assert_eq!(s.headers, headers);
        let got: Vec<Vec<String>> = s.rows.iter().map(|r| r.cells.clone()).collect();
        assert_eq!(got, rows);
        assert_eq!(parse_euros(s.rows[1].get(2)), Ok(Some(123450)));
        assert_eq!(lines(&s), [2, 4, 5, 7]);
    }

    // --- columns -------------------------------------------------------------

    #[test]
    fn recognises_headers_in_three_languages() {
        use Column::*;
        let cases: &[(&str, Column)] = &[
            ("Nom", Name),
            ("NOM DU PRODUIT", Name),
            ("produit", Name),
            ("Naam", Name),
            ("Productnaam", Name),
            ("name", Name),
            ("Product", Name),
            ("Product Name", Name),
            ("product_name", Name),
            ("Title", Name),
            ("Désignation", Name),
            ("Nom (NL)", NameNl),
            ("naam NL", NameNl),
            ("Nom - néerlandais", NameNl),
            ("name_en", NameEn),
            ("Name (English)", NameEn),
            ("Nom FR", Name),
            ("Description", Description),
            ("description en", DescriptionEn),
            ("Omschrijving NL", DescriptionNl),
            ("Beschrijving", Description),
            ("Prix", Price),
            ("prix TTC", Price),
            ("Prix (€)", Price),
            ("Prix TVAC €", Price),
            ("prix_en_euros", Price),
            ("Prijs", Price),
            ("Prijs incl. btw", Price),
            ("Price", Price),
            ("Catégorie", Category),
            ("categorie", Category),
            ("Rubriek", Category),
            ("Category", Category),
            ("Catégorie (FR)", Category),
            ("gtin", Gtin),
            ("EAN", Gtin),
            ("EAN13", Gtin),
            ("EAN-13", Gtin),
            ("code-barres", Gtin),
            ("Code barre", Gtin),
            ("Barcode", Gtin),
            ("Streepjescode", Gtin),
            ("SKU", Sku),
            ("Référence", Sku),
            ("ref", Sku),
            ("Réf.", Sku),
            ("Artikelnummer", Sku),
            ("Referentie", Sku),
            ("Stock", Stock),
            ("État", Stock),
            ("Voorraad", Stock),
            ("Availability", Stock),
            ("Disponibilité", Stock),
            ("En stock ?", Stock),
            ("Quantité", Quantity),
            ("Qté", Quantity),
            ("Aantal", Quantity),
            ("Quantity", Quantity),
            ("qty", Quantity),
            ("Visible", Visible),
            ("Zichtbaar", Visible),
            ("Affiché", Visible),
            ("published", Visible),
            ("  Nom*  ", Name),
            ("Cate\u{0301}gorie", Category),
            ("PRIX\u{00A0}:", Price),
        ];
        for (header, want) in cases {
            assert_eq!(recognise(header), Some(*want), "{header:?}");
        }
    }

    #[test]
    fn unrecognised_headers() {
        for header in [
            "",
            "  ",
            "Prix HTVA",
            "prix HT",
            "Prijs excl. btw",
            "price excl vat",
            "Couleur",
            "Poids",
            "nl",
            "en",
            "€",
            "Remarque",
            "✓",
        ] {
            assert_eq!(recognise(header), None, "{header:?}");
        }
    }

    #[test]
    fn map_columns_first_wins() {
        let headers: Vec<String> =
            ["Nom", "Prix", "Naam", "prix TTC", "Remarque", "EAN", "Stock", "Quantité", "Name NL", "naam (nl)"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        use Column::*;
        assert_eq!(
            map_columns(&headers),
            [Some(Name), Some(Price), None, None, None, Some(Gtin), Some(Stock), Some(Quantity), Some(NameNl), None]
        );
    }

    // --- cell vocabularies ---------------------------------------------------

    #[test]
    fn stock_words_and_numbers() {
        use StockCell::*;
        for (text, want) in [
            ("en stock", InStock),
            ("En Stock", InStock),
            ("disponible", InStock),
            ("oui", InStock),
            ("op voorraad", InStock),
            ("in stock", InStock),
            ("In Stock", InStock),
            ("✓", InStock),
            ("TRUE", InStock),
            ("épuisé", OutOfStock),
            ("Épuisée", OutOfStock),
            ("EPUISE", OutOfStock),
            ("rupture", OutOfStock),
            ("rupture de stock", OutOfStock),
            ("non", OutOfStock),
            ("uitverkocht", OutOfStock),
            ("out of stock", OutOfStock),
            ("Out-of-stock", OutOfStock),
            ("sold out", OutOfStock),
            ("vitrine", Window),
            ("En vitrine", Window),
            ("etalage", Window),
            ("In de etalage", Window),
            ("window", Window),
            ("sur demande", Window),
            ("op aanvraag", Window),
            ("0", Quantity(0)),
            ("12", Quantity(12)),
            (" 12 ", Quantity(12)),
            ("12,00", Quantity(12)),
            ("4294967295", Quantity(u32::MAX)),
        ] {
            assert_eq!(parse_stock(text), Ok(Some(want)), "{text:?}");
        }
        assert_eq!(parse_stock(""), Ok(None));
        assert_eq!(parse_stock("  "), Ok(None));
        for text in ["-3", "2,5", "1.5", "4294967296", "12 pièces", "peut-être", "+3", "1e3", ",0", "12,", "½"] {
            assert_eq!(parse_stock(text), Err(CellProblem::StockNotUnderstood), "{text:?}");
        }
        assert_eq!(CellProblem::StockNotUnderstood.key(), "stock_not_understood");
    }

    #[test]
    fn yes_no_words() {
        for text in [
            "oui", "Oui", "ja", "JA", "yes", "1", "true", "TRUE", "vrai", "VRAI", "waar", "x", "X", "✔", "visible",
            "Affiché",
        ] {
            assert_eq!(parse_yes_no(text), Ok(Some(true)), "{text:?}");
        }
        for text in ["non", "NON", "nee", "no", "0", "false", "FALSE", "faux", "onwaar", "caché", "verborgen", "hidden"]
        {
            assert_eq!(parse_yes_no(text), Ok(Some(false)), "{text:?}");
        }
        assert_eq!(parse_yes_no(""), Ok(None));
        assert_eq!(parse_yes_no(" \t"), Ok(None));
        for text in ["peut-être", "2", "oui non", "-"] {
            assert_eq!(parse_yes_no(text), Err(CellProblem::YesNoNotUnderstood), "{text:?}");
        }
        assert_eq!(CellProblem::YesNoNotUnderstood.key(), "yes_no_not_understood");
    }

    #[test]
    fn problem_keys() {
        assert_eq!(SheetProblem::TooLarge { max_bytes: MAX_BYTES }.key(), "sheet_too_large");
        assert_eq!(SheetProblem::TooManyRows { max: MAX_ROWS }.key(), "sheet_too_many_rows");
        assert_eq!(SheetProblem::Empty.key(), "sheet_empty");
        assert_eq!(SheetProblem::NotASpreadsheet.key(), "sheet_not_a_spreadsheet");
        assert_eq!(SheetProblem::UnknownEncoding.key(), "sheet_unknown_encoding");
        assert_eq!(SheetProblem::TooManyRows { max: 10 }.to_string(), "sheet_too_many_rows (max 10 rows)");
    }
}
