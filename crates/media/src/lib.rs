//! The media store: images kept in one folder under the SHA-256 of their bytes.
//!
//! For every image it keeps the original as `<hash>.<ext>` and WebP copies
//! `<hash>-<w>.webp` for each of [`WIDTHS`] (never upscaled: an original narrower than `w`
//! is copied at its own size, so every URL a page may ask for exists). Names are derived
//! from the content, so storing the same bytes twice does nothing, a file never changes
//! under its name (it may be cached forever), and two products sharing a picture share
//! its files. Files are written to a temporary name and renamed, so a reader never sees a
//! half-written image.
//!
//! The work is CPU-bound (decode, resize, encode): call [`MediaStore::put`] from a blocking
//! context, or [`MediaStore::put_owned`] from async code.

use image::{imageops::FilterType, DynamicImage, ImageDecoder, ImageFormat, ImageReader};
use sha2::{Digest, Sha256};
use std::{
    collections::HashMap,
    fs,
    io::{self, Cursor, Write},
    path::{Path, PathBuf},
    sync::atomic::{AtomicU64, Ordering},
    sync::{Arc, Mutex, OnceLock, Weak},
};

/// Widths of the WebP copies, in pixels. The catalog's `IMAGE_WIDTHS` must be the same
/// list: pages build `srcset`s from it.
pub const WIDTHS: [u32; 3] = [200, 400, 800];

/// The formats the store accepts as originals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    Png,
    Jpeg,
    Webp,
    Gif,
}

impl ImageKind {
    pub const ALL: [ImageKind; 4] = [
        ImageKind::Png,
        ImageKind::Jpeg,
        ImageKind::Webp,
        ImageKind::Gif,
    ];

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Webp => "webp",
            ImageKind::Gif => "gif",
        }
    }

    pub fn from_extension(ext: &str) -> Option<ImageKind> {
        ImageKind::ALL.into_iter().find(|k| k.extension() == ext)
    }

    fn from_format(format: ImageFormat) -> Option<ImageKind> {
        match format {
            ImageFormat::Png => Some(ImageKind::Png),
            ImageFormat::Jpeg => Some(ImageKind::Jpeg),
            ImageFormat::WebP => Some(ImageKind::Webp),
            ImageFormat::Gif => Some(ImageKind::Gif),
            _ => None,
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            ImageKind::Png => ImageFormat::Png,
            ImageKind::Jpeg => ImageFormat::Jpeg,
            ImageKind::Webp => ImageFormat::WebP,
            ImageKind::Gif => ImageFormat::Gif,
        }
    }
}

/// What the store knows of an image it holds (or would hold: see [`MediaStore::inspect`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredImage {
    /// SHA-256 of the original's bytes, lower-case hex.
    pub hash: String,
    pub kind: ImageKind,
    /// As displayed, after the EXIF orientation of a photo is applied.
    pub width: u32,
    pub height: u32,
}

impl StoredImage {
    pub fn extension(&self) -> &'static str {
        self.kind.extension()
    }

    /// `<hash>.<ext>`: the original's file name in the store.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.hash, self.extension())
    }

    /// The site-relative URL of the original (the store is served under `/media`).
    pub fn url(&self) -> String {
        format!("/media/{}", self.file_name())
    }
}

/// Bounds on what the store accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_width: u32,
    pub max_height: u32,
}

impl Default for Limits {
    /// 10 MiB and 8000 × 8000 pixels: far above any product photo, far below what would
    /// let one upload exhaust memory when decoded (8000² RGBA is 256 MB).
    fn default() -> Self {
        Limits {
            max_bytes: 10 * 1024 * 1024,
            max_width: 8000,
            max_height: 8000,
        }
    }
}

