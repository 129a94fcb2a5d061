//! End-to-end harness: starts the real built Baohao binary through tauri-driver and
//! WebKitWebDriver in a real window (under Xvfb, with a D-Bus session and a notification
//! daemon set up by `tests/run-e2e.sh`), and drives it with W3C WebDriver calls.
//!
//! Every wait has a deadline, and dropping an [`App`] ends the WebDriver session and kills
//! the driver's whole process group, so a failed test leaves no process behind.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(20);
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The binary under test: `BAOHAO_APP`, else the debug build with embedded assets.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("BAOHAO_APP") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join("baohao")
}

/// Where screenshots go for people to look at.
pub fn screenshot_dir() -> PathBuf {
    let dir = workspace_root().join("target").join("e2e-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Fails loudly when the environment the tests need is missing: these tests never skip.
pub fn require_environment() {
    let missing: Vec<&str> = [
        ("DISPLAY", std::env::var_os("DISPLAY").is_some()),
        (
            "DBUS_SESSION_BUS_ADDRESS",
            std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(),
        ),
    ]
    .iter()
    .filter(|(_, ok)| !ok)
    .map(|(name, _)| *name)
    .collect();
    assert!(
        missing.is_empty(),
        "end-to-end tests need {missing:?}: run them with `make test-e2e` (Xvfb + D-Bus + dunst)"
    );
    assert!(
        app_binary().exists(),
        "{} is missing: `make test-e2e` builds it (cargo build -p baohao --features custom-protocol,test-clock)",
        app_binary().display()
    );
    assert!(
        which("tauri-driver").is_some() && which("WebKitWebDriver").is_some(),
        "tauri-driver and WebKitWebDriver must be on PATH: `make deps` installs them"
    );
}

pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// Two distinct free ports (both listeners are held until both are known, so the OS cannot
/// hand out the same one twice).
fn free_ports() -> (u16, u16) {
    let a = TcpListener::bind("127.0.0.1:0").unwrap();
    let b = TcpListener::bind("127.0.0.1:0").unwrap();
    (
        a.local_addr().unwrap().port(),
        b.local_addr().unwrap().port(),
    )
}

/// Options for one launch of the app.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    pub data_dir: PathBuf,
    /// Extra environment for the app (set on tauri-driver's process, which passes it on).
    pub env: Vec<(String, String)>,
    pub args: Vec<String>,
    /// Keep the first-start introduction: without this, [`App::wait_ready`] skips it the way a
    /// person would, since most tests start on an empty data folder to test something else.
    pub onboarding: bool,
}

/// A running app with a WebDriver session on it.
pub struct App {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
    skip_onboarding: bool,
}

pub struct Element<'a> {
    app: &'a App,
    id: String,
    /// The selector it was found by, to find it again when the page rendered it anew.
    css: Option<String>,
}

