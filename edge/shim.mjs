// The Worker's entry module (wrangler.toml `main`). scripts/build.sh copies it into
// edge/build/worker/, beside wasm-bindgen's `--target module` output (index.js, index_bg.wasm and
// the crates' inline JS under snippets/); wrangler bundles them into one module.
//
// The glue exports the `#[event(fetch)]` function and a class per `#[durable_object]`; this module
// hands them to the runtime under the names wrangler.toml binds.
//
// Why the classes are wrapped: a panic traps the Wasm instance (wasm32 aborts), and the glue,
// made with `--force-enable-abort-handler`, resets it (a fresh instance of the same module) at the
// next call into Rust. A Durable Object's Rust half lived in the old instance's memory, but the
// runtime keeps the JS object, and the glue's object then throws "Invalid stale object from
// previous Wasm instance" on every call (or, when the reset happens inside the call, uses a pointer
// into the old memory): the game would answer 500 until the runtime evicts it. So each object
// rebuilds its Rust half, through the Rust `new` that reads storage, when first used after a reset.
import * as rust from './index.js';

export default {
  fetch: (request, env, ctx) => rust.fetch(request, env, ctx),
};

export const GameRoom = rebuiltAfterReset(rust.GameRoom);
export const Matchmaker = rebuiltAfterReset(rust.Matchmaker);

/** A Durable Object class with the methods of `Rust` (fetch, alarm, webSocketMessage...), each
 * called on a Rust object of the current instance. */
function rebuiltAfterReset(Rust) {
  class Adapter {
    constructor(state, env) {
      this.args = [state, env];
      this.build();
    }

    build() {
      this.inner = new Rust(...this.args);
      this.instance = instance();
    }

    current() {
      if (instance() !== this.instance) this.build();
      return this.inner;
    }
  }
  for (const name of Object.getOwnPropertyNames(Rust.prototype)) {
    if (name === 'constructor' || name === 'free' || name.startsWith('__')) continue;
    Adapter.prototype[name] = function (...args) {
      return this.current()[name](...args);
    };
  }
  // A socket the room closed (a flood, say) keeps delivering what its peer sent before it heard
  // the Close, by the thousand: each frame is dropped here, without a call into Rust, its
  // conversions and its promise (edge/src/room_io.rs sets the mark).
  const message = Adapter.prototype.webSocketMessage;
  if (message) {
    Adapter.prototype.webSocketMessage = function (ws, data) {
      if (ws.clixClosing === true) return undefined;
      return message.call(this, ws, data);
    };
  }
  return Adapter;
}

/** The number of the Wasm instance, which the worker crate's start function counts up. Asked
 * through a call into Rust so that a pending reset happens here, before the comparison, and not
 * inside the method about to be called. */
function instance() {
  return rust.__worker_init_state().instanceId;
}
