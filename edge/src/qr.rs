//! The invite link as a QR code, drawn by the Worker: the page shows it as an image and carries
//! no QR encoder in its download.

use worker::{Response, Result, Url};

/// How long a browser and the edge may keep a code's image: it depends only on the code and the
/// site's address, both in the request's URL, so it never changes.
const CACHE: &str = "public, max-age=31536000, immutable";

/// The SVG of the QR code of game `code`'s invite link at this site's address.
pub fn invite(url: &Url, code: &str) -> Result<Response> {
    let link = format!("{}/g/{code}", url.origin().ascii_serialization());
    let mut response = Response::ok(svg(&link))?;
    let headers = response.headers_mut();
    headers.set("Content-Type", "image/svg+xml")?;
    headers.set("Cache-Control", CACHE)?;
    Ok(response)
}

/// A QR code of `text` as SVG markup; generated here, never from a player's words (a code is
/// twelve letters and digits, checked by the route).
pub fn svg(text: &str) -> String {
    qrcode::QrCode::new(text.as_bytes())
        .map(|code| {
            code.render::<qrcode::render::svg::Color>().min_dimensions(160, 160).quiet_zone(true).build()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_code_is_an_svg_of_the_link() {
        let svg = super::svg("http://localhost:8787/g/abcdefghjkmn");
        assert!(svg.starts_with("<?xml") && svg.contains("<svg") && svg.ends_with("</svg>"), "{svg}");
        assert!(svg.contains("<path"), "the modules are drawn");
    }
}
