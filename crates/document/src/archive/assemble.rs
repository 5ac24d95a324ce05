//! The file being assembled: pages copied in from other PDFs with what
//! they use (renumbered; inherited attributes set on the page itself), a
//! scan's page, the archive number stamped on every page, and the
//! catalog, page tree, outline, metadata and trailer written last.

use std::collections::{HashMap, HashSet};

use lopdf::content::Content;
use lopdf::xref::XrefType;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::ArchiveError;
use super::image::Scan;
use super::pdfa::{self, Meta, text_string};

const A4: (f32, f32) = (595.276, 841.89);

/// Page entries that do not survive the copy: its place in the old page
/// tree and structure tree, its annotations (drawn into the page first)
/// and actions, its thumbnail, article beads and private data.
const DROPPED: [&[u8]; 10] = [
    b"Parent",
    b"Annots",
    b"AA",
    b"StructParents",
    b"B",
    b"Thumb",
    b"PieceInfo",
    b"Tabs",
    b"ID",
    b"PZ",
];

/// Attributes a page inherits from its ancestors in the page tree.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

pub(super) struct Assembly {
    out: Document,
    pages: Vec<ObjectId>,
}

impl Assembly {
    pub(super) fn new() -> Self {
        let mut out = Document::with_version("1.7");
        out.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
        Self {
            out,
            pages: Vec::new(),
        }
    }

    pub(super) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The number (from 1) of a page in the file.
    pub(super) fn page_number(&self, id: ObjectId) -> Option<usize> {
        self.pages.iter().position(|p| *p == id).map(|i| i + 1)
    }

