//! What a test does to the game from outside: seats, sockets, messages, a restart, a rematch.

use shared::game::{Game, JoinError};
use shared::host::Host;
use shared::ids::ConnId;
use shared::protocol::{ClientMsg, PROTOCOL_VERSION};
use shared::rules::{GameConfig, HEARTBEAT_MS, Rules};
use shared::view::{GameView, Phase, RoundRow};

use super::{Client, Due, Sim};

impl Sim {
    /// A private game of one connected player per round trip in `rtts`, full and so starting.
    pub fn started(rules: Rules, rtts: &[u64]) -> Self {
        let cap = u8::try_from(rtts.len()).expect("a few players");
        let mut sim = Self::new(GameConfig::private(cap, rules).expect("valid rules and cap"));
        for (n, rtt) in rtts.iter().enumerate() {
            sim.player(&format!("P{n}"), *rtt);
        }
        sim
    }

    /// Someone pressed "Play again" and the owner opened a rematch under `code`.
    pub fn rematch(&mut self, code: &str) -> Option<String> {
        let answer = self.game.handle_rematch(code.to_string(), self.now);
        self.flush();
        answer
    }

    /// The rows of a settled round, as the game keeps them.
    pub fn rows(&self, round: u8) -> Vec<RoundRow> {
        let history = self.game.view(None).history;
        history.into_iter().find(|s| s.round == round).map(|s| s.rows).unwrap_or_default()
    }

    /// The runtime restarts: the game comes back from its saved state and the sockets that stayed
    /// open are registered again, as the Durable Object does after eviction.
    pub fn restart(&mut self) {
        self.restart_without(&[]);
    }

    /// A restart after which the sockets of the clients in `gone` never come back, as when the
    /// runtime is killed and those players' connections died with it.
    pub fn restart_without(&mut self, gone: &[usize]) {
        for &i in gone {
            if let Some(conn) = self.clients[i].conn.take() {
                self.owners.remove(&conn);
            }
        }
        let saved = self.store.bytes.clone().expect("the game was saved");
        let open: Vec<_> = self
            .owners
            .iter()
            .filter_map(|(&conn, &i)| {
                let c = &self.clients[i];
                self.game.hello_of(conn).map(|h| (conn, h, c.network, c.from.clone()))
            })
            .collect();
        self.game = Game::from_stored(&saved).expect("a saved game loads");
        self.host = Host::new(self.store.alarm);
        for (conn, hello, network, from) in open {
            self.game.restore_conn(conn, Some(hello), network, Some(from), self.now);
        }
        self.game.handle_restored(self.now);
        self.flush();
    }

    /// The host asked for practice: bots fill the game.
    pub fn practice(&mut self) {
        self.game.handle_practice(self.now);
        self.flush();
    }

    /// Takes a seat over HTTP; the player is not connected yet.
    pub fn join(&mut self, name: &str, rtt: u64) -> Result<usize, JoinError> {
        let token = format!("secret-{}", self.clients.len());
        let joined = self.game.handle_join(name, token.clone(), self.now)?;
        self.flush();
        self.clients.push(Client::new(&joined.name, rtt, Some(joined.seat), Some(token)));
        Ok(self.clients.len() - 1)
    }

    /// Takes a seat and connects.
    pub fn player(&mut self, name: &str, rtt: u64) -> usize {
        let i = self.join(name, rtt).expect("the seat is free");
        self.connect(i);
        i
    }

    /// Someone with the invite link and no seat, or a seat token of their own making.
    pub fn outsider(&mut self, rtt: u64, token: Option<&str>) -> usize {
        self.clients.push(Client::new("outsider", rtt, None, token.map(String::from)));
        let i = self.clients.len() - 1;
        self.connect(i);
        i
    }

    /// Opens a new socket for client `i` and says hello with its token, unless the socket was
    /// refused.
    pub fn connect(&mut self, i: usize) {
        self.open_socket(i);
        if self.clients[i].conn.is_some() {
            let token = self.clients[i].token.clone();
            self.send(i, &ClientMsg::Hello { protocol: PROTOCOL_VERSION, token });
        }
    }

    /// Opens a socket that has said nothing yet, as the Worker does: asked about its address
    /// first, and turned away before the upgrade if the game says so (`refused` then holds the
    /// wait, and there is no socket).
    pub fn open_socket(&mut self, i: usize) {
        self.clients[i].refused = self.game.may_connect(&self.clients[i].from, self.now).err();
        if self.clients[i].refused.is_some() {
            self.clients[i].conn = None;
            return;
        }
        self.sockets += 1;
        let conn = ConnId(self.sockets);
        self.owners.insert(conn, i);
        let c = &mut self.clients[i];
        c.conn = Some(conn);
        c.view = None;
        c.closed = None;
        let (network, from) = (c.network, c.from.clone());
        self.game.handle_connect(conn, network, Some(from), self.now);
        self.flush();
        self.push(self.now + HEARTBEAT_MS, Due::Heartbeat { client: i, conn });
    }

    /// The client's socket drops; the server notices at once.
    pub fn disconnect(&mut self, i: usize) {
        if let Some(conn) = self.clients[i].conn.take() {
            self.game.handle_disconnect(conn, self.now);
            self.flush();
        }
    }

    /// Client `i` sends `count` clicks as one batch, the last at `at`, numbered by its journal.
    pub fn click(&mut self, i: usize, count: u32, at: u32) {
        if let Some(msg) = self.clients[i].journal.taps(count, at) {
            self.send(i, &msg);
        }
    }

    /// Client `i` ships, claiming `at`, through its journal: once a round.
    pub fn ship(&mut self, i: usize, at: u32) {
        for msg in self.clients[i].journal.ship(at) {
            self.send(i, &msg);
        }
    }

    pub fn send(&mut self, i: usize, msg: &ClientMsg) {
        if *msg == ClientMsg::Leave
            && matches!(self.clients[i].view.as_ref().map(|v| v.phase), Some(Phase::Waiting { .. }))
        {
            self.clients[i].left_room = true;
        }
        let frame = serde_json::to_string(msg).expect("client messages serialize");
        self.send_frame(i, &frame);
    }

    /// A binary frame, which the protocol does not use, reaches the server at once.
    pub fn send_binary(&mut self, i: usize) {
        if let Some(conn) = self.clients[i].conn {
            self.game.handle_binary(conn, self.now);
            self.flush();
        }
    }

    pub fn send_frame(&mut self, i: usize, frame: &str) {
        let c = &self.clients[i];
        if let Some(conn) = c.conn {
            self.push(self.now + c.up(), Due::ToServer { conn, frame: frame.to_string() });
        }
    }

    pub fn client(&self, i: usize) -> &Client {
        &self.clients[i]
    }

    /// The view client `i` has built for itself.
    pub fn view(&self, i: usize) -> &GameView {
        self.clients[i].view()
    }
}
