//! JSON answers, typed errors, and reading bounded JSON bodies.

use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::{ApiError, ApiErrorCode};
use worker::{Request, Response, Result};

/// A JSON answer with a status.
pub fn json<T: Serialize>(status: u16, body: &T) -> Result<Response> {
    Ok(Response::from_json(body)?.with_status(status))
}

/// A typed error with its status.
pub fn api_error(err: ApiError) -> Result<Response> {
    json(err.error.status(), &err)
}

/// Reads a JSON body of at most `max` bytes into `T`.
pub async fn read_json<T: DeserializeOwned>(
    req: &mut Request,
    max: usize,
) -> std::result::Result<T, ApiError> {
    let bad = |reason: &str| ApiError::new(ApiErrorCode::BadRequest, reason);
    let bytes = req.bytes().await.map_err(|_| bad("Unreadable body."))?;
    if bytes.len() > max {
        return Err(bad("Body too large."));
    }
    serde_json::from_slice(&bytes).map_err(|_| bad("Body is not the expected JSON."))
}
