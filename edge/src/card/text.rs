//! Text in a picture: the two embedded faces, widths, a line cut to fit with "…", and glyph
//! outlines filled in the reading order of the line.
//!
//! Glyphs are placed by their advances, without shaping: names in the scripts the faces carry
//! (Latin, Greek, Cyrillic, Hebrew; Arabic in its separate forms) read as typed, and a character
//! the faces lack is drawn as a box. Right-to-left runs are put in their visual order
//! by the Unicode bidirectional algorithm.

use std::sync::OnceLock;

use tiny_skia::{FillRule, Paint, PathBuilder, Pixmap, Transform};
use ttf_parser::{Face, GlyphId, OutlineBuilder};
use unicode_bidi::ParagraphBidiInfo;

use super::canvas::Colour;

/// The faces, cut down by `scripts/fonts.sh` from Debian's DejaVu Sans (licence beside them).
static REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// What ends a line cut to fit.
const ELLIPSIS: char = '…';

/// The face of `weight`, parsed once per instance of the Worker. `None` only if the embedded
/// file were broken, which a test rules out; the picture then goes without its words.
fn face(weight: Weight) -> Option<&'static Face<'static>> {
    static FACES: OnceLock<[Option<Face<'static>>; 2]> = OnceLock::new();
    let faces = FACES.get_or_init(|| [Face::parse(REGULAR, 0).ok(), Face::parse(BOLD, 0).ok()]);
    faces[weight as usize].as_ref()
}

/// A character's glyph, or glyph 0 where the face has none: its advance is a box's, and a box is
/// drawn in its place (the faces' own glyph 0 is empty).
fn glyph(face: &Face, c: char) -> GlyphId {
    face.glyph_index(c).unwrap_or(GlyphId(0))
}

/// How far a character moves the pen, in font units. Control characters are not text: they take
/// no room and are not drawn.
fn advance(face: &Face, c: char) -> u16 {
    if c.is_control() { 0 } else { face.glyph_hor_advance(glyph(face, c)).unwrap_or(0) }
}

/// How wide `text` is at `size` pixels.
pub fn width(text: &str, size: f32, weight: Weight) -> f32 {
    let Some(face) = face(weight) else { return 0.0 };
    let units: u32 = text.chars().map(|c| u32::from(advance(face, c))).sum();
    units as f32 * size / f32::from(face.units_per_em())
}

/// `text` as it is if it fits in `max` pixels, else as much of its start as fits with "…".
pub fn fit(text: &str, size: f32, weight: Weight, max: f32) -> String {
    if width(text, size, weight) <= max {
        return text.to_string();
    }
    let room = max - width(&ELLIPSIS.to_string(), size, weight);
    let mut kept = String::new();
    let mut used = 0.0;
    for c in text.chars() {
        let w = width(&c.to_string(), size, weight);
        if used + w > room {
            break;
        }
        used += w;
        kept.push(c);
    }
    // A cut never leaves a space before the ellipsis.
    let mut kept = kept.trim_end().to_string();
    kept.push(ELLIPSIS);
    kept
}

/// Draws one line of `text` with its left end at `x` and its baseline at `baseline`.
pub fn draw(
    pixmap: &mut Pixmap,
    text: &str,
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
    colour: Colour,
) {
    let Some(face) = face(weight) else { return };
    let scale = size / f32::from(face.units_per_em());
    let mut paint = Paint::default();
    paint.set_color(colour.into());
    paint.anti_alias = true;
    let visual = ParagraphBidiInfo::new(text, None).reorder_line(0..text.len()).into_owned();
    let mut pen = x;
    for c in visual.chars().filter(|c| !c.is_control()) {
        let mut outline = Outline(PathBuilder::new());
        let advance = advance(face, c);
        let (drawn, rule) = match face.glyph_index(c) {
            Some(id) => (face.outline_glyph(id, &mut outline).is_some(), FillRule::Winding),
            None => {
                missing(&mut outline, face, advance);
                (true, FillRule::EvenOdd)
            }
        };
        if drawn && let Some(path) = outline.0.finish() {
            // Font units grow upwards; the picture's y grows downwards.
            let at = Transform::from_row(scale, 0.0, 0.0, -scale, pen, baseline);
            pixmap.fill_path(&path, &paint, rule, at, None);
        }
        pen += f32::from(advance) * scale;
    }
}

/// The box of a character the faces lack: a frame as tall as a capital, inside its advance.
fn missing(outline: &mut Outline, face: &Face, advance: u16) {
    let em = f32::from(face.units_per_em());
    let (left, right) = (em * 0.08, f32::from(advance) - em * 0.08);
    let (bottom, top) = (0.0, em * 0.73);
    let line = em * 0.06;
    for (l, b, r, t) in [(left, bottom, right, top), (left + line, bottom + line, right - line, top - line)] {
        outline.move_to(l, b);
        outline.line_to(r, b);
        outline.line_to(r, t);
        outline.line_to(l, t);
        outline.close();
    }
}

/// A glyph's outline, as a path.
struct Outline(PathBuilder);

impl OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_load_and_carry_the_scripts_of_names() {
        for weight in [Weight::Regular, Weight::Bold] {
            let face = face(weight).expect("an embedded face that parses");
            for c in ['A', 'é', 'Ж', 'λ', 'ש', 'ب', '$', '…', '·'] {
                assert!(face.glyph_index(c).is_some(), "{c} in {weight:?}");
            }
        }
    }

    #[test]
    fn a_long_name_is_cut_to_fit_with_an_ellipsis() {
        let long = "W".repeat(300);
        let cut = fit(&long, 40.0, Weight::Bold, 500.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(width(&cut, 40.0, Weight::Bold) <= 500.0);
        assert_eq!(fit("Ada", 40.0, Weight::Bold, 500.0), "Ada");
        // Nothing fits: the ellipsis alone, never a panic.
        assert_eq!(fit("Ada", 40.0, Weight::Bold, 1.0), "…");
    }
}
