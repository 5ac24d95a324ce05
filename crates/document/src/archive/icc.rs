//! A minimal ICC version 2 display profile for sRGB (IEC 61966-2-1),
//! made here from the standard's numbers rather than copied from anyone's
//! file: the D50-adapted primaries (Bradford), the D50 white point, and
//! the sRGB transfer curve sampled at 1024 points. It is the case file's
//! PDF/A output intent: what DeviceRGB and DeviceGray mean on the page.

/// `(x, y, z)` as ICC `s15Fixed16Number`s.
fn xyz(tag: &mut Vec<u8>, x: f64, y: f64, z: f64) {
    tag.extend_from_slice(b"XYZ \0\0\0\0");
    for v in [x, y, z] {
        tag.extend_from_slice(&((v * 65536.0).round() as i32).to_be_bytes());
    }
}

/// The sRGB electro-optical transfer function.
fn srgb_to_linear(v: f64) -> f64 {
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

/// The profile's bytes.
pub fn srgb_profile() -> Vec<u8> {
    let description = "sRGB IEC61966-2.1 (Accord)";
    let mut desc = b"desc\0\0\0\0".to_vec();
    desc.extend_from_slice(&(description.len() as u32 + 1).to_be_bytes());
    desc.extend_from_slice(description.as_bytes());
    desc.push(0);
    desc.extend_from_slice(&[0; 4]); // Unicode language code
    desc.extend_from_slice(&[0; 4]); // Unicode count
    desc.extend_from_slice(&[0; 2]); // ScriptCode code
    desc.push(0); // ScriptCode count
    desc.extend_from_slice(&[0; 67]);

    let mut cprt = b"text\0\0\0\0".to_vec();
    cprt.extend_from_slice(b"No copyright, use freely (CC0)\0");

    let mut wtpt = Vec::new();
    xyz(&mut wtpt, 0.9642, 1.0, 0.8249);
    let mut r = Vec::new();
    xyz(&mut r, 0.436_074_7, 0.222_504_5, 0.013_932_2);
    let mut g = Vec::new();
    xyz(&mut g, 0.385_064_9, 0.716_878_6, 0.097_104_5);
    let mut b = Vec::new();
    xyz(&mut b, 0.143_080_4, 0.060_616_9, 0.714_173_3);

    let mut trc = b"curv\0\0\0\0".to_vec();
    let n = 1024u32;
    trc.extend_from_slice(&n.to_be_bytes());
    for i in 0..n {
        let v = srgb_to_linear(f64::from(i) / f64::from(n - 1));
        trc.extend_from_slice(&((v * 65535.0).round() as u16).to_be_bytes());
    }

    // Tags and the data they point at; the three curves share one.
    let data: [(&[u8; 4], &[u8]); 6] = [
        (b"desc", &desc),
        (b"cprt", &cprt),
        (b"wtpt", &wtpt),
        (b"rXYZ", &r),
        (b"gXYZ", &g),
        (b"bXYZ", &b),
    ];
    let tag_count = data.len() + 3;
    let header_len = 128 + 4 + 12 * tag_count;
    let mut entries: Vec<(&[u8; 4], usize, usize)> = Vec::new();
    let mut body = Vec::new();
    let pad = |body: &mut Vec<u8>| {
        while !body.len().is_multiple_of(4) {
            body.push(0);
        }
    };
    for (sig, bytes) in data {
        entries.push((sig, header_len + body.len(), bytes.len()));
        body.extend_from_slice(bytes);
        pad(&mut body);
    }
    let curve_at = header_len + body.len();
    body.extend_from_slice(&trc);
    pad(&mut body);
    for sig in [b"rTRC", b"gTRC", b"bTRC"] {
        entries.push((sig, curve_at, trc.len()));
    }
    let mut table = Vec::new();
    for (sig, offset, len) in entries {
        table.extend_from_slice(sig);
        table.extend_from_slice(&(offset as u32).to_be_bytes());
        table.extend_from_slice(&(len as u32).to_be_bytes());
    }

    let size = 128 + 4 + table.len() + body.len();
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(&(size as u32).to_be_bytes());
    out.extend_from_slice(&[0; 4]); // preferred CMM
    out.extend_from_slice(&[0x02, 0x10, 0, 0]); // version 2.1
    out.extend_from_slice(b"mntr");
    out.extend_from_slice(b"RGB ");
    out.extend_from_slice(b"XYZ ");
    for v in [2025u16, 1, 1, 0, 0, 0] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(b"acsp");
    out.extend_from_slice(&[0; 4]); // platform
    out.extend_from_slice(&[0; 4]); // flags
    out.extend_from_slice(&[0; 4]); // device manufacturer
    out.extend_from_slice(&[0; 4]); // device model
    out.extend_from_slice(&[0; 8]); // device attributes
    out.extend_from_slice(&[0; 4]); // rendering intent: perceptual
    for v in [0.9642f64, 1.0, 0.8249] {
        out.extend_from_slice(&((v * 65536.0).round() as i32).to_be_bytes());
    }
    out.extend_from_slice(&[0; 4]); // creator
    out.resize(128, 0); // profile ID (v4 only) and reserved bytes
    out.extend_from_slice(&(tag_count as u32).to_be_bytes());
    out.extend_from_slice(&table);
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(p: &[u8], i: usize) -> u32 {
        u32::from_be_bytes([p[i], p[i + 1], p[i + 2], p[i + 3]])
    }

    #[test]
    fn the_profile_is_a_well_formed_icc_v2_rgb_display_profile() {
        let p = srgb_profile();
        assert_eq!(u32_at(&p, 0) as usize, p.len());
        assert_eq!(&p[8..10], &[2, 0x10]);
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        assert_eq!(&p[36..40], b"acsp");
        let count = u32_at(&p, 128) as usize;
        let mut sigs = Vec::new();
        for k in 0..count {
            let e = 132 + 12 * k;
            let (off, len) = (u32_at(&p, e + 4) as usize, u32_at(&p, e + 8) as usize);
            assert_eq!(off % 4, 0, "tags start on 4-byte boundaries");
            assert!(off + len <= p.len());
            sigs.push(String::from_utf8_lossy(&p[e..e + 4]).into_owned());
            let kind = &p[off..off + 4];
            assert!(
                [b"desc", b"text", b"XYZ ", b"curv"].contains(&kind.try_into().expect("4")),
                "{kind:?}"
            );
        }
        for required in [
            "desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC",
        ] {
            assert!(sigs.iter().any(|s| s == required), "{required}");
        }
        // The primaries add up to the white point (D50).
        let sum_y = 0.222_504_5 + 0.716_878_6 + 0.060_616_9;
        assert!((sum_y - 1.0f64).abs() < 1e-4);
    }
}
