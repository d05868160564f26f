//! Short synthesized sounds and a light vibration, behind a remembered mute toggle; no vibration
//! under reduced motion.

use web_sys::{AudioContext, OscillatorType};

const MUTE_KEY: &str = "clix.muted";

thread_local! {
    static AUDIO: Option<AudioContext> = AudioContext::new().ok();
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn muted() -> bool {
    storage().and_then(|s| s.get_item(MUTE_KEY).ok().flatten()).is_some_and(|v| v == "1")
}

pub fn set_muted(muted: bool) {
    if let Some(s) = storage() {
        let _ = s.set_item(MUTE_KEY, if muted { "1" } else { "0" });
    }
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-reduced-motion: reduce)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// A tone of `freq` Hz for `secs`, fading out so it never clicks.
fn tone(freq: f32, secs: f64, kind: OscillatorType) {
    if muted() {
        return;
    }
    AUDIO.with(|audio| {
        let Some(ctx) = audio else { return };
        let (Ok(osc), Ok(gain)) = (ctx.create_oscillator(), ctx.create_gain()) else { return };
        let now = ctx.current_time();
        osc.set_type(kind);
        osc.frequency().set_value(freq);
        let _ = gain.gain().set_value_at_time(0.12, now);
        let _ = gain.gain().exponential_ramp_to_value_at_time(0.001, now + secs);
        let _ = osc.connect_with_audio_node(&gain);
        let _ = gain.connect_with_audio_node(&ctx.destination());
        let _ = osc.start();
        let _ = osc.stop_with_when(now + secs);
    });
}

fn vibrate(ms: u32) {
    if !reduced_motion()
        && let Some(w) = web_sys::window()
    {
        let _ = w.navigator().vibrate_with_duration(ms);
    }
}

pub fn click() {
    tone(660.0, 0.04, OscillatorType::Square);
    vibrate(8);
}

pub fn ship() {
    tone(880.0, 0.18, OscillatorType::Triangle);
    vibrate(30);
}

pub fn game_over() {
    tone(523.0, 0.5, OscillatorType::Sine);
}
