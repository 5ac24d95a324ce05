//! What PDF/A-2b asks of the file beyond its pages: the XMP metadata
//! stream (PDF/A identification, title, author, dates, producer), the
//! document information dictionary saying the same, and the output intent
//! with its embedded ICC profile.

use chrono::DateTime;
use lopdf::{Dictionary, Object, Stream, StringFormat};

/// What the metadata says about the file.
#[derive(Debug, Clone)]
pub(super) struct Meta {
    pub(super) title: String,
    pub(super) subject: String,
    pub(super) author: String,
    pub(super) created_unix: i64,
    /// The BCP 47 tag of the file's language (`/Lang`).
    pub(super) lang: String,
    /// The first and only identifier of the file (`/ID`), 16 bytes.
    pub(super) id: Vec<u8>,
}

pub(super) const CREATOR: &str = "Accord";
pub(super) const PRODUCER: &str = "Accord (printpdf, lopdf)";

/// A PDF text string: a literal if plain printable ASCII, else UTF-16BE
/// with its byte order mark.
pub(super) fn text_string(s: &str) -> Object {
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut v = vec![0xfe, 0xff];
        v.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(v, StringFormat::Hexadecimal)
    }
}

fn xmp_date(unix: i64) -> String {
    DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string()
}

fn pdf_date(unix: i64) -> String {
    crate::seal::pdf_date(DateTime::from_timestamp(unix, 0).unwrap_or_default())
}

/// The document information dictionary.
pub(super) fn info(meta: &Meta) -> Dictionary {
    let date = Object::String(
        pdf_date(meta.created_unix).into_bytes(),
        StringFormat::Literal,
    );
    Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Author", text_string(&meta.author)),
        ("Subject", text_string(&meta.subject)),
        ("Creator", text_string(CREATOR)),
        ("Producer", text_string(PRODUCER)),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The XMP packet, saying what the information dictionary says, and that
/// the file is PDF/A-2b.
pub(super) fn xmp(meta: &Meta) -> String {
    let date = xmp_date(meta.created_unix);
    let mut packet = format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang='x-default'>{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang='x-default'>{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
"#,
        bom = '\u{FEFF}',
        title = escape(&meta.title),
        author = escape(&meta.author),
        subject = escape(&meta.subject),
        lang = escape(&meta.lang),
        creator = CREATOR,
        producer = escape(PRODUCER),
    );
    // Room to edit the packet in place, as XMP recommends.
    for _ in 0..20 {
        packet.push_str(&" ".repeat(99));
        packet.push('\n');
    }
    packet.push_str(r#"<?xpacket end="w"?>"#);
    packet
}

/// The metadata stream (uncompressed, so any reader finds the packet).
pub(super) fn metadata_stream(meta: &Meta) -> Stream {
    Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(meta).into_bytes(),
    )
    .with_compression(false)
}

/// The sRGB profile's stream.
pub(super) fn icc_stream() -> Stream {
    Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        super::icc::srgb_profile(),
    )
}

/// The PDF/A output intent pointing at the profile.
pub(super) fn output_intent(profile: lopdf::ObjectId) -> Dictionary {
    let s = |v: &str| Object::String(v.as_bytes().to_vec(), StringFormat::Literal);
    Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", s("sRGB IEC61966-2.1")),
        ("RegistryName", s("http://www.color.org")),
        ("Info", s("sRGB IEC61966-2.1")),
        ("DestOutputProfile", Object::Reference(profile)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_xmp_dates_and_the_info_dates_are_the_same_time() {
        let meta = Meta {
            title: "人民调解卷宗 <1>".into(),
            subject: "s".into(),
            author: "a & b".into(),
            created_unix: 1_740_000_000,
            lang: "zh-CN".into(),
            id: vec![0; 16],
        };
        let x = xmp(&meta);
        assert!(x.contains("<xmp:CreateDate>2025-02-19T21:20:00+00:00</xmp:CreateDate>"));
        assert!(x.contains("人民调解卷宗 &lt;1&gt;"));
        assert!(x.contains("<rdf:li>a &amp; b</rdf:li>"));
        let info = info(&meta);
        assert_eq!(
            info.get(b"CreationDate")
                .and_then(Object::as_str)
                .expect("date"),
            b"D:20250219212000+00'00'"
        );
    }
}
