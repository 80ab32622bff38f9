// Shared by every page: its strings, calls to the same-origin API, and the live connection to /hubs/cases.
// The session rides on an HttpOnly cookie; state-changing calls add the X-ServiceHall-Request header the server
// requires of cookie-authenticated writes (a cross-site form cannot send it).
(function () {
  "use strict";
  const stringsElement = document.getElementById("page-strings");
  const strings = stringsElement ? JSON.parse(stringsElement.textContent) : {};

  /** The page's text for a key, in its language; {name} placeholders filled from args. */
  function t(key, args) {
    let text = Object.prototype.hasOwnProperty.call(strings, key) ? strings[key] : key;
    if (args) {
      for (const [name, value] of Object.entries(args)) {
        text = text.split("{" + name + "}").join(String(value));
      }
    }
    return text;
  }

  function newKey() {
    return (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random().toString(16).slice(2);
  }

  /**
   * Calls the API. Returns {ok, status, body}; a problem-details body is returned as is, so the caller can show
   * its detail and the field it names. idempotencyKey: the same key for retries of one user intent.
   */
  async function api(method, url, body, options) {
    const headers = { "Accept": "application/json", "X-ServiceHall-Request": "1" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (options && options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    const response = await fetch(url, {
      method, headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const type = response.headers.get("Content-Type") || "";
    const parsed = type.includes("json") ? await response.json() : await response.text();
    return { ok: response.ok, status: response.status, body: parsed };
  }

  /** The message to show for a failed call: the problem's detail, else its title, else the status. */
  function problemText(result) {
    const body = result.body || {};
    return body.detail || body.title || ("HTTP " + result.status);
  }

  /**
   * Texts a verification code to the applicant's phone (/apply, /appointments) and says so in `status`; the button
   * waits out the resend interval. The page's strings carry code.needPhone, code.sent and code.wait.
   */
  async function sendPhoneCode(phone, button, status) {
    if (!/^1[3-9]\d{9}$/.test(phone)) {
      status.textContent = t("code.needPhone");
      return;
    }
    const result = await api("POST", "/api/applications/verification-codes", { phone });
    if (result.ok) {
      const seconds = result.body.resendAfterSeconds || 60;
      status.textContent = t("code.sent", { seconds });
      button.disabled = true;
      setTimeout(() => { button.disabled = false; }, seconds * 1000);
    } else {
      status.textContent = t("code.wait") + problemText(result);
    }
  }

  /** Fetches an HTML fragment rendered by the server (a card, a timeline) and parses it into elements. */
  async function fragment(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } });
    if (response.status === 204 || response.status === 404) return null;
    if (!response.ok) throw new Error("HTTP " + response.status + " for " + url);
    const template = document.createElement("template");
    template.innerHTML = (await response.text()).trim();
    return template.content;
  }

  /**
   * Keeps a SignalR connection to /hubs/cases. A push is only a hint: each change carries the case's version, and
   * onChange(change, gap) is told when versions were skipped; after a reconnect onResync() re-reads everything.
   *   join(connection): subscribes (JoinBoard / WatchCase ...) and may return {caseId: version} it already shows.
   *   status: an element whose text and class tell whether the page is live.
   */
  function live(options) {
    const versions = new Map();
    const statusElement = options.status || null;
    let connection;
    let everConnected = false;

    function showStatus(state) {
      if (!statusElement) return;
      statusElement.dataset.state = state;
      statusElement.classList.toggle("offline", state !== "live");
      statusElement.textContent = t("live." + state);
    }

    function remember(known) {
      if (!known) return;
      for (const [id, version] of Object.entries(known)) {
        versions.set(id, Math.max(versions.get(id) || 0, version));
      }
    }

    async function join() {
      remember(await options.join(connection));
    }

    async function start() {
      connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/cases", { headers: { "X-ServiceHall-Request": "1" } })
        .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 15000])
        .build();
      connection.on("caseChanged", change => {
        const known = versions.get(change.id);
        if (known !== undefined && change.version <= known) return; // stale or repeated hint
        const gap = known !== undefined && change.version > known + 1;
        versions.set(change.id, change.version);
        window.serviceHallLive.received++;
        options.onChange(change, gap);
      });
      connection.onreconnecting(() => showStatus("reconnecting"));
      connection.onreconnected(async () => {
        await join();
        showStatus("live");
        await options.onResync();
      });
      connection.onclose(() => {
        // Automatic reconnect gave up: start over (new connection, re-join, re-read) a little later.
        showStatus("offline");
        setTimeout(connectLoop, 5000);
      });
      await connection.start();
      await join();
      showStatus("live");
      if (everConnected) await options.onResync();
      everConnected = true;
    }

    async function connectLoop() {
      try {
        await start();
      } catch (error) {
        console.warn("live connection failed, retrying", error);
        showStatus("offline");
        setTimeout(connectLoop, 3000);
      }
    }

    showStatus("connecting");
    connectLoop();
    return {
      /** Records versions the page has just read, so their own pushes are not taken for gaps. */
      remember,
      get connection() { return connection; },
    };
  }

  // Tests read this counter to see that pushes arrived without a reload.
  window.serviceHallLive = { received: 0 };
  window.ServiceHall = { t, api, problemText, fragment, live, newKey, sendPhoneCode };
})();
