// The studio (Elsa Studio 3.8.2) turns every refused request into Blazor's generic "An unhandled error has occurred"
// bar and never shows why. The server's refusals are RFC 9457 problem details, so this page reads them as they pass
// and shows their reason itself. The response is handed to the studio unchanged: a refusal stays a refusal, and the
// studio's own state (the row it did not delete, the flow it did not publish) stays what the server said.
// It also hides the studio's menu entries a read-only user (the list carries no edit links for them) cannot use.
(function () {
    'use strict';

    const apiPath = '/elsa/api/';
    // How long after a shown refusal the studio's generic error bar is taken to be that refusal's echo.
    const echoWindow = 10_000;
    // Row-menu entries the studio offers whatever the links say; they only write, so a read-only user loses nothing.
    const writeOnlyEntries = new Set(['Duplicate']);
    let refusedAt = -Infinity;
    let readOnly = false;

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

        refusedAt = performance.now();
        hideErrorBar();
        response.clone().json().then(problem => show(problem, response.status, method), () => show({}, response.status, method));
    }

    function show(problem, status, method) {
        let notice = document.getElementById('sh-refusal');
        if (!notice) {
            notice = document.createElement('section');
            notice.id = 'sh-refusal';
            notice.setAttribute('role', 'alert');
            document.body.append(notice);
        }

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
        hideErrorBar();
    }

    // The studio's generic bar right after a refusal says nothing the notice does not say better.
    function hideErrorBar() {
        const bar = document.getElementById('blazor-error-ui');
        if (bar && bar.style.display && bar.style.display !== 'none' && performance.now() - refusedAt < echoWindow) {
            bar.style.display = 'none';
        }
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
        hideErrorBar();
        hideWriteOnlyEntries();
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['style'] });
})();
