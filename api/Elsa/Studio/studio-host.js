// ServiceHall's host page for the Elsa Studio 3.8.2 custom elements: it signs the studio in with the site's session,
// keeps the token fresh, and switches between the definition list, the designer and the case (instance) views,
// because the npm bundle brings no shell, router or login of its own.
(function () {
    'use strict';

    const apiBase = new URL('/elsa/api', location.origin).href;
    const loginUrl = '/login?returnUrl=/studio/';
    const renewMargin = 5 * 60 * 1000;   // renew this long before the token expires
    const minimumDelay = 30 * 1000;
    let token = null;
    let started = false;

    async function fetchToken() {
        let response;
        try {
            response = await fetch('/api/auth/session-token', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        } catch (error) {
            return { retry: true };
        }

        if (response.status === 401 || response.status === 403) {
            location.assign(loginUrl);
            return null;
        }

        if (!response.ok) {
            return { retry: true };
        }

        return await response.json();
    }

    // The studio never refreshes the token itself; the backend provider holds the one every element uses.
    async function renew() {
        const session = await fetchToken();
        if (session === null) {
            return;
        }

        if (session.retry) {
            setTimeout(renew, minimumDelay);
            return;
        }

        token = session.accessToken;
        if (!started && !(await mayUseStudio(session))) {
            return;
        }

        backendProvider().setAttribute('access-token', token);
        const view = document.getElementById('sh-view').firstElementChild;
        if (view && view.tagName.startsWith('ELSA-')) {
            view.setAttribute('access-token', token);
        }

        const expiresIn = new Date(session.expiresAt).getTime() - Date.now();
        setTimeout(renew, Math.max(minimumDelay, Math.min(expiresIn - renewMargin, expiresIn * 0.8)));
        if (!started) {
            started = true;
            window.addEventListener('hashchange', render);
            await render();
        }
    }

    // Staff whom the Elsa API refuses (403: neither designer, admin nor manager) would get a studio that loads forever
    // behind Blazor's generic error bar; they get a plain explanation instead. The API's own answer decides, so the
    // page never disagrees with the server's policy.
    async function mayUseStudio(session) {
        let response;
        try {
            response = await fetch(apiBase + '/features/installed', { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token } });
        } catch (error) {
            return true;   // the studio reports unreachable servers itself
        }

        if (response.status === 401) {
            location.assign(loginUrl);
            return false;
        }

        if (response.status !== 403) {
            return true;
        }

        showRefusal(session);
        return false;
    }

    function showRefusal(session) {
        const notice = document.createElement('section');
        notice.id = 'sh-refused';
        notice.setAttribute('role', 'alert');
        const heading = document.createElement('h1');
        heading.textContent = '无权使用流程设计 No access to the workflow studio';
        const who = document.createElement('p');
        who.textContent = `您以 ${session.displayName}（${session.role}）登录。流程设计仅对流程设计人员、管理员（可编辑）和大厅负责人（只读）开放。`
            + ` You are signed in as ${session.displayName} (${session.role}). The workflow studio is open to designers and admins (edit) and managers (read only).`;
        const links = document.createElement('p');
        links.className = 'sh-links';
        const board = document.createElement('a');
        board.href = '/board';
        board.textContent = '返回看板 Back to the board';
        const other = document.createElement('a');
        other.href = loginUrl;
        other.textContent = '换个账号登录 Sign in as someone else';
        links.append(board, other);
        notice.append(heading, who, links);
        document.getElementById('sh-view').replaceChildren(notice);
        for (const link of document.querySelectorAll('.sh-bar a[data-section]')) {
            link.remove();
        }
    }

    // Sets the API base URL and the bearer token for every studio element on the page (one settings object).
    function backendProvider() {
        let provider = document.getElementById('sh-backend');
        if (!provider) {
            provider = document.createElement('elsa-backend-provider');
            provider.id = 'sh-backend';
            provider.setAttribute('remote-endpoint', apiBase);
            document.body.prepend(provider);
        }

        return provider;
    }

    function go(hash) {
        if (location.hash === hash) {
            render();
        } else {
            location.hash = hash;
        }
    }

    // Each view is one custom element; its JS callbacks lead to the next view.
    const views = {
        definitions: () => element('elsa-workflow-definition-list', {}, {
            editWorkflowDefinition: id => go('#/definitions/' + encodeURIComponent(id)),
        }),
        definition: id => element('elsa-workflow-definition-editor', { 'definition-id': id }, {
            workflowDefinitionExecuted: instanceId => instanceId && go('#/instances/' + encodeURIComponent(instanceId)),
        }),
        instances: () => element('elsa-workflow-instance-list', {}, {
            viewWorkflowInstance: id => go('#/instances/' + encodeURIComponent(id)),
        }),
        instance: id => element('elsa-workflow-instance-viewer', { 'instance-id': id }, {
            editWorkflowDefinition: definitionId => go('#/definitions/' + encodeURIComponent(definitionId)),
        }),
    };

    function element(tag, attributes, callbacks) {
        const el = document.createElement(tag);
        el.setAttribute('remote-endpoint', apiBase);
        el.setAttribute('access-token', token);
        for (const [name, value] of Object.entries(attributes)) {
            el.setAttribute(name, value);
        }

        Object.assign(el, callbacks);
        return el;
    }

    // Views are switched one after another: a hash change during a switch waits for it.
    let rendering = Promise.resolve();

    function render() {
        rendering = rendering.then(renderNow, renderNow);
        return rendering;
    }

    async function renderNow() {
        const [, section = 'definitions', id] = (location.hash || '#/definitions').split('/').map(decodeURIComponent);
        const tag = section === 'instances' ? (id ? 'elsa-workflow-instance-viewer' : 'elsa-workflow-instance-list')
            : (id ? 'elsa-workflow-definition-editor' : 'elsa-workflow-definition-list');
        // Properties set before Blazor defines the element would hide its own setters, so wait for the definition.
        await customElements.whenDefined(tag);
        const host = document.getElementById('sh-view');
        for (const old of [...host.children]) {
            await unmount(old);
        }

        const view = section === 'instances' ? (id ? views.instance(id) : views.instances()) : (id ? views.definition(id) : views.definitions());
        host.replaceChildren(view);
        for (const link of document.querySelectorAll('.sh-bar a[data-section]')) {
            link.toggleAttribute('aria-current', link.dataset.section === (section === 'instances' ? 'instances' : 'definitions'));
            if (link.hasAttribute('aria-current')) {
                link.setAttribute('aria-current', 'page');
            }
        }
    }

    // Blazor's custom elements dispose their component only 1 s after leaving the page (so that an element can be
    // moved). Each studio element brings its own MudBlazor popover provider, and a second one alive at the same time
    // crashes the new view ("There is already a subscriber to the content with the given section ID
    // 'mud-overlay-to-popover-provider'"). So the old view is disposed, and that awaited, before the next is added.
    async function unmount(view) {
        view.remove();
        if (!view.tagName.startsWith('ELSA-')) {
            return;
        }

        if (view._addRootComponentPromise && '_disposalTimeoutHandle' in view) {
            // The fields of ASP.NET Core's BlazorCustomElement (the build pinned with the studio package).
            clearTimeout(view._disposalTimeoutHandle);
            view._isDisposed = true;
            await (await view._addRootComponentPromise).dispose();
        } else {
            await new Promise(resolve => setTimeout(resolve, 1500));
        }
    }

    document.addEventListener('DOMContentLoaded', renew);
})();
