//! What an imported PDF must not hold for the case file to stay PDF/A,
//! and that cannot be mended without changing what is printed: a font
//! that is not embedded, and colours in DeviceCMYK (the file's output
//! intent is sRGB; PDF/A allows DeviceCMYK only with a CMYK one).
//!
//! Both looks go through every page's resources and content, and into
//! the form XObjects, patterns and Type 3 fonts they use; cycles (a form
//! drawing itself) are cut by the ids already looked into.

use std::collections::HashSet;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::assemble::{deref, dict_of, inherited};

/// Resources and the content drawn with them: a page's, a form's, a
/// tiling pattern's; a Type 3 font's resources without content.
struct Holder<'a> {
    resources: Option<&'a Dictionary>,
    content: Option<Vec<u8>>,
}

/// Calls `look` on every holder of `doc` until it finds something.
fn walk<'a>(
    doc: &'a Document,
    look: &mut dyn FnMut(&Holder<'a>) -> Option<String>,
) -> Option<String> {
    let mut seen: HashSet<ObjectId> = HashSet::new();
    let mut stack: Vec<Holder<'a>> = Vec::new();
    for page_id in doc.get_pages().into_values() {
        let Ok(page) = doc.get_dictionary(page_id) else {
            continue;
        };
        // An inherited resources dictionary is read where it is.
        let resources = match page.get(b"Resources") {
            Ok(r) => dict_of(doc, r),
            Err(_) => inherited_resources(doc, page),
        };
        stack.push(Holder {
            resources,
            content: Some(doc.get_page_content(page_id)),
        });
    }
    while let Some(holder) = stack.pop() {
        if let Some(found) = look(&holder) {
            return Some(found);
        }
        let Some(resources) = holder.resources else {
            continue;
        };
        let mut first_visit = |object: &Object| match object {
            Object::Reference(id) => seen.insert(*id),
            _ => true,
        };
        for category in [b"XObject".as_slice(), b"Pattern", b"Font"] {
            let Some(items) = resources.get(category).ok().and_then(|x| dict_of(doc, x)) else {
                continue;
            };
            for (_, item) in items.iter() {
                if !first_visit(item) {
                    continue;
                }
                let Some(object) = deref(doc, item) else {
                    continue;
                };
                let (dict, content) = match object {
                    Object::Stream(s) => (&s.dict, s.decompressed_content().ok()),
                    Object::Dictionary(d) => (d, None),
                    _ => continue,
                };
                let is_form = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
                let is_type3 =
                    dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type3");
                let is_pattern = category == b"Pattern";
                if is_form || is_type3 || is_pattern {
                    stack.push(Holder {
                        resources: dict.get(b"Resources").ok().and_then(|r| dict_of(doc, r)),
                        content: if is_type3 { None } else { content },
                    });
                }
            }
        }
    }
    None
}

fn inherited_resources<'a>(doc: &'a Document, page: &'a Dictionary) -> Option<&'a Dictionary> {
    // `inherited` hands back a copy; find the same object in the document.
    match inherited(doc, page, b"Resources")? {
        Object::Reference(id) => doc.get_dictionary(id).ok(),
        Object::Dictionary(_) => {
            // Inline in an ancestor: walk up to borrow it from there.
            let mut node = page.get(b"Parent").and_then(Object::as_reference).ok()?;
            let mut seen = HashSet::new();
            while seen.insert(node) {
                let dict = doc.get_dictionary(node).ok()?;
                if let Ok(r) = dict.get(b"Resources") {
                    return dict_of(doc, r);
                }
                node = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
            }
            None
        }
        _ => None,
    }
}

/// The name of the first font a page of `doc` uses without embedding it.
pub(super) fn unembedded_font(doc: &Document) -> Option<String> {
    walk(doc, &mut |holder| {
        let fonts = holder
            .resources?
            .get(b"Font")
            .ok()
            .and_then(|f| dict_of(doc, f))?;
        fonts
            .iter()
            .filter_map(|(_, font)| dict_of(doc, font))
            .find_map(|font| font_unembedded(doc, font))
    })
}

/// The name of a simple or composite font whose program is not embedded
/// (a Type 3 font's glyphs are in the file: it always is).
fn font_unembedded(doc: &Document, font: &Dictionary) -> Option<String> {
    let name = || {
        font.get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|_| "(unnamed)".into())
    };
    match font
        .get(b"Subtype")
        .and_then(Object::as_name)
        .unwrap_or(b"")
    {
        b"Type3" => None,
        b"Type0" => {
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .and_then(|d| deref(doc, d))
                .and_then(|d| d.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|d| dict_of(doc, d));
            match descendant {
                Some(d) if embeds(doc, d) => None,
                _ => Some(name()),
            }
        }
        _ => (!embeds(doc, font)).then(name),
    }
}

