//! The live player list: name, host badge, presence, round trip, capital, shipped mark.

use leptos::prelude::*;
use shared::view::{Phase, Presence, Standing};

use super::colour::colour;
use crate::net::socket::{GameState, Link};

#[component]
pub fn PlayerList() -> impl IntoView {
    let state = expect_context::<GameState>();
    let rows = move || {
        state.view.with(|v| {
            v.as_ref().map(|v| {
                let in_round = matches!(v.phase, Phase::Round { .. });
                (v.players.clone(), v.host, v.you.map(|y| y.seat), in_round)
            })
        })
    };
    // Offline, this page hears nothing: it must not go on saying who is online.
    let live = move || state.link.get() == Link::Live;
    view! {
        <ul class="players" class:stale=move || !live() data-testid="players" aria-label="Players">
            {move || rows().map(|(players, host, me, in_round)| players.into_iter().map(|p| {
                let online = p.presence == Presence::Online;
                let out = !matches!(p.standing, Standing::Active);
                let presence = match (live(), online) {
                    (false, _) => "unknown",
                    (true, true) => "online",
                    (true, false) => "away",
                };
                view! {
                    <li class="player" class:away=!online class:out=out data-testid="player">
                        <i class="dot" aria-hidden="true" style:background=colour(p.seat)></i>
                        // Isolated: a name cannot reorder the badges beside it.
                        <bdi class="name">{p.name.clone()}</bdi>
                        {(Some(p.seat) == me).then(|| view! { <span class="badge you">"you"</span> })}
                        {(Some(p.seat) == host).then(|| view! { <span class="badge host">"host"</span> })}
                        <span class="presence" data-testid="presence">{presence}</span>
                        <span class="rtt" data-testid="rtt">{p.rtt_ms.map(|ms| format!("{ms} ms")).unwrap_or_default()}</span>
                        <span class="capital">{crate::money::money(p.capital)}</span>
                        // A mark of the round being played; it means nothing once the round is over.
                        {(in_round && p.shipped).then(|| view! { <span class="badge shipped">"shipped"</span> })}
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
