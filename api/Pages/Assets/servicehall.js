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
   * its detail and the field it names. idempotencyKey: the same key for retries of one user intent; minimal: the
   * caller does not use a successful answer's body.
   */
  async function api(method, url, body, options) {
    const headers = { "Accept": "application/json", "Accept-Language": language(), "X-ServiceHall-Request": "1" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (options && options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
    // The caller re-reads what it shows, so the case need not come back (RFC 7240; the answer is id, status, version).
    if (options && options.minimal) headers["Prefer"] = "return=minimal";
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

  /** The page's language, which API calls ask their messages in (problem details follow Accept-Language). */
  function language() {
    return document.documentElement.lang || "zh-CN";
  }

  // Words every form's error list needs; kept here so no page has to hand them over (the page's own strings win).
  const problemWords = {
    zh: { row: "第{n}项", separator: "：", failed: "未能提交，请修改以下内容：" },
    en: { row: "Item {n}", separator: ": ", failed: "Not sent; please correct the following:" },
  };

  function problemWord(key, args) {
    const own = t("problem." + key, args);
    if (own !== "problem." + key) return own;
    const words = problemWords[language().startsWith("en") ? "en" : "zh"];
    return fill(words[key], args);
  }

  function fill(text, args) {
    for (const [name, value] of Object.entries(args || {})) text = text.split("{" + name + "}").join(String(value));
    return text;
  }

  /** Every refused rule of a failed call as [{field, code, text}], in the page's language (the server's `issues`). */
  function problemsOf(result) {
    const body = result.body || {};
    if (Array.isArray(body.issues) && body.issues.length > 0) {
      return body.issues.map(issue => ({ field: issue.field || null, code: issue.code, text: issue.detail }));
    }
    return [{ field: body.field || null, code: body.code || null, text: problemText(result) }];
  }

  /** The words a person sees for an input: its aria-label, its label's own text, or its list's legend. */
  function labelOf(target) {
    if (!target) return "";
    const aria = target.getAttribute("aria-label") || target.dataset.label;
    if (aria) return aria;
    const cell = target.closest("td");
    if (cell && cell.closest("table")) {
      // A table of rows (the slot rules): the column's heading names the input.
      const heading = cell.closest("table").querySelectorAll("thead th")[cell.cellIndex];
      if (heading) return heading.textContent.replace(/\s+/g, " ").trim();
    }
    const byFor = target.id ? document.querySelector("label[for='" + CSS.escape(target.id) + "']") : null;
    const owner = byFor || target.closest("label") || target.querySelector(":scope > legend")
      || (target.closest("fieldset") && target.closest("fieldset").querySelector(":scope > legend"));
    if (!owner) return "";
    const copy = owner.cloneNode(true);
    for (const extra of copy.querySelectorAll("input, select, textarea, .required, .field-error")) extra.remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /**
   * How a person names a refused field: its label, after the row it sits in ("第2项 问题说明" for
   * deficiencies[1].problem). Never the JSON path itself.
   */
  function fieldName(field, target) {
    const label = labelOf(target);
    const row = /\[(\d+)\]/.exec(field || "");
    const rowText = row ? problemWord("row", { n: Number(row[1]) + 1 }) : "";
    return [rowText, label].filter(Boolean).join(" ");
  }

  /** Removes what showProblems marked in `scope`. */
  function clearProblems(scope, summary) {
    for (const marked of scope.querySelectorAll("[aria-invalid]")) marked.removeAttribute("aria-invalid");
    for (const marked of scope.querySelectorAll(".invalid")) marked.classList.remove("invalid");
    for (const message of scope.querySelectorAll(".field-error")) message.remove();
    if (summary) {
      summary.hidden = true;
      summary.textContent = "";
    }
  }

  /**
   * Shows every refused rule at once: each message beside the input it concerns (targetFor(field) finds it), and a
   * summary listing them all by the field's name, in the page's language. Focuses the first refused input.
   */
  function showProblems(scope, result, options) {
    // pathFor: the part of a field's path the person sees rows of (a form that wraps its body strips the wrapper).
    const { summary, targetFor, lead, pathFor } = options || {};
    clearProblems(scope, summary);
    const lines = [];
    let first = null;
    for (const problem of problemsOf(result)) {
      const target = problem.field && targetFor ? targetFor(problem.field) : null;
      if (target) {
        target.setAttribute("aria-invalid", "true");
        target.classList.add("invalid");
        const message = document.createElement("span");
        message.className = "field-error error";
        message.dataset.testid = "field-error";
        message.dataset.errorFor = problem.field; // not data-field: that marks the inputs a form sends
        if (problem.code) message.dataset.code = problem.code;
        message.textContent = problem.text;
        (target.closest("label") || target).insertAdjacentElement("afterend", message);
        if (!first) first = target;
      }
      const name = target ? fieldName(pathFor ? pathFor(problem.field) : problem.field, target) : "";
      lines.push(name ? name + problemWord("separator") + problem.text : problem.text);
    }
    if (summary) {
      summary.textContent = "";
      const heading = document.createElement("div");
      heading.textContent = lead || problemWord("failed");
      summary.append(heading);
      const list = document.createElement("ul");
      for (const line of lines) {
        const item = document.createElement("li");
        item.textContent = line;
        list.append(item);
      }
      summary.append(list);
      summary.hidden = false;
    }
    if (first && typeof first.focus === "function") first.focus();
    return lines;
  }

  /**
   * A destructive request (作废, 不予受理, …) goes only on a second, deliberate click. The first click re-labels the
   * form's submit button with its data-confirm text and answers false; the second restores the label and answers true.
   * A form without data-confirm is always confirmed.
   */
  function confirmedBySecondClick(form, button) {
    if (!form.dataset.confirm) return true;
    if (!form.dataset.armed) {
      form.dataset.armed = "1";
      form.dataset.idleLabel = button.textContent;
      button.textContent = form.dataset.confirm;
      button.classList.add("armed");
      return false;
    }
    delete form.dataset.armed;
    button.classList.remove("armed");
    button.textContent = form.dataset.idleLabel;
    return true;
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
  window.ServiceHall = {
    t, api, problemText, fragment, live, newKey, sendPhoneCode, language,
    problemsOf, labelOf, fieldName, showProblems, clearProblems, confirmedBySecondClick,
  };
})();