/// Whether a simple or CID font's descriptor holds its font program.
fn embeds(doc: &Document, font: &Dictionary) -> bool {
    font.get(b"FontDescriptor")
        .ok()
        .and_then(|d| dict_of(doc, d))
        .is_some_and(|d| {
            [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"]
                .iter()
                .any(|k| {
                    d.get(k)
                        .ok()
                        .and_then(|f| deref(doc, f))
                        .is_some_and(|f| f.as_stream().is_ok())
                })
        })
}

/// Where a page of `doc` paints in DeviceCMYK: an image, a colour space
/// or shading in its resources, or its content's `k`/`K` operators or
/// `cs`/`CS` choosing it (an ICC-based colour space's alternate does not
/// count: PDF/A readers use the profile).
pub(super) fn device_cmyk(doc: &Document) -> Option<String> {
    walk(doc, &mut |holder| {
        if let Some(resources) = holder.resources {
            if let Some(xobjects) = resources.get(b"XObject").ok().and_then(|x| dict_of(doc, x)) {
                for (name, item) in xobjects.iter() {
                    if let Some(Object::Stream(s)) = deref(doc, item)
                        && s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image")
                        && s.dict
                            .get(b"ColorSpace")
                            .is_ok_and(|cs| names_cmyk(doc, cs, 0))
                    {
                        return Some(format!("image {}", String::from_utf8_lossy(name)));
                    }
                }
            }
            for category in [b"ColorSpace".as_slice(), b"Shading"] {
                if let Some(items) = resources.get(category).ok().and_then(|x| dict_of(doc, x)) {
                    for (name, item) in items.iter() {
                        let space = match category {
                            b"Shading" => {
                                dict_of(doc, item).and_then(|d| d.get(b"ColorSpace").ok())
                            }
                            _ => Some(item),
                        };
                        if space.is_some_and(|cs| names_cmyk(doc, cs, 0)) {
                            return Some(format!(
                                "{} {}",
                                String::from_utf8_lossy(category),
                                String::from_utf8_lossy(name)
                            ));
                        }
                    }
                }
            }
        }
        let content = Content::decode(holder.content.as_deref()?).ok()?;
        content.operations.iter().find_map(|op| {
            let cmyk_operator = op.operator == "k" || op.operator == "K";
            let chooses = (op.operator == "cs" || op.operator == "CS")
                && op
                    .operands
                    .first()
                    .and_then(|o| o.as_name().ok())
                    .is_some_and(|n| n == b"DeviceCMYK");
            (cmyk_operator || chooses).then(|| format!("the operator {}", op.operator))
        })
    })
}

/// Whether a colour space names DeviceCMYK itself or as the base of an
/// indexed space or the alternate of a separation or DeviceN space.
fn names_cmyk(doc: &Document, space: &Object, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    match deref(doc, space) {
        Some(Object::Name(n)) => n == b"DeviceCMYK" || n == b"CMYK",
        Some(Object::Array(items)) => match items.first().and_then(|f| f.as_name().ok()) {
            Some(b"ICCBased") | Some(b"Pattern") => false,
            Some(b"Indexed") | Some(b"I") => {
                items.get(1).is_some_and(|b| names_cmyk(doc, b, depth + 1))
            }
            Some(b"Separation") => items.get(2).is_some_and(|a| names_cmyk(doc, a, depth + 1)),
            Some(b"DeviceN") => items.get(2).is_some_and(|a| names_cmyk(doc, a, depth + 1)),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmyk_is_found_behind_indexed_and_separation_spaces() {
        let doc = Document::new();
        let name = |n: &str| Object::Name(n.as_bytes().to_vec());
        assert!(names_cmyk(&doc, &name("DeviceCMYK"), 0));
        assert!(!names_cmyk(&doc, &name("DeviceRGB"), 0));
        let indexed = Object::Array(vec![name("Indexed"), name("DeviceCMYK"), 1.into()]);
        assert!(names_cmyk(&doc, &indexed, 0));
        let sep = Object::Array(vec![name("Separation"), name("Gold"), name("DeviceCMYK")]);
        assert!(names_cmyk(&doc, &sep, 0));
        let icc = Object::Array(vec![name("ICCBased"), Object::Reference((1, 0))]);
        assert!(!names_cmyk(&doc, &icc, 0));
    }
}