impl App {
    pub fn launch(launch: &Launch) -> App {
        require_environment();
        let (port, native_port) = free_ports();
        let log = std::fs::File::create(screenshot_dir().join(format!("tauri-driver-{port}.log")))
            .unwrap();
        let mut cmd = Command::new("tauri-driver");
        cmd.args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native_port.to_string(),
        ])
        .env("BAOHAO_DATA_DIR", &launch.data_dir)
        // The web view's own storage (the UI's language, say) per data dir too, so one test's
        // choices never leak into the next.
        .env("XDG_DATA_HOME", launch.data_dir.join("xdg-data"))
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
        for (k, v) in &launch.env {
            cmd.env(k, v);
        }
        // Its own process group, so Drop can kill the driver, WebKitWebDriver and the app.
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let driver = cmd.spawn().expect("start tauri-driver");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            // Starting the app (the session) can take long on a busy two-core machine.
            .timeout_global(Some(Duration::from_secs(60)))
            .http_status_as_error(false)
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let mut app = App {
            driver,
            base,
            session: String::new(),
            agent,
            skip_onboarding: !launch.onboarding,
        };
        app.wait_until("tauri-driver to listen", || {
            app.agent
                .get(format!("{}/status", app.base))
                .call()
                .map(|r| r.status().is_success())
                .unwrap_or(false)
        });
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "wry",
                "tauri:options": {
                    "application": app_binary(),
                    "args": launch.args,
                }
            }}
        });
        let v = app.raw("POST", "/session", Some(caps));
        app.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_owned();
        app
    }

    fn raw(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{}", self.base, path);
        let resp = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, Some(b)) => self.agent.post(&url).send_json(b),
            (_, None) => self.agent.post(&url).send_json(json!({})),
        };
        let mut resp = resp.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = resp.status();
        let v: Value = resp.body_mut().read_json().unwrap_or(Value::Null);
        if !status.is_success() {
            panic!("{method} {path} -> {status}: {v}");
        }
        v["value"].clone()
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.raw(method, &format!("/session/{}{}", self.session, path), body)
    }

    /// A call that may fail (used while polling).
    fn try_call(&self, path: &str, body: Value) -> Option<Value> {
        let url = format!("{}/session/{}{}", self.base, self.session, path);
        let mut resp = self.agent.post(&url).send_json(body).ok()?;
        if !resp.status().is_success() {
            return None;
        }
        let v: Value = resp.body_mut().read_json().ok()?;
        Some(v["value"].clone())
    }

    pub fn wait_until(&self, what: &str, mut f: impl FnMut() -> bool) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if f() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out after {WAIT:?} waiting for {what}");
    }

    /// Waits for the element matching `css` to exist, then returns it.
    pub fn find(&self, css: &str) -> Element<'_> {
        let mut found = None;
        self.wait_until(&format!("element {css}"), || {
            found = self
                .try_call("/element", json!({ "using": "css selector", "value": css }))
                .and_then(|v| v[ELEMENT_KEY].as_str().map(str::to_owned));
            found.is_some()
        });
        Element {
            app: self,
            id: found.unwrap(),
            css: Some(css.to_owned()),
        }
    }

    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        self.try_call(
            "/elements",
            json!({ "using": "css selector", "value": css }),
        )
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| e[ELEMENT_KEY].as_str())
        .map(|id| Element {
            app: self,
            id: id.to_owned(),
            css: None,
        })
        .collect()
    }

    /// Waits until `css` matches exactly `n` elements.
    pub fn wait_count(&self, css: &str, n: usize) -> Vec<Element<'_>> {
        self.wait_until(&format!("{n} × {css}"), || self.find_all(css).len() == n);
        self.find_all(css)
    }

    /// The text content of the first element matching `css` ("" when there is none).
    /// (WebKitWebDriver's "element text" misses text in some ellipsized flex items, so this
    /// reads `textContent`; screenshots show what is visible.)
    pub fn text_of(&self, css: &str) -> String {
        self.try_call(
            "/execute/sync",
            json!({ "script": "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''", "args": [css] }),
        )
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
    }

    /// Waits until the text of `css` contains `needle`.
    pub fn wait_text(&self, css: &str, needle: &str) -> String {
        let mut last = String::new();
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            last = self.text_of(css);
            if last.contains(needle) {
                return last;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("timed out after {WAIT:?} waiting for {css} to contain {needle:?} (last: {last:?})");
    }

    pub fn execute(&self, script: &str, args: Value) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits for the UI to finish its first load (`<html data-ready="true">`), and skips the
    /// first-start introduction unless the launch keeps it ([`Launch::onboarding`]).
    pub fn wait_ready(&self) {
        self.wait_until("the UI to be ready", || {
            self.try_call(
                "/execute/sync",
                json!({ "script": "return document.documentElement.dataset.ready === 'true'", "args": [] }),
            ) == Some(Value::Bool(true))
        });
        if !self.skip_onboarding {
            return;
        }
        let skipped = self.execute(
            "const b = document.querySelector('[data-testid=onboarding-skip]'); \
             if (b) b.click(); return !!b;",
            json!([]),
        );
        if skipped == Value::Bool(true) {
            self.wait_until("the introduction to be skipped", || {
                self.execute(
                    "return !document.querySelector('[data-testid=onboarding]')",
                    json!([]),
                ) == Value::Bool(true)
            });
        }
    }

    /// Calls a Rust command through the app's real IPC (what the UI's bindings do), for test
    /// set-up steps that are not what the test is about.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let v = self.call(
            "POST",
            "/execute/async",
            Some(json!({
                "script": "const done = arguments[arguments.length - 1];\
                    window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])\
                      .then(v => done({ ok: v === undefined ? null : v }), e => done({ err: e }));",
                "args": [cmd, args],
            })),
        );
        match v.get("ok") {
            Some(ok) => Ok(ok.clone()),
            None => Err(v.get("err").cloned().unwrap_or(v)),
        }
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.call(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        );
    }

    /// Saves a PNG of the window under `target/e2e-screenshots/<name>.png`.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let b64 = self.call("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(b64.as_str().unwrap_or_default())
            .unwrap();
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        path
    }

    /// Sets a <select>'s value the way a user's choice would (fires input and change).
    pub fn select(&self, css: &str, value: &str) {
        self.find(css);
        self.execute(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1];\
             s.dispatchEvent(new Event('input', {bubbles: true}));\
             s.dispatchEvent(new Event('change', {bubbles: true})); return s.value;",
            json!([css, value]),
        );
    }

    /// Closes the app's window the way a window manager's close button does: a
    /// `WM_DELETE_WINDOW` message to the window titled "Baohao 保号" (WebDriver's own
    /// "close window" destroys the web view instead, which no user can do).
    pub fn close_window(&self) {
        close_x11_window("Baohao 保号").unwrap();
    }

    /// Whether the app itself (a `baohao` process under the driver) still runs.
    pub fn process_alive(&self) -> bool {
        let pgid = self.driver.id().to_string();
        Command::new("pgrep")
            .args(["-g", &pgid, "-x", "baohao"])
            .stdout(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// Ends the session and the processes; also what Drop does.
    pub fn quit(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if !self.session.is_empty() {
            let url = format!("{}/session/{}", self.base, self.session);
            let _ = self.agent.delete(&url).call();
            self.session.clear();
        }
        // The driver leads its own process group (see `launch`): signal the whole group.
        let pgid = nix::unistd::Pid::from_raw(self.driver.id() as i32);
        let _ = nix::sys::signal::killpg(pgid, nix::sys::signal::Signal::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = nix::sys::signal::killpg(pgid, nix::sys::signal::Signal::SIGKILL);
        let _ = self.driver.wait();
        // The next launch must not find this app still running: single-instance would hand
        // the new launch over to it.
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.process_alive() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.shutdown();
    }
}

impl Element<'_> {
    /// Clicks the element. When the click is refused and the element was found by a selector
    /// (the screen may have rendered it anew in between, which makes the old reference
    /// stale), it is found again and clicked once more; a second refusal fails the test.
    pub fn click(&self) -> &Self {
        let path = format!("/element/{}/click", self.id);
        match &self.css {
            Some(css) if self.app.try_call(&path, json!({})).is_none() => {
                let again = self.app.find(css);
                self.app.call(
                    "POST",
                    &format!("/element/{}/click", again.id),
                    Some(json!({})),
                );
            }
            Some(_) => {}
            None => {
                self.app.call("POST", &path, Some(json!({})));
            }
        }
        self
    }

    pub fn clear(&self) -> &Self {
        self.app.call(
            "POST",
            &format!("/element/{}/clear", self.id),
            Some(json!({})),
        );
        self
    }

    pub fn type_text(&self, text: &str) -> &Self {
        self.app.call(
            "POST",
            &format!("/element/{}/value", self.id),
            Some(json!({ "text": text })),
        );
        self
    }

    pub fn text(&self) -> String {
        self.app
            .call("GET", &format!("/element/{}/text", self.id), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn attr(&self, name: &str) -> Option<String> {
        self.app
            .call(
                "GET",
                &format!("/element/{}/attribute/{name}", self.id),
                None,
            )
            .as_str()
            .map(str::to_owned)
    }

    pub fn displayed(&self) -> bool {
        self.app
            .call("GET", &format!("/element/{}/displayed", self.id), None)
            == Value::Bool(true)
    }
}

/// Reads the lines stored in a data dir's SQLite file, straight from the file.
pub fn stored_numbers(data_dir: &Path) -> Vec<String> {
    let path = data_dir.join("baohao.db");
    if !path.exists() {
        return Vec::new();
    }
    let conn =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stmt = conn.prepare("SELECT e164 FROM line ORDER BY e164").unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap()
}

/// A notification as `dbus-monitor` recorded the `Notify` call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notified {
    pub app_name: String,
    pub icon: String,
    pub title: String,
    pub body: String,
    /// The actions it offers, as (key, label).
    pub actions: Vec<(String, String)>,
}

/// The text of a `string "…"` line of dbus-monitor, if it is one.
fn monitor_string(line: &str) -> Option<String> {
    let s = line.trim_start().strip_prefix("string \"")?;
    Some(s.strip_suffix('"').unwrap_or(s).to_owned())
}

/// Every `org.freedesktop.Notifications.Notify` call in the log `tests/run-e2e.sh` keeps
/// (`$BAOHAO_NOTIFY_LOG`), in order.
pub fn notifications() -> Vec<Notified> {
    let Some(path) = std::env::var_os("BAOHAO_NOTIFY_LOG") else {
        panic!("BAOHAO_NOTIFY_LOG is not set: run the end-to-end tests with `make test-e2e`");
    };
    let log = std::fs::read_to_string(path).unwrap_or_default();
    let mut out = Vec::new();
    for call in log.split("method call").skip(1) {
        let mut lines = call.lines();
        let header = lines.next().unwrap_or_default();
        if !header.contains("member=Notify") {
            continue;
        }
        // Arguments: app_name, replaces_id, app_icon, summary, body, actions (an array of
        // key, label, key, label…), hints, timeout.
        let mut strings = Vec::new();
        let mut actions = Vec::new();
        let mut in_actions = false;
        for line in lines.by_ref() {
            let trimmed = line.trim();
            if strings.len() == 4 && trimmed == "array [" {
                in_actions = true;
                continue;
            }
            if in_actions {
                if trimmed == "]" {
                    break;
                }
                actions.extend(monitor_string(line));
                continue;
            }
            strings.extend(monitor_string(line));
        }
        if strings.len() >= 4 {
            out.push(Notified {
                app_name: strings[0].clone(),
                icon: strings[1].clone(),
                title: strings[2].clone(),
                body: strings[3].clone(),
                actions: actions
                    .chunks(2)
                    .map(|kv| (kv[0].clone(), kv.get(1).cloned().unwrap_or_default()))
                    .collect(),
            });
        }
    }
    out
}

/// Picks an action of a shown notification through dunst's context menu (`dunstctl context`):
/// the menu command of tests/dunst/dunstrc chooses the first entry containing every line of
/// `$BAOHAO_DUNST_CHOICE` — here the notification's title and the action's key.
pub fn dunst_choose(title: &str, action_key: &str) {
    let Some(path) = std::env::var_os("BAOHAO_DUNST_CHOICE") else {
        panic!("BAOHAO_DUNST_CHOICE is not set: run the end-to-end tests with `make test-e2e`");
    };
    std::fs::write(&path, format!("({title})\n,{action_key}]\n")).unwrap();
    run("dunstctl", &["context"]);
}

/// Waits until a notification whose title contains `needle` was sent.
pub fn wait_for_notification(needle: &str, within: Duration) -> Notified {
    let deadline = Instant::now() + within;
    loop {
        if let Some(n) = notifications()
            .into_iter()
            .find(|n| n.title.contains(needle))
        {
            return n;
        }
        assert!(
            Instant::now() < deadline,
            "no notification with {needle:?} within {within:?}; got {:?}",
            notifications()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs a command with a deadline; panics with its output when it fails.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new("timeout")
        .arg("10")
        .arg(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

type XResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The X11 window with this title (`_NET_WM_NAME`), and the connection that found it.
fn find_x11_window(title: &str) -> XResult<(x11rb::rust_connection::RustConnection, u32)> {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{ConnectionExt, Window};
    let (conn, screen) = x11rb::connect(None)?;
    let root = conn.setup().roots[screen].root;
    let intern = |name: &str| -> XResult<u32> {
        Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
    };
    let net_wm_name = intern("_NET_WM_NAME")?;
    let utf8 = intern("UTF8_STRING")?;
    let mut stack: Vec<Window> = vec![root];
    let mut target = None;
    while let Some(w) = stack.pop() {
        let name = conn
            .get_property(false, w, net_wm_name, utf8, 0, 256)?
            .reply()?
            .value;
        if name == title.as_bytes() {
            target = Some(w);
            break;
        }
        stack.extend(conn.query_tree(w)?.reply()?.children);
    }
    let window = target.ok_or_else(|| format!("no window titled {title:?}"))?;
    Ok((conn, window))
}

/// Sends `WM_DELETE_WINDOW` to the window titled `title`, as a window manager's close
/// button does.
pub fn close_x11_window(title: &str) -> XResult<()> {
    use x11rb::connection::Connection;
    use x11rb::protocol::xproto::{ClientMessageEvent, ConnectionExt, EventMask};
    let (conn, window) = find_x11_window(title)?;
    let atom = |name: &str| -> XResult<u32> {
        Ok(conn.intern_atom(false, name.as_bytes())?.reply()?.atom)
    };
    let event = ClientMessageEvent::new(
        32,
        window,
        atom("WM_PROTOCOLS")?,
        [atom("WM_DELETE_WINDOW")?, 0, 0, 0, 0],
    );
    conn.send_event(false, window, EventMask::NO_EVENT, event)?;
    conn.flush()?;
    Ok(())
}

/// Whether the window titled `title` is mapped (shown).
pub fn x11_window_shown(title: &str) -> XResult<bool> {
    use x11rb::protocol::xproto::{ConnectionExt, MapState};
    let (conn, window) = find_x11_window(title)?;
    let state = conn.get_window_attributes(window)?.reply()?.map_state;
    Ok(state != MapState::UNMAPPED)
}

impl App {
    /// The process id of the app itself (a `baohao` process under the driver).
    pub fn app_pid(&self) -> Option<u32> {
        let pgid = self.driver.id().to_string();
        let out = Command::new("pgrep")
            .args(["-g", &pgid, "-x", "baohao"])
            .output()
            .ok()?;
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
    }

    /// The labels of the tray menu as the desktop reads them: the menu the app exports on the
    /// session bus (`com.canonical.dbusmenu`, what a status-notifier host shows), found by the
    /// app's process id and read with `GetLayout`. `None` while it is not exported yet.
    pub fn tray_menu(&self) -> Option<Vec<String>> {
        let pid = self.app_pid()?;
        let gdbus = |args: &[&str]| -> Option<String> {
            let out = Command::new("timeout")
                .arg("5")
                .arg("gdbus")
                .args(args)
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        };
        let names = gdbus(&[
            "call",
            "--session",
            "--dest",
            "org.freedesktop.DBus",
            "--object-path",
            "/org/freedesktop/DBus",
            "--method",
            "org.freedesktop.DBus.ListNames",
        ])?;
        // The app holds several connections; the menu is on one of them.
        let mine: Vec<&str> = names
            .split('\'')
            .filter(|s| s.starts_with(":1."))
            .filter(|n| {
                gdbus(&[
                    "call",
                    "--session",
                    "--dest",
                    "org.freedesktop.DBus",
                    "--object-path",
                    "/org/freedesktop/DBus",
                    "--method",
                    "org.freedesktop.DBus.GetConnectionUnixProcessID",
                    n,
                ])
                .is_some_and(|out| out.contains(&format!("uint32 {pid},")))
            })
            .collect();
        let (name, path) = mine.into_iter().find_map(|name| {
            let tree = gdbus(&[
                "introspect",
                "--session",
                "--dest",
                name,
                "--object-path",
                "/",
                "--recurse",
            ])?;
            let path = tree
                .lines()
                .filter_map(|l| l.trim().strip_prefix("node "))
                .map(|l| l.trim_end_matches(" {").trim())
                .find(|p| p.ends_with("/Menu"))?
                .to_owned();
            Some((name, path))
        })?;
        let layout = gdbus(&[
            "call",
            "--session",
            "--dest",
            name,
            "--object-path",
            &path,
            "--method",
            "com.canonical.dbusmenu.GetLayout",
            "--",
            "0",
            "-1",
            "[]",
        ])?;
        let labels: Vec<String> = layout
            .split("'label': <'")
            .skip(1)
            .filter_map(|s| s.split("'>").next())
            .map(str::to_owned)
            .collect();
        (!labels.is_empty()).then_some(labels)
    }

    /// Waits until the tray menu has an item containing each of `needles`.
    pub fn wait_tray(&self, needles: &[&str]) -> Vec<String> {
        let mut last = None;
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            last = self.tray_menu();
            if let Some(labels) = &last {
                if needles.iter().all(|n| labels.iter().any(|l| l.contains(n))) {
                    return labels.clone();
                }
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("timed out after {WAIT:?} waiting for the tray menu to show {needles:?} (last: {last:?})");
    }
}
