//! What every answer carries whatever route it came from: `X-Content-Type-Options: nosniff` and
//! a `Referrer-Policy`; the documents the Worker answers itself carry the document's own
//! Content-Security-Policy too. And `HEAD`, answered as `GET` without its body.
//!
//! The policy is written once, by the build, into `dist/_headers` for `/` (`scripts/headers.mjs`
//! hashes the document's inline scripts as built): the platform sends it with the document it
//! serves, and the Worker copies it from the document's answer onto the pages it answers with
//! that document (`/g/{code}`, a game's link with its preview).

use worker::{Headers, Response, Result};

/// Headers of every answer, assets included (`dist/_headers` gives them to those).
pub const EVERY: [(&str, &str); 2] =
    [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer")];

/// Headers of the document alone, as the build wrote them for `/`.
pub const DOCUMENT: [&str; 3] =
    ["Content-Security-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy"];

/// `response` with the headers of every answer; without its body where the request was `HEAD`.
/// Written into a fresh set of headers: an answer from an asset or a room may hold immutable ones.
pub fn secure(response: Response, head: bool) -> Result<Response> {
    let headers = Headers::new();
    for (name, value) in response.headers().entries() {
        headers.set(&name, &value)?;
    }
    for (name, value) in EVERY {
        headers.set(name, value)?;
    }
    let response = if head { Response::empty()?.with_status(response.status_code()) } else { response };
    Ok(response.with_headers(headers))
}

/// A document answered by the Worker, with the document headers of `from` (the app's document
/// as the platform served it).
pub fn document(body: String, from: &Headers) -> Result<Response> {
    let mut response = Response::from_html(body)?;
    for name in DOCUMENT {
        if let Some(value) = from.get(name)? {
            response.headers_mut().set(name, &value)?;
        }
    }
    // Asked for every time, like the app's document: it names the version to load.
    response.headers_mut().set("Cache-Control", "public, max-age=0, must-revalidate")?;
    Ok(response)
}