/// Why the store refuses an image: a fault of the file, not of the store.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    #[error("not an image (PNG, JPEG, WebP or GIF expected)")]
    NotAnImage,
    #[error("{0} images are not accepted (PNG, JPEG, WebP or GIF expected)")]
    Unsupported(String),
    #[error("the file is {bytes} bytes; at most {max} are accepted")]
    TooLarge { bytes: usize, max: usize },
    #[error("the image is {width}×{height} pixels; at most {max_width}×{max_height} are accepted")]
    TooManyPixels {
        width: u32,
        height: u32,
        max_width: u32,
        max_height: u32,
    },
    #[error("the image cannot be decoded: {0}")]
    Corrupt(String),
}

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error(transparent)]
    Rejected(#[from] Rejection),
    #[error("media store {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("cannot encode a WebP copy: {0}")]
    Encode(String),
    #[error("the image worker stopped: {0}")]
    Worker(String),
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> MediaError + '_ {
    move |source| MediaError::Io {
        path: path.to_path_buf(),
        source,
    }
}

#[derive(Debug, Clone)]
pub struct MediaStore {
    dir: PathBuf,
    limits: Limits,
}

impl MediaStore {
    /// A store in `dir` (created on the first write) with the default [`Limits`].
    pub fn new(dir: impl Into<PathBuf>) -> MediaStore {
        MediaStore::with_limits(dir, Limits::default())
    }

    pub fn with_limits(dir: impl Into<PathBuf>, limits: Limits) -> MediaStore {
        MediaStore {
            dir: dir.into(),
            limits,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Checks `bytes` exactly as [`put`](Self::put) does (type, size, dimensions, a full
    /// decode) and says what would be stored, writing nothing: for dry runs.
    pub fn inspect(&self, bytes: &[u8]) -> Result<StoredImage, MediaError> {
        let probe = self.probe(bytes)?;
        // Held already: it was decoded when it was stored (re-seeding stays cheap).
        if !self.holds(&probe) {
            self.decode(bytes, probe.kind)?;
        }
        Ok(probe)
    }

    /// Whether the original and every copy of `image` are in the store.
    fn holds(&self, image: &StoredImage) -> bool {
        self.dir.join(image.file_name()).exists()
            && WIDTHS
                .iter()
                .all(|&w| self.dir.join(copy_name(&image.hash, w)).exists())
    }

    /// Stores the image and its WebP copies (or finds them already stored).
    pub fn put(&self, bytes: &[u8]) -> Result<StoredImage, MediaError> {
        let stored = self.probe(bytes)?;
        // Two threads storing the same picture (parallel seeds in tests, two imports)
        // take turns: the second finds the files and skips the encoding.
        let turn = turn_for(&stored.hash);
        let _turn = turn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Same name, same bytes: whatever is there already is this image.
        if self.holds(&stored) {
            return Ok(stored);
        }
        let original = self.dir.join(stored.file_name());
        let copies: Vec<(u32, PathBuf)> = WIDTHS
            .iter()
            .map(|&w| (w, self.dir.join(copy_name(&stored.hash, w))))
            .collect();
        let image = self.decode(bytes, stored.kind)?;
        fs::create_dir_all(&self.dir).map_err(io_error(&self.dir))?;
        for (width, path) in &copies {
            if path.exists() {
                continue;
            }
            let copy = if image.width() > *width {
                let height = scaled_height(image.width(), image.height(), *width);
                image.resize_exact(*width, height, FilterType::Lanczos3)
            } else {
                image.clone()
            };
            write_atomically(path, &encode_webp(&copy)?)?;
        }
        // The original goes last: its presence means the copies are there too.
        if !original.exists() {
            write_atomically(&original, bytes)?;
        }
        Ok(stored)
    }

    /// [`put`](Self::put) on a blocking thread, for async callers.
    pub async fn put_owned(&self, bytes: Vec<u8>) -> Result<StoredImage, MediaError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.put(&bytes))
            .await
            .map_err(|e| MediaError::Worker(e.to_string()))?
    }

    /// [`inspect`](Self::inspect) on a blocking thread, for async callers.
    pub async fn inspect_owned(&self, bytes: Vec<u8>) -> Result<StoredImage, MediaError> {
        let store = self.clone();
        tokio::task::spawn_blocking(move || store.inspect(&bytes))
            .await
            .map_err(|e| MediaError::Worker(e.to_string()))?
    }

    /// Where the original of `hash` is, if the store holds it. `hash` must be 64
    /// lower-case hex digits, so no caller can steer this outside the store.
    pub fn path_of_original(&self, hash: &str) -> Option<PathBuf> {
        if !is_hash(hash) {
            return None;
        }
        ImageKind::ALL
            .into_iter()
            .map(|kind| self.dir.join(format!("{hash}.{}", kind.extension())))
            .find(|path| path.is_file())
    }

    /// Size limit, type sniffed from the content, hash, and the dimensions from the header.
    fn probe(&self, bytes: &[u8]) -> Result<StoredImage, MediaError> {
        if bytes.len() > self.limits.max_bytes {
            return Err(Rejection::TooLarge {
                bytes: bytes.len(),
                max: self.limits.max_bytes,
            }
            .into());
        }
        // The content decides, never a file name or a client's Content-Type.
        let format = image::guess_format(bytes).map_err(|_| Rejection::NotAnImage)?;
        let kind = ImageKind::from_format(format)
            .ok_or_else(|| Rejection::Unsupported(format!("{format:?}")))?;
        let mut decoder = self.decoder(bytes, kind)?;
        let (width, height) = decoder.dimensions();
        let rotated = decoder
            .orientation()
            .map(|o| {
                use image::metadata::Orientation::*;
                matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
            })
            .unwrap_or(false);
        let (width, height) = if rotated {
            (height, width)
        } else {
            (width, height)
        };
        if width == 0 || height == 0 {
            return Err(Rejection::Corrupt("the image has no pixels".into()).into());
        }
        if width > self.limits.max_width || height > self.limits.max_height {
            return Err(Rejection::TooManyPixels {
                width,
                height,
                max_width: self.limits.max_width,
                max_height: self.limits.max_height,
            }
            .into());
        }
        Ok(StoredImage {
            hash: format!("{:x}", Sha256::digest(bytes)),
            kind,
            width,
            height,
        })
    }

    fn decoder<'a>(
        &self,
        bytes: &'a [u8],
        kind: ImageKind,
    ) -> Result<impl ImageDecoder + 'a, MediaError> {
        // The image crate's default limits cap allocation (512 MiB) while decoding; our own
        // dimension limits are checked on the header, before anything is decoded.
        ImageReader::with_format(Cursor::new(bytes), kind.format())
            .into_decoder()
            .map_err(|e| Rejection::Corrupt(e.to_string()).into())
    }

    /// The whole picture, turned upright.
    fn decode(&self, bytes: &[u8], kind: ImageKind) -> Result<DynamicImage, MediaError> {
        let mut decoder = self.decoder(bytes, kind)?;
        let orientation = decoder.orientation().ok();
        let mut image =
            DynamicImage::from_decoder(decoder).map_err(|e| Rejection::Corrupt(e.to_string()))?;
        if let Some(orientation) = orientation {
            image.apply_orientation(orientation);
        }
        Ok(image)
    }
}