    /// Copies every page of `src`, in order, with the objects they use;
    /// returns the new pages' ids.
    pub(super) fn import(&mut self, src: &Document) -> Result<Vec<ObjectId>, ArchiveError> {
        let mut map: HashMap<ObjectId, ObjectId> = HashMap::new();
        let mut queue: Vec<ObjectId> = Vec::new();
        let mut ids = Vec::new();
        for page_id in src.get_pages().into_values() {
            let mut page = src
                .get_dictionary(page_id)
                .map_err(|e| ArchiveError::Write(format!("page: {e}")))?
                .clone();
            for key in INHERITED {
                if !page.has(key)
                    && let Some(value) = inherited(src, &page, key)
                {
                    page.set(key, value);
                }
            }
            if !page.has(b"MediaBox") {
                page.set("MediaBox", rect(0.0, 0.0, A4.0, A4.1));
            }
            if !page.has(b"Resources") {
                page.set("Resources", Dictionary::new());
            }
            let flattened = flatten_annotations(src, &mut page);
            for key in DROPPED {
                page.remove(key);
            }
            let new_id = self.out.new_object_id();
            let page = self.remap(src, Object::Dictionary(page), &mut map, &mut queue);
            self.out.objects.insert(new_id, page);
            if let Some(content) = flattened {
                let stream = self.out.add_object(Stream::new(Dictionary::new(), content));
                let page = self
                    .out
                    .get_dictionary_mut(new_id)
                    .map_err(|e| ArchiveError::Write(format!("page: {e}")))?;
                let mut contents = match page.get(b"Contents") {
                    Ok(Object::Array(items)) => items.clone(),
                    Ok(other) => vec![other.clone()],
                    Err(_) => Vec::new(),
                };
                // The page's own content may leave its state changed: the
                // appearances are drawn from a clean one.
                let open = self
                    .out
                    .add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));
                contents.insert(0, Object::Reference(open));
                contents.push(Object::Reference(stream));
                if let Ok(page) = self.out.get_dictionary_mut(new_id) {
                    page.set("Contents", Object::Array(contents));
                }
            }
            ids.push(new_id);
        }
        while let Some(old) = queue.pop() {
            let new = map[&old];
            let object = src.get_object(old).cloned().unwrap_or(Object::Null);
            let object = self.remap(src, object, &mut map, &mut queue);
            self.out.objects.insert(new, object);
        }
        self.pages.extend(&ids);
        Ok(ids)
    }

    /// `object` with its references turned into references to copies in
    /// the new file (queued to be copied); references to pages and page
    /// tree nodes (from whatever survived on the page) become null.
    fn remap(
        &mut self,
        src: &Document,
        object: Object,
        map: &mut HashMap<ObjectId, ObjectId>,
        queue: &mut Vec<ObjectId>,
    ) -> Object {
        match object {
            Object::Reference(id) => {
                if let Some(new) = map.get(&id) {
                    return Object::Reference(*new);
                }
                let is_page = src
                    .get_dictionary(id)
                    .and_then(|d| d.get(b"Type"))
                    .and_then(Object::as_name)
                    .is_ok_and(|t| t == b"Page" || t == b"Pages");
                if is_page || src.get_object(id).is_err() {
                    return Object::Null;
                }
                let new = self.out.new_object_id();
                map.insert(id, new);
                queue.push(id);
                Object::Reference(new)
            }
            Object::Array(items) => Object::Array(
                items
                    .into_iter()
                    .map(|o| self.remap(src, o, map, queue))
                    .collect(),
            ),
            Object::Dictionary(dict) => Object::Dictionary(self.remap_dict(src, dict, map, queue)),
            Object::Stream(mut stream) => {
                stream.dict = self.remap_dict(src, stream.dict, map, queue);
                Object::Stream(stream)
            }
            other => other,
        }
    }

    fn remap_dict(
        &mut self,
        src: &Document,
        dict: Dictionary,
        map: &mut HashMap<ObjectId, ObjectId>,
        queue: &mut Vec<ObjectId>,
    ) -> Dictionary {
        let mut out = Dictionary::new();
        for (k, v) in dict {
            let v = self.remap(src, v, map, queue);
            out.set(k, v);
        }
        sanitise(&mut out);
        out
    }

    /// A page holding a scan, scaled to fit A4 (turned to landscape for a
    /// wide scan) within margins that leave the archive number clear.
    pub(super) fn image_page(&mut self, scan: &Scan) -> ObjectId {
        let (w, h) = if scan.width > scan.height {
            (A4.1, A4.0)
        } else {
            A4
        };
        let margin = 48.0;
        let (iw, ih) = (scan.width as f32, scan.height as f32);
        let scale = ((w - 2.0 * margin) / iw).min((h - 2.0 * margin) / ih);
        let (sw, sh) = (iw * scale, ih * scale);
        let (x, y) = ((w - sw) / 2.0, (h - sh) / 2.0);
        let colour_space = if scan.components == 1 {
            "DeviceGray"
        } else {
            "DeviceRGB"
        };
        let image = Stream::new(
            Dictionary::from_iter(vec![
                ("Type", Object::Name(b"XObject".to_vec())),
                ("Subtype", Object::Name(b"Image".to_vec())),
                ("Width", Object::Integer(i64::from(scan.width))),
                ("Height", Object::Integer(i64::from(scan.height))),
                ("ColorSpace", Object::Name(colour_space.as_bytes().to_vec())),
                ("BitsPerComponent", Object::Integer(8)),
                ("Filter", Object::Name(scan.filter.as_bytes().to_vec())),
            ]),
            scan.data.clone(),
        )
        .with_compression(false);
        let image_id = self.out.add_object(image);
        let content = format!("q {sw:.3} 0 0 {sh:.3} {x:.3} {y:.3} cm /Scan Do Q");
        let content_id = self
            .out
            .add_object(Stream::new(Dictionary::new(), content.into_bytes()));
        let page = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Page".to_vec())),
            ("MediaBox", rect(0.0, 0.0, w, h)),
            (
                "Resources",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "XObject",
                    Object::Dictionary(Dictionary::from_iter(vec![(
                        "Scan",
                        Object::Reference(image_id),
                    )])),
                )])),
            ),
            ("Contents", Object::Reference(content_id)),
        ]);
        let id = self.out.add_object(page);
        self.pages.push(id);
        id
    }

    /// Stamps page n of `stamps` on page n of the file: its content in
    /// the top right corner of the page as it is shown (its crop box,
    /// turned by its rotation), after the page's own content, which is
    /// wrapped in `q … Q` so nothing it leaves set moves the stamp.
    pub(super) fn stamp(&mut self, stamps: &Document) -> Result<(), ArchiveError> {
        let err = |e: lopdf::Error| ArchiveError::Write(format!("stamps: {e}"));
        let stamp_pages: Vec<ObjectId> = stamps.get_pages().into_values().collect();
        if stamp_pages.len() != self.pages.len() {
            return Err(ArchiveError::Write("one stamp per page".into()));
        }
        // The stamps' font, copied once.
        let first = stamps.get_dictionary(stamp_pages[0]).map_err(err)?;
        let fonts = stamps
            .get_dict_in_dict(first, b"Resources")
            .and_then(|r| stamps.get_dict_in_dict(r, b"Font"))
            .map_err(err)?
            .clone();
        let mut map = HashMap::new();
        let mut queue = Vec::new();
        let fonts = self.remap_dict(stamps, fonts, &mut map, &mut queue);
        while let Some(old) = queue.pop() {
            let new = map[&old];
            let object = stamps.get_object(old).cloned().unwrap_or(Object::Null);
            let object = self.remap(stamps, object, &mut map, &mut queue);
            self.out.objects.insert(new, object);
        }
        let open = self
            .out
            .add_object(Stream::new(Dictionary::new(), b"q\n".to_vec()));

        for (page_id, stamp_id) in self.pages.clone().into_iter().zip(stamp_pages) {
            let raw = stamps.get_page_content(stamp_id);
            let mut ops = Content::decode(&raw).map_err(err)?;
            let page = self.out.get_dictionary(page_id).map_err(err)?.clone();
            let mut resources = self.resolved_dict(page.get(b"Resources").ok());
            let mut page_fonts = self.resolved_dict(resources.get(b"Font").ok());
            // Names in the stamp's content, renamed where the page uses them.
            let mut renames: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
            for (name, font) in fonts.iter() {
                let mut new = format!("ArchNo{}", String::from_utf8_lossy(name)).into_bytes();
                while page_fonts.has(&new) {
                    new.push(b'x');
                }
                page_fonts.set(new.clone(), font.clone());
                renames.insert(name.clone(), new);
            }
            for op in &mut ops.operations {
                if op.operator == "Tf"
                    && let Some(Object::Name(name)) = op.operands.first_mut()
                    && let Some(new) = renames.get(name)
                {
                    *name = new.clone();
                }
            }
            resources.set("Font", page_fonts);

            let (x0, y0, x1, y1) = self.visible_box(&page);
            let (w, h) = (x1 - x0, y1 - y0);
            let rotate = page
                .get(b"Rotate")
                .ok()
                .and_then(|o| self.out.dereference(o).ok())
                .and_then(|(_, o)| o.as_i64().ok())
                .unwrap_or(0)
                .rem_euclid(360);
            // From the page as shown (origin bottom left) to user space.
            let (m, shown) = match rotate {
                90 => ([0.0, 1.0, -1.0, 0.0, x0 + w, y0], (h, w)),
                180 => ([-1.0, 0.0, 0.0, -1.0, x0 + w, y0 + h], (w, h)),
                270 => ([0.0, -1.0, 1.0, 0.0, x0, y0 + h], (h, w)),
                _ => ([1.0, 0.0, 0.0, 1.0, x0, y0], (w, h)),
            };
            let (tx, ty) = (shown.0 - A4.0, shown.1 - A4.1);
            let mut content = format!(
                "\nQ\nq {} cm 1 0 0 1 {tx:.3} {ty:.3} cm\n",
                m.map(|v| format!("{v:.3}")).join(" ")
            )
            .into_bytes();
            content.extend(ops.encode().map_err(err)?);
            content.extend_from_slice(b"\nQ\n");
            let stamp_stream = self.out.add_object(Stream::new(Dictionary::new(), content));

            let mut contents = vec![Object::Reference(open)];
            match page.get(b"Contents") {
                Ok(Object::Array(items)) => contents.extend(items.iter().cloned()),
                Ok(Object::Reference(id)) => match self.out.get_object(*id) {
                    Ok(Object::Array(items)) => contents.extend(items.iter().cloned()),
                    _ => contents.push(Object::Reference(*id)),
                },
                _ => {}
            }
            contents.push(Object::Reference(stamp_stream));
            let page = self.out.get_dictionary_mut(page_id).map_err(err)?;
            page.set("Resources", resources);
            page.set("Contents", Object::Array(contents));
        }
        Ok(())
    }

    /// A dictionary given inline or by reference, as an owned copy.
    fn resolved_dict(&self, object: Option<&Object>) -> Dictionary {
        object
            .and_then(|o| self.out.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok())
            .cloned()
            .unwrap_or_default()
    }

    /// The page's crop box within its media box, as (x0, y0, x1, y1).
    fn visible_box(&self, page: &Dictionary) -> (f32, f32, f32, f32) {
        let read = |key: &[u8]| -> Option<(f32, f32, f32, f32)> {
            let (_, o) = self.out.dereference(page.get(key).ok()?).ok()?;
            let a = o.as_array().ok()?;
            let v: Vec<f32> = a
                .iter()
                .filter_map(|o| {
                    self.out
                        .dereference(o)
                        .ok()
                        .and_then(|(_, o)| o.as_float().ok())
                })
                .collect();
            (v.len() == 4).then(|| {
                (
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                )
            })
        };
        let media = read(b"MediaBox").unwrap_or((0.0, 0.0, A4.0, A4.1));
        match read(b"CropBox") {
            Some(c) => {
                let b = (
                    c.0.max(media.0),
                    c.1.max(media.1),
                    c.2.min(media.2),
                    c.3.min(media.3),
                );
                if b.0 < b.2 && b.1 < b.3 { b } else { media }
            }
            None => media,
        }
    }

    /// The catalog (page tree, outline, metadata, output intent,
    /// language), the information dictionary and the trailer; the file.
    pub(super) fn finish(
        mut self,
        meta: &Meta,
        outline: &[(String, ObjectId)],
    ) -> Result<Vec<u8>, ArchiveError> {
        let out = &mut self.out;
        let pages_id = out.new_object_id();
        for page in &self.pages {
            if let Ok(dict) = out.get_dictionary_mut(*page) {
                dict.set("Parent", Object::Reference(pages_id));
            }
        }
        out.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Pages".to_vec())),
                ("Count", Object::Integer(self.pages.len() as i64)),
                (
                    "Kids",
                    Object::Array(self.pages.iter().map(|p| Object::Reference(*p)).collect()),
                ),
            ])),
        );
        let outlines_id = outline_tree(out, outline);
        let optional_content = optional_content(out);
        let metadata = out.add_object(pdfa::metadata_stream(meta));
        let profile = out.add_object(pdfa::icc_stream());
        let intent = out.add_object(pdfa::output_intent(profile));
        let catalog = out.add_object(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Catalog".to_vec())),
            ("Pages", Object::Reference(pages_id)),
            ("Metadata", Object::Reference(metadata)),
            (
                "OutputIntents",
                Object::Array(vec![Object::Reference(intent)]),
            ),
            ("Outlines", Object::Reference(outlines_id)),
            ("PageMode", Object::Name(b"UseOutlines".to_vec())),
            ("Lang", text_string(&meta.lang)),
            (
                "ViewerPreferences",
                Object::Dictionary(Dictionary::from_iter(vec![(
                    "DisplayDocTitle",
                    Object::Boolean(true),
                )])),
            ),
        ]));
        if let Some(properties) = optional_content
            && let Ok(catalog) = out.get_dictionary_mut(catalog)
        {
            catalog.set("OCProperties", properties);
        }
        let info = out.add_object(pdfa::info(meta));
        out.trailer.set("Root", Object::Reference(catalog));
        out.trailer.set("Info", Object::Reference(info));
        let id = Object::String(meta.id.clone(), lopdf::StringFormat::Hexadecimal);
        out.trailer.set("ID", Object::Array(vec![id.clone(), id]));
        out.compress();
        let mut bytes = Vec::new();
        out.save_to(&mut bytes)
            .map_err(|e| ArchiveError::Write(e.to_string()))?;
        Ok(bytes)
    }
}

