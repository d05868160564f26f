//! Routes for the operator only, signed with a secret the operator sets
//! (`wrangler secret put USAGE_SECRET`; locally `--var USAGE_SECRET:…` or `.dev.vars`).

use worker::{Env, Request};

/// The secret's name among the Worker's bindings.
const SECRET: &str = "USAGE_SECRET";

/// Whether `req` carries `Authorization: Bearer <secret>`. Without a secret set, nobody does.
pub fn is_operator(env: &Env, req: &Request) -> bool {
    let Ok(secret) = env.secret(SECRET).map(|s| s.to_string()) else { return false };
    let given = req.headers().get("Authorization").ok().flatten().unwrap_or_default();
    bearer_matches(&given, &secret)
}

/// Compares in time that does not depend on where the first difference is.
fn bearer_matches(header: &str, secret: &str) -> bool {
    let Some(given) = header.strip_prefix("Bearer ") else { return false };
    if secret.is_empty() || given.len() != secret.len() {
        return false;
    }
    given.bytes().zip(secret.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::bearer_matches;

    #[test]
    fn only_the_exact_secret_opens() {
        assert!(bearer_matches("Bearer s3cret", "s3cret"));
        assert!(!bearer_matches("Bearer s3creT", "s3cret"));
        assert!(!bearer_matches("Bearer s3cret2", "s3cret"));
        assert!(!bearer_matches("s3cret", "s3cret"));
        assert!(!bearer_matches("Bearer ", ""));
    }
}
