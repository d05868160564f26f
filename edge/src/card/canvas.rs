//! A picture being drawn: filled shapes, lines and text on a tiny-skia pixmap, then its PNG.

use shared::ids::SeatId;
use tiny_skia::{Color, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

use super::text::{self, Weight};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl From<Colour> for Color {
    fn from(Colour(r, g, b): Colour) -> Self {
        Color::from_rgba8(r, g, b, 255)
    }
}

// The page's own colours (`public/style.css`, `:root`).
pub const INK: Colour = Colour(0x0b, 0x13, 0x24);
pub const PAPER: Colour = Colour(0xf7, 0xf7, 0xf2);
pub const NAVY: Colour = Colour(0x14, 0x21, 0x3d);
pub const GOLD: Colour = Colour(0xfc, 0xa3, 0x11);
pub const MUTED: Colour = Colour(0x4a, 0x55, 0x68);
pub const WHITE: Colour = Colour(0xff, 0xff, 0xff);
/// Rules between rows and the chart's grid (`#e2e8f0` in the page).
pub const RULE: Colour = Colour(0xe2, 0xe8, 0xf0);
/// Words on the navy band that are not its title.
pub const ON_NAVY: Colour = Colour(0xcb, 0xd5, 0xe1);

/// The seats' colours, as `.c0` to `.c9` in `public/style.css` (a test holds them equal).
pub const SEATS: [Colour; 10] = [
    Colour(0x1d, 0x4e, 0xd8),
    Colour(0xb9, 0x1c, 0x1c),
    Colour(0x04, 0x78, 0x57),
    Colour(0x7c, 0x3a, 0xed),
    Colour(0xb4, 0x53, 0x09),
    Colour(0x0e, 0x74, 0x90),
    Colour(0xbe, 0x18, 0x5d),
    Colour(0x4d, 0x7c, 0x0f),
    Colour(0x37, 0x41, 0x51),
    Colour(0x9a, 0x34, 0x12),
];

pub fn seat_colour(seat: SeatId) -> Colour {
    SEATS[usize::from(seat.0) % SEATS.len()]
}

/// How a line of text looks: its size in pixels, its weight and its colour.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Style {
    pub size: f32,
    pub weight: Weight,
    pub colour: Colour,
}

impl Style {
    pub const fn new(size: f32, weight: Weight, colour: Colour) -> Self {
        Self { size, weight, colour }
    }

    /// The same look in another weight.
    pub const fn with_weight(self, weight: Weight) -> Self {
        Self { weight, ..self }
    }

    /// The same look in another colour.
    pub const fn in_colour(self, colour: Colour) -> Self {
        Self { colour, ..self }
    }
}

/// Where a line of text stands relative to its `x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Centre,
}

pub struct Canvas {
    pixmap: Pixmap,
}

fn paint(colour: Colour) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(colour.into());
    paint.anti_alias = true;
    paint
}

impl Canvas {
    /// A `width` × `height` picture filled with `background`; `None` for a size of zero.
    pub fn new(width: u32, height: u32, background: Colour) -> Option<Self> {
        let mut pixmap = Pixmap::new(width, height)?;
        pixmap.fill(background.into());
        Some(Self { pixmap })
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Colour) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.pixmap.fill_rect(rect, &paint(colour), Transform::identity(), None);
        }
    }

    /// A rectangle with corners of radius `r`.
    pub fn rounded(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32, colour: Colour) {
        // A circle's quarter as a cubic: the control points at 0.5523 of the radius.
        let k = r * 0.552_284_8;
        let mut p = PathBuilder::new();
        p.move_to(x + r, y);
        p.line_to(x + w - r, y);
        p.cubic_to(x + w - r + k, y, x + w, y + r - k, x + w, y + r);
        p.line_to(x + w, y + h - r);
        p.cubic_to(x + w, y + h - r + k, x + w - r + k, y + h, x + w - r, y + h);
        p.line_to(x + r, y + h);
        p.cubic_to(x + r - k, y + h, x, y + h - r + k, x, y + h - r);
        p.line_to(x, y + r);
        p.cubic_to(x, y + r - k, x + r - k, y, x + r, y);
        p.close();
        if let Some(path) = p.finish() {
            self.pixmap.fill_path(&path, &paint(colour), FillRule::Winding, Transform::identity(), None);
        }
    }

    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, colour: Colour) {
        if let Some(path) = PathBuilder::from_circle(cx, cy, r) {
            self.pixmap.fill_path(&path, &paint(colour), FillRule::Winding, Transform::identity(), None);
        }
    }

    /// A line through `points`, `width` pixels wide, with round joins.
    pub fn polyline(&mut self, points: &[(f32, f32)], width: f32, colour: Colour) {
        let mut p = PathBuilder::new();
        for (i, &(x, y)) in points.iter().enumerate() {
            if i == 0 { p.move_to(x, y) } else { p.line_to(x, y) }
        }
        let stroke =
            Stroke { width, line_cap: LineCap::Round, line_join: LineJoin::Round, ..Stroke::default() };
        if let Some(path) = p.finish() {
            self.pixmap.stroke_path(&path, &paint(colour), &stroke, Transform::identity(), None);
        }
    }

    /// One line of text in `style`, cut with "…" to `max` pixels, placed by `align` at `x` on
    /// `baseline`; returns the width drawn.
    pub fn text(
        &mut self,
        words: &str,
        (x, baseline): (f32, f32),
        style: Style,
        align: Align,
        max: f32,
    ) -> f32 {
        let line = text::fit(words, style.size, style.weight, max);
        let w = text::width(&line, style.size, style.weight);
        let left = match align {
            Align::Left => x,
            Align::Right => x - w,
            Align::Centre => x - w / 2.0,
        };
        text::draw(&mut self.pixmap, &line, left, baseline, style.size, style.weight, style.colour);
        w
    }

    /// The picture as PNG; `None` only if encoding failed. Written as RGB, without tiny-skia's
    /// alpha channel (every pixel is opaque: the picture starts filled): 41-54 KB where
    /// tiny-skia's own writer made 124-176 KB, and some chats refuse pictures over 300 KB. The
    /// png crate's default level with its one fixed filter was both the smallest and the quickest
    /// of the levels and filters tried (`scripts/card-bench.sh`).
    pub fn png(&self) -> Option<Vec<u8>> {
        let rgb: Vec<u8> = self.pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.pixmap.width(), self.pixmap.height());
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Default);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&rgb).ok()?;
        writer.finish().ok()?;
        Some(out)
    }
}