/// Draws the printable annotations of a page of `src` into it, as a
/// printout of the page shows them: each one's normal appearance (in its
/// current state) as a form XObject placed on its rectangle. Adds the
/// forms to the page's resources (still in `src`'s numbering) and returns
/// the content that draws them, which starts by closing the `q` put
/// before the page's own content. Hidden, non-printing, pop-up and
/// link annotations are left out, as are those without an appearance.
fn flatten_annotations(src: &Document, page: &mut Dictionary) -> Option<Vec<u8>> {
    let annots = page
        .get(b"Annots")
        .ok()
        .and_then(|a| deref(src, a))?
        .as_array()
        .ok()?;
    let mut forms: Vec<(ObjectId, [f32; 6])> = Vec::new();
    for annot in annots {
        let Some(annot) = dict_of(src, annot) else {
            continue;
        };
        let subtype = annot
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
        if subtype == b"Popup" || subtype == b"Link" || flags & 4 == 0 || flags & (2 | 32) != 0 {
            continue;
        }
        let Some(normal) = annot
            .get(b"AP")
            .ok()
            .and_then(|ap| dict_of(src, ap))
            .and_then(|ap| ap.get(b"N").ok())
        else {
            continue;
        };
        // A stream, or appearance states chosen by /AS.
        let form_ref = match deref(src, normal) {
            Some(Object::Stream(_)) => normal.as_reference().ok(),
            Some(Object::Dictionary(states)) => annot
                .get(b"AS")
                .and_then(Object::as_name)
                .ok()
                .and_then(|state| states.get(state).ok())
                .and_then(|f| f.as_reference().ok()),
            _ => None,
        };
        let Some(form_id) = form_ref else { continue };
        let Ok(form) = src.get_object(form_id).and_then(Object::as_stream) else {
            continue;
        };
        let numbers = |o: Option<&Object>| -> Option<Vec<f32>> {
            let a = deref(src, o?)?.as_array().ok()?;
            let v: Vec<f32> = a
                .iter()
                .filter_map(|x| deref(src, x).and_then(|x| x.as_float().ok()))
                .collect();
            (v.len() == a.len()).then_some(v)
        };
        let (Some(r), Some(b)) = (
            numbers(annot.get(b"Rect").ok()),
            numbers(form.dict.get(b"BBox").ok()),
        ) else {
            continue;
        };
        if r.len() != 4 || b.len() != 4 {
            continue;
        }
        let m = numbers(form.dict.get(b"Matrix").ok())
            .filter(|m| m.len() == 6)
            .unwrap_or_else(|| vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
        // The box's corners through the form's matrix, then that box
        // fitted onto the rectangle (PDF 32000-1, 12.5.5).
        let corners = [(b[0], b[1]), (b[2], b[1]), (b[0], b[3]), (b[2], b[3])]
            .map(|(x, y)| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]));
        let min_x = corners.iter().map(|c| c.0).fold(f32::INFINITY, f32::min);
        let max_x = corners
            .iter()
            .map(|c| c.0)
            .fold(f32::NEG_INFINITY, f32::max);
        let min_y = corners.iter().map(|c| c.1).fold(f32::INFINITY, f32::min);
        let max_y = corners
            .iter()
            .map(|c| c.1)
            .fold(f32::NEG_INFINITY, f32::max);
        let (rx0, ry0) = (r[0].min(r[2]), r[1].min(r[3]));
        let (rw, rh) = ((r[2] - r[0]).abs(), (r[3] - r[1]).abs());
        if max_x - min_x <= 0.0 || max_y - min_y <= 0.0 || rw <= 0.0 || rh <= 0.0 {
            continue;
        }
        let (sx, sy) = (rw / (max_x - min_x), rh / (max_y - min_y));
        forms.push((
            form_id,
            [sx, 0.0, 0.0, sy, rx0 - min_x * sx, ry0 - min_y * sy],
        ));
    }
    if forms.is_empty() {
        return None;
    }
    let mut resources = page
        .get(b"Resources")
        .ok()
        .and_then(|r| dict_of(src, r))
        .cloned()
        .unwrap_or_default();
    let mut xobjects = resources
        .get(b"XObject")
        .ok()
        .and_then(|x| dict_of(src, x))
        .cloned()
        .unwrap_or_default();
    let mut content = b"\nQ\n".to_vec();
    for (i, (form_id, m)) in forms.into_iter().enumerate() {
        let mut name = format!("Annot{i}");
        while xobjects.has(name.as_bytes()) {
            name.push('x');
        }
        xobjects.set(name.clone(), Object::Reference(form_id));
        let m = m.map(|v| format!("{v:.4}")).join(" ");
        content.extend(format!("q {m} cm /{name} Do Q\n").into_bytes());
    }
    resources.set("XObject", xobjects);
    page.set("Resources", resources);
    Some(content)
}