/// A lock per picture being stored in this process, dropped from the table once unused.
fn turn_for(hash: &str) -> Arc<Mutex<()>> {
    static TURNS: OnceLock<Mutex<HashMap<String, Weak<Mutex<()>>>>> = OnceLock::new();
    let mut turns = TURNS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    turns.retain(|_, turn| turn.strong_count() > 0);
    if let Some(turn) = turns.get(hash).and_then(Weak::upgrade) {
        return turn;
    }
    let turn = Arc::new(Mutex::new(()));
    turns.insert(hash.to_string(), Arc::downgrade(&turn));
    turn
}

fn copy_name(hash: &str, width: u32) -> String {
    format!("{hash}-{width}.webp")
}

fn is_hash(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The height that keeps the aspect ratio at `new_width`, rounded, at least 1.
fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let scaled =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width);
    scaled.clamp(1, u64::from(u32::MAX)) as u32
}

/// The image crate's WebP encoder is lossless: larger files than a lossy encoder would
/// make, but pure Rust and exact. It takes 8-bit (grey or colour, with or without alpha).
fn encode_webp(image: &DynamicImage) -> Result<Vec<u8>, MediaError> {
    let eight_bit = if image.color().has_alpha() {
        DynamicImage::ImageRgba8(image.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.to_rgb8())
    };
    let mut out = Vec::new();
    eight_bit
        .write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(&mut out))
        .map_err(|e| MediaError::Encode(e.to_string()))?;
    Ok(out)
}

