// The studio (Elsa Studio 3.8.2) turns every refused request into Blazor's generic "An unhandled error has occurred"
// bar and never shows why. The server's refusals are RFC 9457 problem details, so this page reads them as they pass
// and shows their reason itself. The response is handed to the studio unchanged: a refusal stays a refusal, and the
// studio's own state (the row it did not delete, the flow it did not publish) stays what the server said.
// The generic bar is replaced only when the error behind it is that refusal: Blazor logs the exception (the studio's
// HTTP client says "Response status code does not indicate success: 409 (Conflict)") right before it shows the bar, so
// the bar is hidden only if that message names the status of a refusal this page has just explained and not yet
// matched to another error. Any other error (a crash, a 500, a refusal nobody explained) keeps the studio's bar.
// It also hides the studio's menu entries a read-only user (the list carries no edit links for them) cannot use.
(function () {
    'use strict';

    const apiPath = '/elsa/api/';
    // A refusal older than this is not taken as the cause of an error shown now (the studio throws as soon as it reads the answer).
    const causeWindow = 15_000;
    // Row-menu entries the studio offers whatever the links say; they only write, so a read-only user loses nothing.
    const writeOnlyEntries = new Set(['Duplicate']);
    // Refusals shown in the notice, newest last: {status, method, path, at, explained}.
    const refusals = [];
    // The last error Blazor logged: {text, at}; the bar it shows next is that error's.
    let lastError = null;
    // The error whose bar this page already judged (so a bar it left visible is not judged again).
    let judgedError = null;
    let readOnly = false;

    const nativeError = console.error.bind(console);
    console.error = function (...args) {
        lastError = { text: args.map(a => (a && a.stack) || String(a)).join(' '), at: performance.now() };
        nativeError(...args);
    };

    const nativeFetch = window.fetch.bind(window);
    window.fetch = async function (input, init) {
        const response = await nativeFetch(input, init);
        try {
            inspect(input, init, response);
        } catch (error) {
            console.warn('studio-refusals: could not read a response', error);
        }

        return response;
    };

    function inspect(input, init, response) {
        const url = new URL(typeof input === 'string' ? input : input.url, location.href);
        if (url.origin !== location.origin || !url.pathname.startsWith(apiPath)) {
            return;
        }

        const method = ((init && init.method) || (typeof input === 'string' ? 'GET' : input.method) || 'GET').toUpperCase();
        const type = response.headers.get('content-type') || '';
        if (method === 'GET' && response.ok && url.pathname === apiPath + 'workflow-definitions') {
            // The list's links decide the studio's edit mode; the same answer decides what this page hides.
            response.clone().json().then(list => setReadOnly(!(list.links || []).some(l => l.rel === 'bulk-publish')), () => {});
            return;
        }

        // 401 is the session's business (studio-host.js renews the token); GETs of optional endpoints may 404 harmlessly.
        if (method === 'GET' || response.status < 400 || response.status >= 500 || response.status === 401 || !type.includes('json')) {
            return;
        }

        const refusal = { status: response.status, method, path: url.pathname, at: performance.now(), explained: false };
        refusals.push(refusal);
        if (refusals.length > 20) {
            refusals.shift();
        }

        response.clone().json().then(problem => show(problem, refusal), () => show({}, refusal));
    }

    function show(problem, refusal) {
        const { status, method } = refusal;
        let notice = document.getElementById('sh-refusal');
        if (!notice) {
            notice = document.createElement('section');
            notice.id = 'sh-refusal';
            notice.setAttribute('role', 'alert');
            document.body.append(notice);
        }

        // Which request this notice explains (the tests, and anyone reading the page, can tell refusals apart).
        notice.dataset.status = String(status);
        notice.dataset.method = method;
        notice.dataset.path = refusal.path;

        const heading = document.createElement('strong');
        heading.textContent = '服务器拒绝了此操作 The server refused this action';
        const reason = document.createElement('p');
        reason.className = 'sh-refusal-reason';
        reason.textContent = problem.detail || problem.title || `HTTP ${status}`;
        const details = document.createElement('p');
        details.className = 'sh-refusal-meta';
        const fields = problem.errors && typeof problem.errors === 'object'
            ? Object.entries(problem.errors).map(([field, messages]) => [field, [].concat(messages).filter(m => m !== problem.detail)])
                .filter(([, messages]) => messages.length > 0).map(([field, messages]) => `${field}: ${messages.join(' ')}`) : [];
        details.textContent = [`${method} · ${status}${problem.title ? ' · ' + problem.title : ''}`, problem.field ? `字段 field: ${problem.field}` : '', ...fields]
            .filter(Boolean).join(' · ');
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'sh-refusal-close';
        close.textContent = '知道了 OK';
        close.addEventListener('click', () => notice.remove());
        notice.replaceChildren(heading, reason, details, close);
    }

    // The studio's generic bar says nothing the notice does not say better, when the error behind it is the refusal
    // the notice explains. Judged once per logged error; a bar whose error is anything else stays.
    function judgeErrorBar() {
        const bar = document.getElementById('blazor-error-ui');
        if (!bar || !bar.style.display || bar.style.display === 'none' || !lastError || judgedError === lastError) {
            return;
        }

        judgedError = lastError;
        const cause = causeOf(lastError);
        if (cause) {
            cause.explained = true;
            bar.style.display = 'none';
            bar.dataset.explainedBy = `${cause.method} ${cause.path} ${cause.status}`;
        }
    }

    // The newest refusal not yet matched to an error, received before this error, whose status the error names.
    function causeOf(error) {
        const match = /does not indicate success:\s*(\d{3})/.exec(error.text);
        if (!match) {
            return null;
        }

        const status = Number(match[1]);
        for (let i = refusals.length - 1; i >= 0; i--) {
            const refusal = refusals[i];
            if (!refusal.explained && refusal.status === status && refusal.at <= error.at && error.at - refusal.at < causeWindow) {
                return refusal;
            }
        }

        return null;
    }

    function setReadOnly(value) {
        readOnly = value;
        document.documentElement.toggleAttribute('data-studio-read-only', value);
        hideWriteOnlyEntries();
    }

    function hideWriteOnlyEntries() {
        if (!readOnly) {
            return;
        }

        for (const item of document.querySelectorAll('.mud-menu-item, .mud-list-item')) {
            if (!item.hidden && writeOnlyEntries.has(item.textContent.trim())) {
                item.hidden = true;
                item.style.display = 'none';
            }
        }
    }

    new MutationObserver(() => {
        judgeErrorBar();
        hideWriteOnlyEntries();
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
})();