/// Takes out of a copied dictionary what PDF/A forbids and no page needs
/// to look as it does: an image's smoothing (`/Interpolate true`), its
/// alternate versions and OPI proxies, a form's OPI proxy, and the
/// graphics state's transfer functions (device-dependent; `/TR2` may
/// only say `/Default`).
fn sanitise(dict: &mut Dictionary) {
    let subtype = dict.get(b"Subtype").and_then(Object::as_name).ok();
    if subtype == Some(b"Image".as_slice()) {
        if dict.has(b"Interpolate") {
            dict.set("Interpolate", false);
        }
        dict.remove(b"Alternates");
        dict.remove(b"OPI");
    } else if subtype == Some(b"Form".as_slice()) {
        dict.remove(b"OPI");
    }
    let is_gs = dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"ExtGState".as_slice());
    if is_gs || dict.has(b"TR") || dict.has(b"TR2") {
        dict.remove(b"TR");
        if dict.has(b"TR2") {
            dict.set("TR2", Object::Name(b"Default".to_vec()));
        }
    }
}

/// The optional content groups copied in with imported pages (layers
/// their content is marked with), all listed and shown, as PDF/A asks
/// and as the pages showed them where they came from (their own
/// documents' settings are not copied).
fn optional_content(out: &Document) -> Option<Dictionary> {
    let groups: Vec<Object> = out
        .objects
        .iter()
        .filter(|(_, o)| {
            o.as_dict()
                .and_then(|d| d.get(b"Type"))
                .and_then(Object::as_name)
                .is_ok_and(|t| t == b"OCG")
        })
        .map(|(id, _)| Object::Reference(*id))
        .collect();
    if groups.is_empty() {
        return None;
    }
    Some(Dictionary::from_iter(vec![
        ("OCGs", Object::Array(groups.clone())),
        (
            "D",
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Name", text_string("Default")),
                ("Order", Object::Array(groups.clone())),
                ("ON", Object::Array(groups)),
            ])),
        ),
    ]))
}

