//! A scan ready to be put on a page: a JPEG passed through as it is
//! (`/DCTDecode`, only its frame header read for the size and colours), a
//! PNG decoded to 8-bit grey or RGB with any transparency flattened onto
//! white (PDF/A wants no soft masks to be resolved by guesswork) and
//! deflated.

use std::io::Write;

/// The kind of a scanned image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    Jpeg,
    Png,
}

/// An image as a PDF image stream wants it.
#[derive(Debug, Clone)]
pub(super) struct Scan {
    pub(super) width: u32,
    pub(super) height: u32,
    /// 1 (DeviceGray) or 3 (DeviceRGB).
    pub(super) components: u8,
    /// `DCTDecode` or `FlateDecode`.
    pub(super) filter: &'static str,
    pub(super) data: Vec<u8>,
}

impl Scan {
    pub(super) fn read(bytes: &[u8], format: ImageFormat) -> Result<Self, String> {
        match format {
            ImageFormat::Jpeg => jpeg(bytes),
            ImageFormat::Png => png(bytes),
        }
    }
}

/// A JPEG's frame header: its size, precision and colour components. Only
/// the Huffman-coded baseline, extended and progressive frames that PDF's
/// `DCTDecode` reads are taken; CMYK is refused (the file's output intent
/// is sRGB).
fn jpeg(bytes: &[u8]) -> Result<Scan, String> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("not a JPEG file".into());
    }
    let mut i = 2;
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(format!("no marker at byte {i}"));
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xD8 || (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            i += 2;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        if len < 2 || i + 2 + len > bytes.len() {
            return Err("truncated JPEG".into());
        }
        let segment = &bytes[i + 4..i + 2 + len];
        match marker {
            0xC0..=0xC2 => {
                if segment.len() < 6 {
                    return Err("truncated JPEG frame header".into());
                }
                let precision = segment[0];
                let height = u32::from(u16::from_be_bytes([segment[1], segment[2]]));
                let width = u32::from(u16::from_be_bytes([segment[3], segment[4]]));
                let components = segment[5];
                if precision != 8 {
                    return Err(format!("{precision}-bit JPEG"));
                }
                if width == 0 || height == 0 {
                    return Err("JPEG without a size".into());
                }
                if components != 1 && components != 3 {
                    return Err(format!(
                        "JPEG with {components} colour components (only grey and RGB)"
                    ));
                }
                return Ok(Scan {
                    width,
                    height,
                    components,
                    filter: "DCTDecode",
                    data: bytes.to_vec(),
                });
            }
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                return Err("a lossless, hierarchical or arithmetic-coded JPEG".into());
            }
            0xD9 | 0xDA => break,
            _ => {}
        }
        i += 2 + len;
    }
    Err("JPEG without a frame header".into())
}

/// A PNG decoded to 8 bits per component, transparency flattened onto
/// white, deflated again.
fn png(bytes: &[u8]) -> Result<Scan, String> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| e.to_string())?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| "PNG too large".to_owned())?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    buf.truncate(info.buffer_size());
    let (components, pixels) = match info.color_type {
        png::ColorType::Grayscale => (1, buf),
        png::ColorType::Rgb => (3, buf),
        png::ColorType::GrayscaleAlpha => (1, flatten(&buf, 1)),
        png::ColorType::Rgba => (3, flatten(&buf, 3)),
        png::ColorType::Indexed => return Err("indexed PNG left unexpanded".into()),
    };
    let mut z = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(pixels.len() / 4),
        flate2::Compression::fast(),
    );
    z.write_all(&pixels).map_err(|e| e.to_string())?;
    let data = z.finish().map_err(|e| e.to_string())?;
    Ok(Scan {
        width: info.width,
        height: info.height,
        components,
        filter: "FlateDecode",
        data,
    })
}

/// Colour components with an alpha after each pixel's `n`, composited
/// onto white.
fn flatten(pixels: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(pixels.len() / (n + 1) * n);
    for px in pixels.chunks_exact(n + 1) {
        let a = u32::from(px[n]);
        for c in &px[..n] {
            let v = (u32::from(*c) * a + 255 * (255 - a) + 127) / 255;
            out.push(v as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transparency_is_flattened_onto_white() {
        assert_eq!(flatten(&[0, 0, 0, 0], 3), vec![255, 255, 255]);
        assert_eq!(flatten(&[0, 0, 0, 255], 3), vec![0, 0, 0]);
        assert_eq!(flatten(&[0, 128], 1), vec![127]);
    }

    #[test]
    fn what_is_not_a_jpeg_is_refused() {
        assert!(jpeg(b"GIF89a").is_err());
        assert!(jpeg(&[0xFF, 0xD8, 0xFF, 0xD9]).is_err());
        // A CMYK frame header.
        let cmyk = [
            0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0, 10, 0, 10, 4, 0, 0, 0, 0, 0,
        ];
        assert!(jpeg(&cmyk).expect_err("CMYK").contains("4 colour"));
    }
}