/// Writes beside the target under a name no other writer uses, then renames over it:
/// readers (and a concurrent writer of the same image) see the whole file or none.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), MediaError> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io_error(path))
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageBuffer, Rgb, Rgba};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let buffer = ImageBuffer::from_fn(width, height, |x, y| {
            Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        let image = match format {
            // The WebP encoder wants 8-bit; GIF wants RGBA.
            ImageFormat::Gif => {
                DynamicImage::ImageRgba8(DynamicImage::ImageRgb8(buffer).to_rgba8())
            }
            _ => DynamicImage::ImageRgb8(buffer),
        };
        let mut out = Cursor::new(Vec::new());
        image.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    fn store() -> (tempfile::TempDir, MediaStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = MediaStore::new(dir.path().join("media"));
        (dir, store)
    }

    fn webp_size(path: &Path) -> (u32, u32) {
        let bytes = fs::read(path).unwrap();
        assert_eq!(image::guess_format(&bytes).unwrap(), ImageFormat::WebP);
        let image = image::load_from_memory(&bytes).unwrap();
        (image.width(), image.height())
    }

    #[test]
    fn sniffs_the_type_from_the_content() {
        let (_dir, store) = store();
        for (format, kind) in [
            (ImageFormat::Png, ImageKind::Png),
            (ImageFormat::Jpeg, ImageKind::Jpeg),
            (ImageFormat::WebP, ImageKind::Webp),
            (ImageFormat::Gif, ImageKind::Gif),
        ] {
            let stored = store.inspect(&encoded(30, 20, format)).unwrap();
            assert_eq!(stored.kind, kind);
            assert_eq!((stored.width, stored.height), (30, 20));
            assert_eq!(stored.hash.len(), 64);
            assert_eq!(
                stored.url(),
                format!("/media/{}.{}", stored.hash, kind.extension())
            );
        }
    }

    #[test]
    fn refuses_what_is_not_an_accepted_image() {
        let (_dir, store) = store();
        let rejection = |bytes: &[u8]| match store.put(bytes) {
            Err(MediaError::Rejected(r)) => r,
            other => panic!("{other:?}"),
        };
        assert_eq!(rejection(b"hello, not an image"), Rejection::NotAnImage);
        assert_eq!(rejection(b""), Rejection::NotAnImage);
        // A BMP signature: an image, but not one the shop serves.
        assert!(matches!(
            rejection(b"BM\0\0\0\0\0\0\0\0\0\0\0\0\0\0"),
            Rejection::Unsupported(_)
        ));
        // A PNG signature with nothing after it.
        let mut truncated = encoded(50, 50, ImageFormat::Png);
        truncated.truncate(40);
        assert!(matches!(rejection(&truncated), Rejection::Corrupt(_)));
        assert!(!store.dir().exists(), "a refused image writes nothing");
    }

    #[test]
    fn refuses_files_and_pictures_over_the_limits() {
        let dir = tempfile::tempdir().unwrap();
        let png = encoded(120, 60, ImageFormat::Png);
        let small_files = MediaStore::with_limits(
            dir.path(),
            Limits {
                max_bytes: png.len() - 1,
                ..Limits::default()
            },
        );
        assert!(matches!(
            small_files.put(&png),
            Err(MediaError::Rejected(Rejection::TooLarge { .. }))
        ));
        let small_pictures = MediaStore::with_limits(
            dir.path(),
            Limits {
                max_width: 100,
                max_height: 100,
                ..Limits::default()
            },
        );
        assert!(matches!(
            small_pictures.put(&png),
            Err(MediaError::Rejected(Rejection::TooManyPixels {
                width: 120,
                height: 60,
                ..
            }))
        ));
    }

    #[test]
    fn stores_the_original_and_copies_that_never_upscale() {
        let (_dir, store) = store();
        let png = encoded(500, 250, ImageFormat::Png);
        let stored = store.put(&png).unwrap();
        let original = store.path_of_original(&stored.hash).unwrap();
        assert_eq!(original, store.dir().join(format!("{}.png", stored.hash)));
        assert_eq!(
            fs::read(&original).unwrap(),
            png,
            "the original is kept as it was"
        );
        let copy = |w: u32| store.dir().join(copy_name(&stored.hash, w));
        assert_eq!(webp_size(&copy(200)), (200, 100));
        assert_eq!(webp_size(&copy(400)), (400, 200));
        // Narrower than 800: copied at its own size, not blown up.
        assert_eq!(webp_size(&copy(800)), (500, 250));
        // Nothing else: no temporary files left behind.
        assert_eq!(fs::read_dir(store.dir()).unwrap().count(), 4);
    }

    #[test]
    fn keeps_alpha_in_the_copies() {
        let (_dir, store) = store();
        let image = DynamicImage::ImageRgba8(ImageBuffer::from_pixel(10, 10, Rgba([1, 2, 3, 0])));
        let mut png = Cursor::new(Vec::new());
        image.write_to(&mut png, ImageFormat::Png).unwrap();
        let stored = store.put(png.get_ref()).unwrap();
        let copy = fs::read(store.dir().join(copy_name(&stored.hash, 200))).unwrap();
        let decoded = image::load_from_memory(&copy).unwrap();
        assert!(decoded.color().has_alpha());
        assert_eq!(decoded.to_rgba8().get_pixel(0, 0)[3], 0);
    }

    #[test]
    fn storing_the_same_bytes_twice_is_idempotent() {
        let (_dir, store) = store();
        let jpeg = encoded(300, 300, ImageFormat::Jpeg);
        let first = store.put(&jpeg).unwrap();
        let copy = store.dir().join(copy_name(&first.hash, 200));
        let before = fs::metadata(&copy).unwrap().modified().unwrap();
        // A copy that is there is not made again (its time would change).
        std::thread::sleep(std::time::Duration::from_millis(20));
        let second = store.put(&jpeg).unwrap();
        assert_eq!(first, second);
        assert_eq!(fs::metadata(&copy).unwrap().modified().unwrap(), before);
        // A missing copy is made again.
        fs::remove_file(&copy).unwrap();
        store.put(&jpeg).unwrap();
        assert!(copy.exists());
        assert_eq!(fs::read_dir(store.dir()).unwrap().count(), 4);
    }

    #[test]
    fn concurrent_puts_of_one_picture_agree() {
        let (_dir, store) = store();
        let png = encoded(300, 100, ImageFormat::Png);
        let results: Vec<StoredImage> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| scope.spawn(|| store.put(&png).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(results.windows(2).all(|w| w[0] == w[1]));
        assert_eq!(fs::read_dir(store.dir()).unwrap().count(), 4);
    }

    #[test]
    fn inspect_writes_nothing() {
        let (_dir, store) = store();
        let stored = store.inspect(&encoded(20, 20, ImageFormat::Png)).unwrap();
        assert!(!store.dir().exists());
        assert_eq!(store.path_of_original(&stored.hash), None);
    }

    #[test]
    fn path_of_original_only_takes_hashes() {
        let (_dir, store) = store();
        assert_eq!(store.path_of_original("../etc/passwd"), None);
        assert_eq!(store.path_of_original(&"A".repeat(64)), None);
        assert_eq!(store.path_of_original(&"a".repeat(64)), None);
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(scaled_height(500, 250, 200), 100);
        assert_eq!(scaled_height(3, 1, 2), 1);
        assert_eq!(scaled_height(1000, 1, 200), 1);
        assert_eq!(scaled_height(300, 451, 200), 301);
    }

    #[tokio::test]
    async fn async_callers_store_on_a_blocking_thread() {
        let (_dir, store) = store();
        let stored = store
            .put_owned(encoded(8, 8, ImageFormat::Gif))
            .await
            .unwrap();
        assert!(store.path_of_original(&stored.hash).is_some());
        assert!(store.inspect_owned(b"nope".to_vec()).await.is_err());
    }
}