/// A flat outline: one entry per part, each going to its first page.
fn outline_tree(out: &mut Document, entries: &[(String, ObjectId)]) -> ObjectId {
    let root = out.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| out.new_object_id()).collect();
    for (i, ((title, page), id)) in entries.iter().zip(&ids).enumerate() {
        let mut item = Dictionary::from_iter(vec![
            ("Title", text_string(title)),
            ("Parent", Object::Reference(root)),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(*page),
                    Object::Name(b"Fit".to_vec()),
                ]),
            ),
        ]);
        if i > 0 {
            item.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            item.set("Next", Object::Reference(*next));
        }
        out.objects.insert(*id, Object::Dictionary(item));
    }
    let mut dict = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("Count", Object::Integer(ids.len() as i64)),
    ]);
    if let (Some(first), Some(last)) = (ids.first(), ids.last()) {
        dict.set("First", Object::Reference(*first));
        dict.set("Last", Object::Reference(*last));
    }
    out.objects.insert(root, Object::Dictionary(dict));
    root
}

fn rect(x0: f32, y0: f32, x1: f32, y1: f32) -> Object {
    Object::Array(vec![x0.into(), y0.into(), x1.into(), y1.into()])
}

/// The value a page inherits for `key` from the nearest ancestor that
/// has it.
pub(super) fn inherited(src: &Document, page: &Dictionary, key: &[u8]) -> Option<Object> {
    let mut seen = HashSet::new();
    let mut node = page.get(b"Parent").and_then(Object::as_reference).ok()?;
    while seen.insert(node) {
        let dict = src.get_dictionary(node).ok()?;
        if let Ok(value) = dict.get(key) {
            return Some(value.clone());
        }
        node = dict.get(b"Parent").and_then(Object::as_reference).ok()?;
    }
    None
}

pub(super) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    doc.dereference(object).ok().map(|(_, o)| o)
}

pub(super) fn dict_of<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, object)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}
