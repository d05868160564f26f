//! The live player list: name, host badge, presence, round trip, capital, shipped mark.

use leptos::prelude::*;
use shared::view::{Presence, Standing};

use crate::net::socket::GameState;

#[component]
pub fn PlayerList() -> impl IntoView {
    let state = expect_context::<GameState>();
    let rows =
        move || state.view.with(|v| v.as_ref().map(|v| (v.players.clone(), v.host, v.you.map(|y| y.seat))));
    view! {
        <ul class="players" data-testid="players" aria-label="Players">
            {move || rows().map(|(players, host, me)| players.into_iter().map(|p| {
                let online = p.presence == Presence::Online;
                let out = !matches!(p.standing, Standing::Active);
                view! {
                    <li class="player" class:away=!online class:out=out data-testid="player">
                        // Isolated: a name cannot reorder the badges beside it.
                        <bdi class="name">{p.name.clone()}</bdi>
                        {(Some(p.seat) == me).then(|| view! { <span class="badge you">"you"</span> })}
                        {(Some(p.seat) == host).then(|| view! { <span class="badge host">"host"</span> })}
                        <span class="presence" data-testid="presence">{if online { "online" } else { "away" }}</span>
                        <span class="rtt">{p.rtt_ms.map(|ms| format!("{ms} ms")).unwrap_or_default()}</span>
                        <span class="capital">{crate::money::money(p.capital)}</span>
                        {p.shipped.then(|| view! { <span class="badge shipped">"shipped"</span> })}
                        {match p.standing {
                            Standing::Eliminated { .. } => Some(view! { <span class="badge out">"broke"</span> }),
                            Standing::Forfeited => Some(view! { <span class="badge out">"left"</span> }),
                            Standing::Active => None,
                        }}
                    </li>
                }
            }).collect_view())}
        </ul>
    }
}
