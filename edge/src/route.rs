//! Decodes a request's method and path into what it asks for, once, at the boundary.

use shared::api::ApiErrorCode;
use shared::ids::is_valid_code;
use worker::Method;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// A page of the app (`/` and other client-side routes): the app's document.
    Page,
    /// `GET /g/{code}`: the app's document, with a preview of the game for chats.
    GamePage(String),
    /// `POST /api/games`
    CreateGame,
    /// `POST /api/games/{code}/join`
    Join(String),
    /// `GET /api/games/{code}`
    Info(String),
    /// `GET /api/games/{code}/ws`
    Socket(String),
    /// `GET /api/games/{code}/usage`
    Usage(String),
    /// `POST /api/games/{code}/rematch`
    Rematch(String),
    /// `POST /api/quick-play`
    QuickPlay,
    /// `GET /api/games/{code}/qr.svg`: the invite link as a QR code.
    Qr(String),
    /// `GET /api/games/{code}/cards/{file}`: the picture of the game's link in a state.
    Card { code: String, file: String },
}

impl Route {
    pub fn parse(method: Method, path: &str) -> Result<Self, ApiErrorCode> {
        let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
        let game = |code: &str| {
            if is_valid_code(code) { Ok(code.to_string()) } else { Err(ApiErrorCode::NotFound) }
        };
        let (route, allowed) = match parts.as_slice() {
            ["api", "games"] => (Self::CreateGame, Method::Post),
            ["api", "games", code] => (Self::Info(game(code)?), Method::Get),
            ["api", "games", code, "join"] => (Self::Join(game(code)?), Method::Post),
            ["api", "games", code, "ws"] => (Self::Socket(game(code)?), Method::Get),
            ["api", "games", code, "usage"] => (Self::Usage(game(code)?), Method::Get),
            ["api", "games", code, "rematch"] => (Self::Rematch(game(code)?), Method::Post),
            ["api", "games", code, "qr.svg"] => (Self::Qr(game(code)?), Method::Get),
            ["api", "games", code, "cards", file] if crate::card::is_file_name(file) => {
                (Self::Card { code: game(code)?, file: file.to_string() }, Method::Get)
            }
            ["api", "games", _, "cards", _] => return Err(ApiErrorCode::NotFound),
            ["api", "quick-play"] => (Self::QuickPlay, Method::Post),
            ["api", ..] => return Err(ApiErrorCode::NoRoute),
            ["g", code] if is_valid_code(code) => (Self::GamePage(code.to_string()), Method::Get),
            ["g", _] | [""] => (Self::Page, Method::Get),
            _ => return Err(ApiErrorCode::NoRoute),
        };
        // HEAD is answered for every GET route, as GET without the body (`headers::secure`).
        let asked = if method == Method::Head { Method::Get } else { method };
        if asked == allowed { Ok(route) } else { Err(ApiErrorCode::BadMethod) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "abcdefghjkmn";

    #[test]
    fn api_routes_decode_with_their_method() {
        assert_eq!(Route::parse(Method::Post, "/api/games"), Ok(Route::CreateGame));
        assert_eq!(Route::parse(Method::Get, &format!("/api/games/{CODE}")), Ok(Route::Info(CODE.into())));
        assert_eq!(
            Route::parse(Method::Get, &format!("/api/games/{CODE}/usage")),
            Ok(Route::Usage(CODE.into()))
        );
        assert_eq!(
            Route::parse(Method::Post, &format!("/api/games/{CODE}/join")),
            Ok(Route::Join(CODE.into()))
        );
        assert_eq!(
            Route::parse(Method::Get, &format!("/api/games/{CODE}/ws")),
            Ok(Route::Socket(CODE.into()))
        );
        assert_eq!(Route::parse(Method::Get, &format!("/g/{CODE}")), Ok(Route::GamePage(CODE.into())));
        assert_eq!(Route::parse(Method::Get, "/g/nonsense"), Ok(Route::Page));
        assert_eq!(Route::parse(Method::Post, "/api/quick-play"), Ok(Route::QuickPlay));
        assert_eq!(
            Route::parse(Method::Get, &format!("/api/games/{CODE}/qr.svg")),
            Ok(Route::Qr(CODE.into()))
        );
        assert_eq!(Route::parse(Method::Get, "/api/games/x/qr.svg"), Err(ApiErrorCode::NotFound));
        assert_eq!(
            Route::parse(Method::Get, &format!("/api/games/{CODE}/cards/over-00ff.png")),
            Ok(Route::Card { code: CODE.into(), file: "over-00ff.png".into() })
        );
        for file in ["x.svg", "..png", "A.png", ".png", &format!("{}.png", "a".repeat(60)), "a%2f.png"] {
            assert_eq!(
                Route::parse(Method::Get, &format!("/api/games/{CODE}/cards/{file}")),
                Err(ApiErrorCode::NotFound),
                "{file}"
            );
        }
        assert_eq!(
            Route::parse(Method::Post, &format!("/api/games/{CODE}/rematch")),
            Ok(Route::Rematch(CODE.into()))
        );
    }

    #[test]
    fn wrong_methods_codes_and_paths_are_typed_errors() {
        assert_eq!(Route::parse(Method::Get, "/api/games"), Err(ApiErrorCode::BadMethod));
        assert_eq!(Route::parse(Method::Post, "/api/games/ABCDEFGHJKMN/join"), Err(ApiErrorCode::NotFound));
        assert_eq!(Route::parse(Method::Get, "/api/games/short/ws"), Err(ApiErrorCode::NotFound));
        assert_eq!(Route::parse(Method::Get, "/api/nothing"), Err(ApiErrorCode::NoRoute));
        assert_eq!(Route::parse(Method::Get, "/etc/passwd"), Err(ApiErrorCode::NoRoute));
        assert_eq!(Route::parse(Method::Head, "/api/games"), Err(ApiErrorCode::BadMethod));
    }

    #[test]
    fn head_is_answered_for_every_get_route() {
        for path in [
            "/",
            "/g/nonsense",
            &format!("/g/{CODE}"),
            &format!("/api/games/{CODE}"),
            &format!("/api/games/{CODE}/qr.svg"),
            &format!("/api/games/{CODE}/cards/waiting-0123abcd.png"),
        ] {
            assert_eq!(Route::parse(Method::Head, path), Route::parse(Method::Get, path), "{path}");
            assert!(Route::parse(Method::Head, path).is_ok(), "{path}");
        }
    }
}
