// Taskchain Orchestrator web console: plain DOM, no libraries, nothing loaded from elsewhere.
// Every value from the API reaches the page through textContent or an SVG text node, never as HTML.
"use strict";

(() => {
  const POLL_EVERY_MS = 600;
  const LIST_POLL_EVERY_MS = 3000;
  const LIST_PAGE = 20;
  const STAGES = ["queued", "plan", "execute", "verify", "done"];
  const SVG_NS = "http://www.w3.org/2000/svg";

  const $ = (id) => document.getElementById(id);

  /** Makes an element; attributes starting with "on" become listeners, text children become text. */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    setAll(el, attrs);
    append(el, children);
    return el;
  }

  function s(tag, attrs, ...children) {
    const el = document.createElementNS(SVG_NS, tag);
    setAll(el, attrs);
    append(el, children);
    return el;
  }

  function setAll(el, attrs) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : String(value));
    }
  }

  function append(el, children) {
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
    return el;
  }

  function show(el, text) {
    el.textContent = text || "";
    el.hidden = !text;
  }

  function announce(text) {
    $("announcer").textContent = text;
  }

  // ---------------------------------------------------------------------------------------------
  // Formatting

  function duration(ms) {
    if (ms === null || ms === undefined || Number.isNaN(ms)) return "";
    if (ms < 1000) return Math.max(0, Math.round(ms)) + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + " s";
    const minutes = Math.floor(ms / 60000);
    return minutes + " min " + Math.round((ms % 60000) / 1000) + " s";
  }

  function when(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    const sameDay = date.toDateString() === new Date().toDateString();
    return sameDay
      ? date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" })
      : date.toLocaleString([], { year: "numeric", month: "short", day: "numeric",
          hour: "2-digit", minute: "2-digit" });
  }

  function ms(iso) {
    return iso ? Date.parse(iso) : NaN;
  }

  function pretty(value) {
    return JSON.stringify(value, null, 2);
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many || one + "s");
  }

  function badge(status) {
    return h("span", { class: "badge badge-" + (status || "none") }, status || "—");
  }

  // ---------------------------------------------------------------------------------------------
  // API

  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.message) || "the server answered " + status);
      this.status = status;
      this.code = body && body.error;
      this.field = body && body.field;
    }
  }

  async function api(method, path, body, headers) {
    const init = { method, headers: Object.assign({ Accept: "application/json" }, headers || {}) };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, { message: "the server cannot be reached (" + e.message + ")" });
    }
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // ---------------------------------------------------------------------------------------------
  // Routing: #/ is the home view, #/tasks/{id} a task.

  let detail = null; // { id, task, runId (selected), timer, rendered: {} }
  let listTimer = null;

  function route() {
    const match = /^#\/tasks\/([0-9a-fA-F-]{36})$/.exec(location.hash);
    stopDetail();
    if (match) {
      openDetail(match[1].toLowerCase());
    } else {
      openHome();
    }
  }

  function openHome() {
    $("detail-view").hidden = true;
    $("home-view").hidden = false;
    document.title = "Taskchain Orchestrator";
    loadList(false);
  }

  // ---------------------------------------------------------------------------------------------
  // Create

  function fieldError(field, message) {
    // A field inside the context (context.project, context.items[2]) is shown at the context box.
    const target = { task: "task", context: "context" }[String(field || "").split(/[.[]/)[0]];
    const input = target && $("task-" + (target === "task" ? "text" : "context"));
    if (input) {
      show($(target + "-error"), message);
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } else {
      show($("form-error"), message);
    }
  }

  function clearFormErrors() {
    for (const id of ["task-error", "context-error", "form-error"]) show($(id), "");
    $("task-text").removeAttribute("aria-invalid");
    $("task-context").removeAttribute("aria-invalid");
  }

  /** The context as an object, or throws an Error whose message says what is wrong with it. */
  function parseContext(text) {
    if (!text.trim()) return {};
    let value;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new Error("Context is not valid JSON: " + e.message);
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      const kind = value === null ? "null" : Array.isArray(value) ? "an array" : "a " + typeof value;
      throw new Error("Context must be a JSON object like {\"key\": \"value\"}, not " + kind + ".");
    }
    return value;
  }

  function checkContextField() {
    const text = $("task-context").value;
    try {
      parseContext(text);
      show($("context-error"), "");
      $("task-context").removeAttribute("aria-invalid");
    } catch (e) {
      show($("context-error"), e.message);
      $("task-context").setAttribute("aria-invalid", "true");
    }
  }

  let pendingKey = null;

  async function submitTask(event) {
    event.preventDefault();
    const runToo = (event.submitter || $("create-run")).dataset.run === "true";
    clearFormErrors();
    const task = $("task-text").value;
    if (!task.trim()) {
      fieldError("task", "Task is required: say what the agent should do.");
      return;
    }
    let context;
    try {
      context = parseContext($("task-context").value);
    } catch (e) {
      fieldError("context", e.message);
      return;
    }
    const buttons = [$("create-run"), $("create-only")];
    buttons.forEach((b) => (b.disabled = true));
    $("form-busy").textContent = "Creating…";
    // One key per distinct request: a resend after a lost answer returns the same task.
    const body = { task, context };
    const signature = JSON.stringify(body);
    if (!pendingKey || pendingKey.signature !== signature) pendingKey = { signature, key: newKey() };
    try {
      const created = await api("POST", "tasks", body, { "Idempotency-Key": pendingKey.key });
      pendingKey = null;
      if (runToo) {
        $("form-busy").textContent = "Starting the run…";
        await api("POST", "tasks/" + created.task_id + "/run", {});
      }
      $("new-task").reset();
      $("form-busy").textContent = "";
      location.hash = "#/tasks/" + created.task_id;
    } catch (e) {
      $("form-busy").textContent = "";
      fieldError(e.field, e.message);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // List

  let listCursor = null;

  async function loadList(more) {
    clearTimeout(listTimer);
    const status = $("status-filter").value;
    const params = new URLSearchParams({ limit: String(LIST_PAGE) });
    if (status) params.set("status", status);
    if (more && listCursor) params.set("before", listCursor);
    let page;
    try {
      page = await api("GET", "tasks?" + params.toString());
      show($("list-error"), "");
    } catch (e) {
      show($("list-error"), "The list could not be loaded: " + e.message);
      return;
    }
    const body = $("task-list").tBodies[0];
    if (!more) clear(body);
    for (const task of page.tasks) body.append(taskRow(task));
    listCursor = page.next_cursor;
    $("load-more").hidden = !listCursor;
    $("list-empty").hidden = body.rows.length > 0;
    $("list-empty").textContent = status ? "No " + status + " tasks." : "No tasks yet.";
    // While something runs, keep the first page fresh; a long list being read is left alone.
    const running = page.tasks.some((t) => t.status === "running");
    if (!more && running && !$("home-view").hidden) {
      listTimer = setTimeout(() => loadList(false), LIST_POLL_EVERY_MS);
    }
  }

  function taskRow(task) {
    const href = "#/tasks/" + task.task_id;
    const row = h("tr", { "data-task-id": task.task_id, "data-status": task.status,
        onclick: (e) => { if (e.target.tagName !== "A") location.hash = href; } },
      h("td", { "data-label": "Task", class: "task-cell" },
        h("a", { href }, task.task_preview)),
      h("td", { "data-label": "Status" }, badge(task.status)),
      h("td", { "data-label": "Stage" }, task.stage || "—"),
      h("td", { "data-label": "Runs", class: "num" }, String(task.run_count)),
      h("td", { "data-label": "Created" },
        h("time", { datetime: task.created_at }, when(task.created_at))),
      h("td", { "data-label": "Updated" },
        h("time", { datetime: task.updated_at }, when(task.updated_at))));
    return row;
  }

  // ---------------------------------------------------------------------------------------------
  // Detail

  function stopDetail() {
    if (detail) clearTimeout(detail.timer);
    detail = null;
  }

  async function openDetail(id) {
    clearTimeout(listTimer);
    $("home-view").hidden = true;
    $("detail-view").hidden = false;
    detail = { id, task: null, runId: null, timer: null, rendered: {}, runs: {}, loading: {} };
    $("detail-title").textContent = "Task";
    for (const section of ["detail-text", "detail-id", "detail-created", "detail-context"]) {
      $(section).textContent = "";
    }
    for (const section of ["stages", "plan-graph", "plan-notes", "verdict", "tool-results",
        "evidence", "runs", "raw-json", "timeline"]) {
      clear($(section));
    }
    show($("failure"), "");
    show($("detail-error"), "");
    $("detail-title").focus();
    await refreshDetail(id);
  }

  async function refreshDetail(id) {
    if (!detail || detail.id !== id) return;
    let task;
    try {
      task = await api("GET", "tasks/" + id);
      show($("detail-error"), "");
    } catch (e) {
      show($("detail-error"), e.status === 404
        ? "There is no task " + id + "."
        : "The task could not be loaded: " + e.message + " (retrying)");
      if (e.status !== 404) detail.timer = setTimeout(() => refreshDetail(id), POLL_EVERY_MS * 3);
      return;
    }
    if (!detail || detail.id !== id) return;
    const previous = detail.task;
    detail.task = task;
    // Follow the current run unless the person chose an earlier one to look at.
    if (!detail.runId || !task.runs.some((r) => r.run_id === detail.runId)
        || (previous && previous.current_run_id !== task.current_run_id)) {
      detail.runId = task.current_run_id;
    }
    renderDetail();
    if (previous && previous.status === "running" && task.status !== "running") {
      announce("Run finished: " + task.status);
    }
    if (task.status === "running") {
      detail.timer = setTimeout(() => refreshDetail(id), POLL_EVERY_MS);
    }
  }

  /**
   * The run being viewed, with its artifacts and events. The task document carries them only for
   * the current run; an earlier run's are fetched once from tasks/{id}/runs/{run_id} (a finished
   * run does not change), and shown as loading until they arrive.
   */
  function selectedRun() {
    const task = detail.task;
    const summary = task.runs.find((r) => r.run_id === detail.runId) || null;
    if (!summary) return null;
    if (summary.run_id === task.current_run_id) {
      return Object.assign({}, summary, {
        plan_json: task.plan_json, result_json: task.result_json,
        verification_json: task.verification_json,
        events: task.events.filter((e) => e.run_id === summary.run_id) });
    }
    if (detail.runs[summary.run_id]) return detail.runs[summary.run_id];
    loadRun(summary.run_id);
    return Object.assign({}, summary, { plan_json: null, result_json: null,
      verification_json: null, events: [] });
  }

  async function loadRun(runId) {
    if (detail.loading[runId]) return;
    detail.loading[runId] = true;
    const id = detail.id;
    try {
      const run = await api("GET", "tasks/" + id + "/runs/" + runId);
      if (!detail || detail.id !== id) return;
      detail.runs[runId] = run;
      renderDetail();
    } catch (e) {
      if (!detail || detail.id !== id) return;
      delete detail.loading[runId];
      show($("detail-error"), "Run " + runId + " could not be loaded: " + e.message);
    }
  }

  /** Re-renders a section only when its data changed, so open details and focus survive polling. */
  function once(key, value, render) {
    const signature = JSON.stringify(value);
    if (detail.rendered[key] === signature) return;
    detail.rendered[key] = signature;
    render();
  }

  function renderDetail() {
    const task = detail.task;
    const run = selectedRun();
    const events = run ? run.events : [];

    document.title = "Task " + task.status + " — Taskchain Orchestrator";
    const status = $("detail-status");
    status.className = "badge badge-" + task.status;
    status.textContent = task.status;
    const runButton = $("run-task");
    runButton.disabled = task.status === "running";
    runButton.textContent = task.status === "running" ? "Running…"
      : task.runs.length ? "Run again" : "Run";

    once("head", [task.input_task, task.context, task.created_at], () => {
      $("detail-title").textContent = firstLine(task.input_task);
      // The full text only when the heading had to shorten it.
      show($("detail-text"), firstLine(task.input_task) === task.input_task.trim() ? ""
        : task.input_task);
      $("detail-id").textContent = task.task_id;
      $("detail-created").textContent = "created " + when(task.created_at);
      $("detail-context").textContent = pretty(task.context);
      $("context-box").hidden = Object.keys(task.context || {}).length === 0;
    });

    const latest = run && run.run_id === task.current_run_id;
    $("run-title").textContent = run ? "Run " + run.run_number : "Run";
    $("run-note").textContent = !run ? "Not run yet."
      : latest ? (task.runs.length > 1 ? "latest of " + task.runs.length : "")
      : "an earlier run (latest is run " + task.runs[0].run_number + ")";

    renderStages(task, run, events);
    show($("failure"), run && run.failure_reason ? "Failed: " + run.failure_reason : "");

    once("artifacts", run && [run.run_id, run.plan_json, run.result_json, run.verification_json],
      () => {
        renderAnswer(run);
        renderPlan(run);
        renderVerdict(run);
        renderToolResults(run);
        renderEvidence(run);
        renderRaw(task, run);
      });
    once("runs", [task.runs.map((r) => [r.run_id, r.status, r.stage, r.finished_at]), detail.runId],
      () => renderRuns(task));
    once("timeline", [events.length, detail.runId], () => renderTimeline(events));
  }

  function firstLine(text) {
    const line = (text || "").trim().split(/\r?\n/)[0];
    return line.length > 90 ? line.slice(0, 89) + "…" : line;
  }

  // --- Stages -----------------------------------------------------------------------------------

  /** Each stage's state and timing for one run, from the run and its events. */
  function stageStates(task, run, events) {
    if (!run) {
      return STAGES.map((name) => ({ name, state: name === "queued" ? "active" : "pending",
        label: name === "queued" ? "created, not run" : "" }));
    }
    const first = (kind, stage) => events.find((e) => e.kind === kind && (!stage || e.stage === stage));
    const count = (kind, stage) => events.filter((e) => e.kind === kind && e.stage === stage).length;
    const requested = first("run_requested");
    const finished = first("run_finished");
    const now = Date.now();
    const running = run.status === "running";
    const start = ms((requested && requested.at) || run.created_at);
    const states = [];

    const planClaim = first("stage_claimed", "plan");
    const leftQueue = planClaim || run.stage !== "plan" || !running;
    states.push({
      name: "queued",
      state: leftQueue ? "done" : "active",
      label: leftQueue
        ? (planClaim ? "waited " + duration(ms(planClaim.at) - start) : "")
        : "waiting " + duration(now - start),
    });

    let previousEnd = planClaim ? ms(planClaim.at) : start;
    for (const name of ["plan", "execute", "verify"]) {
      const claim = first("stage_claimed", name);
      const written = first("stage_written", name);
      const failed = first("stage_failed", name);
      const retries = count("stage_retried", name) + count("sweep_requeued", name);
      const begin = claim ? ms(claim.at) : previousEnd;
      let state = "pending";
      let label = "";
      if (written) {
        state = "done";
        label = duration(ms(written.at) - begin);
        previousEnd = ms(written.at);
      } else if (failed) {
        state = "failed";
        label = "failed after " + duration(ms(failed.at) - begin);
      } else if (running && run.stage === name) {
        state = "active";
        label = claim ? "working " + duration(now - begin) : "waiting " + duration(now - previousEnd);
      } else if (!running) {
        state = "skipped";
        label = "not reached";
      }
      if (retries > 0) label += " · " + plural(retries, "retry", "retries");
      states.push({ name, state, label });
    }

    const end = finished ? ms(finished.at) : run.finished_at ? ms(run.finished_at) : NaN;
    states.push({
      name: "done",
      state: running ? "pending" : run.status === "succeeded" ? "done" : "failed",
      label: running ? "" : run.status + " in " + duration(end - start),
    });
    return states;
  }

  function renderStages(task, run, events) {
    const list = clear($("stages"));
    for (const stage of stageStates(task, run, events)) {
      const stateWords = { done: "complete", active: "in progress", pending: "not started",
        failed: "failed", skipped: "not reached" }[stage.state];
      list.append(h("li", { class: "stage stage-" + stage.state, "data-stage": stage.name,
          "data-state": stage.state, "aria-current": stage.state === "active" ? "step" : null },
        h("span", { class: "dot", "aria-hidden": "true" }),
        h("span", { class: "stage-name" }, stage.name),
        h("span", { class: "visually-hidden" }, ": " + stateWords + (stage.label ? ", " : "")),
        h("span", { class: "stage-time" }, stage.label)));
    }
  }

  // --- Plan graph -------------------------------------------------------------------------------

  /** Layers by dependency depth: a step sits one layer below its deepest dependency. */
  function layers(steps) {
    const byId = new Map(steps.map((step) => [step.id, step]));
    const depth = new Map();
    const visiting = new Set();
    const depthOf = (id) => {
      if (depth.has(id)) return depth.get(id);
      if (visiting.has(id) || !byId.has(id)) return 0; // a cycle or an unknown id: draw, don't loop
      visiting.add(id);
      const deps = byId.get(id).depends_on || [];
      const d = deps.length ? 1 + Math.max(...deps.map(depthOf)) : 0;
      visiting.delete(id);
      depth.set(id, d);
      return d;
    };
    const columns = [];
    for (const step of steps) {
      const d = depthOf(step.id);
      (columns[d] = columns[d] || []).push(step);
    }
    return columns.map((c) => c || []);
  }

  function renderPlan(run) {
    const box = clear($("plan-graph"));
    const notes = clear($("plan-notes"));
    const plan = run && run.plan_json;
    if (!plan || !Array.isArray(plan.steps)) {
      box.append(h("p", { class: "muted" }, run ? "No plan yet." : "Run the task to make a plan."));
      return;
    }
    if (plan.steps.length === 0) {
      box.append(h("p", { class: "muted" }, "The plan has no steps."));
      return;
    }
    const results = new Map(((run.result_json && run.result_json.tool_results) || [])
      .map((r) => [r.step_id, r]));
    // Top to bottom, one band per dependency layer. Without dependencies a band wider than the
    // box wraps onto more lines, so independent steps read as a grid, not a long column. With
    // dependencies it never wraps, since an edge to the second line would pass behind the first:
    // the drawing shrinks to fit instead, or scrolls when shrinking would make it unreadable.
    const W = 190, H = 50, GAP_X = 16, GAP_Y = 14, GAP_LAYER = 44, PAD = 8;
    const edgeCount = plan.steps.reduce((n, st) => n + (st.depends_on || []).length, 0);
    const room = Math.max(W, (box.clientWidth || 640) - 2 * PAD);
    const perLine = edgeCount > 0 ? Infinity
      : Math.max(1, Math.min(4, Math.floor((room + GAP_X) / (W + GAP_X))));
    const lines = [];
    layers(plan.steps).forEach((layer, li) => {
      for (let i = 0; i < layer.length; i += perLine) {
        lines.push({ layer: li, first: i === 0, steps: layer.slice(i, i + perLine) });
      }
    });
    const widest = Math.max(...lines.map((l) => l.steps.length));
    const width = PAD * 2 + widest * W + (widest - 1) * GAP_X;
    const position = new Map();
    let y = PAD;
    lines.forEach((line, i) => {
      if (i > 0) y += line.first ? GAP_LAYER : GAP_Y;
      const offset = ((widest - line.steps.length) * (W + GAP_X)) / 2;
      line.steps.forEach((step, si) => {
        position.set(step.id, { x: PAD + offset + si * (W + GAP_X), y });
      });
      y += H;
    });
    const height = y + PAD;
    const tooWide = width * 0.6 > room + 2 * PAD;
    const svg = s("svg", { viewBox: "0 0 " + width + " " + height, width, height,
        role: "img", class: "plan-graph" + (tooWide ? " wide" : ""),
        "data-steps": plan.steps.length, "data-edges": edgeCount,
        "aria-labelledby": "plan-graph-title" },
      s("title", { id: "plan-graph-title" }, "Plan: " + plural(plan.steps.length, "step") + ", "
        + plural(edgeCount, "dependency", "dependencies")),
      s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5,
          markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" },
        s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow-head" }))));
    for (const step of plan.steps) {
      for (const dep of step.depends_on || []) {
        const from = position.get(dep);
        const to = position.get(step.id);
        if (!from || !to) continue;
        const x1 = from.x + W / 2, y1 = from.y + H, x2 = to.x + W / 2, y2 = to.y;
        const bend = Math.max(16, (y2 - y1) / 2);
        svg.append(s("path", { class: "edge", "data-from": dep, "data-to": step.id,
          d: `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`,
          "marker-end": "url(#arrow)" }));
      }
    }
    for (const step of plan.steps) {
      const p = position.get(step.id);
      const result = results.get(step.id);
      const status = result ? result.status : "pending";
      const deps = step.depends_on || [];
      svg.append(s("g", { class: "node node-" + status, "data-step": step.id,
          transform: `translate(${p.x} ${p.y})` },
        s("title", {}, step.id + " " + step.tool + ": " + status
          + (deps.length ? ", after " + deps.join(", ") : "")),
        s("rect", { width: W, height: H, rx: 8 }),
        s("text", { x: 12, y: 20, class: "node-tool" }, clip(step.tool, 22)),
        s("text", { x: 12, y: 38, class: "node-meta" },
          step.id + " · " + status + (result && result.duration_ms !== undefined
            ? " · " + duration(result.duration_ms) : ""))));
    }
    box.append(svg);
    box.append(h("p", { class: "muted small" }, plural(plan.steps.length, "step") + ", "
      + plural(edgeCount, "dependency", "dependencies")
      + (edgeCount ? "; arrows point from a step to the steps that wait for it."
        : ": every step can run on its own.")));
    for (const note of plan.notes || []) notes.append(h("li", {}, note));
    if (plan.planner) notes.append(h("li", { class: "muted" }, "planner: " + plan.planner));
  }

  function clip(text, n) {
    return text.length > n ? text.slice(0, n - 1) + "…" : text;
  }

  // --- Verification -----------------------------------------------------------------------------

  function renderVerdict(run) {
    const box = clear($("verdict"));
    const v = run && run.verification_json;
    if (!v) {
      box.append(h("p", { class: "muted" }, run && run.status === "running"
        ? "Not verified yet." : "No verification for this run."));
      return;
    }
    const passed = v.passed === true;
    box.append(h("p", { id: "verdict-result", class: "verdict " + (passed ? "pass" : "fail"),
      "data-passed": String(passed) }, passed ? "✓ Passed" : "✗ Failed"));
    const reasons = Array.isArray(v.reasons) ? v.reasons : [];
    if (reasons.length) {
      box.append(h("h3", {}, "Why it failed"),
        h("ul", { id: "reasons", class: "reasons" }, reasons.map((r) => h("li", {}, r))));
    }
    const checks = Array.isArray(v.checks) ? v.checks : [];
    if (checks.length) {
      box.append(h("ul", { class: "checks", "aria-label": "Checks" }, checks.map((c) =>
        h("li", { class: c.passed ? "ok" : "bad", "data-check": c.name },
          h("span", { class: "mark", "aria-hidden": "true" }, c.passed ? "✓" : "✗"),
          h("span", { class: "visually-hidden" }, c.passed ? "passed: " : "failed: "),
          h("strong", {}, c.name), " — ", c.reason))));
    }
  }

  // --- Tool results -----------------------------------------------------------------------------

  function renderToolResults(run) {
    const box = clear($("tool-results"));
    const result = run && run.result_json;
    const rows = (result && result.tool_results) || [];
    if (!rows.length) {
      box.append(h("p", { class: "muted" }, run && run.status === "running"
        ? "No results yet." : "No tool results for this run."));
      return;
    }
    const table = h("table", { class: "results" },
      h("caption", { class: "visually-hidden" }, "One row per plan step"),
      h("thead", {}, h("tr", {}, ["Step", "Tool", "Status", "Attempts", "Duration", "Error", "Output"]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", { "data-step": r.step_id, "data-status": r.status },
        h("td", { "data-label": "Step" }, r.step_id),
        h("td", { "data-label": "Tool", class: "mono" }, r.tool),
        h("td", { "data-label": "Status" }, badge(r.status)),
        h("td", { "data-label": "Attempts", class: "num" }, String(r.attempts)),
        h("td", { "data-label": "Duration", class: "num" }, duration(r.duration_ms)),
        h("td", { "data-label": "Error", class: r.error ? "err" : "muted" }, r.error || "—"),
        h("td", { "data-label": "Output" }, r.output === null || r.output === undefined ? "—"
          : h("details", {}, h("summary", {}, "show"),
            h("pre", { class: "json" }, pretty(r.output))))))));
    box.append(h("div", { class: "table-wrap", tabindex: "0", role: "region",
      "aria-label": "Tool results" }, table));
    const meta = result.metadata;
    if (meta) {
      box.append(h("p", { class: "muted" }, plural(meta.tool_calls, "call") + ", "
        + plural(meta.retries, "retry", "retries") + ", " + plural(meta.error_count, "error")
        + ", " + duration(meta.duration_ms)
        + (meta.stopped_early ? ", stopped early" : "")));
    }
  }

  // --- Evidence ---------------------------------------------------------------------------------

  /** Anything in a tool output that cites a source: hits[*], and objects with citation fields. */
  // --- Answer -----------------------------------------------------------------------------------

  function anchor(citationId) {
    return "ev-" + String(citationId).replace(/[^A-Za-z0-9]+/g, "-");
  }

  function fieldValue(value) {
    if (value === null || value === undefined) return "—";
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (Array.isArray(value)) return value.map(fieldValue).join(", ");
    if (typeof value === "object") {
      return Object.entries(value).map(([k, v]) => k + ": " + fieldValue(v)).join(" · ");
    }
    return String(value);
  }

  // The page routes on the URL's fragment, so a citation scrolls to its evidence instead of
  // navigating there.
  function showEvidence(event, citationId) {
    event.preventDefault();
    const target = document.getElementById(anchor(citationId));
    if (!target) return;
    document.querySelectorAll(".evidence-item.targeted")
      .forEach((el) => el.classList.remove("targeted"));
    target.classList.add("targeted");
    target.setAttribute("tabindex", "-1");
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }

  function renderAnswer(run) {
    const box = clear($("answer"));
    const typeBadge = $("answer-type");
    const answer = run && run.result_json && run.result_json.answer;
    if (!answer) {
      typeBadge.hidden = true;
      box.append(h("p", { class: "muted" }, run && run.result_json
        ? "This run composed no answer: its deliverable is the tool results below."
        : "No answer yet."));
      return;
    }
    typeBadge.hidden = false;
    typeBadge.textContent = String(answer.type).replace(/_/g, " ");
    const reserved = new Set(["type", "text", "claims", "unknowns", "sources"]);
    const fields = Object.entries(answer).filter(([k]) => !reserved.has(k));
    if (fields.length) {
      box.append(h("table", { class: "answer-fields" },
        h("tbody", {}, fields.map(([k, v]) => h("tr", {},
          h("th", { scope: "row" }, k.replace(/_/g, " ")),
          h("td", { "data-field": k }, fieldValue(v)))))));
    }
    const claims = answer.claims || [];
    if (claims.length) {
      box.append(h("ul", { class: "claims", "aria-label": "What the answer states" },
        claims.map((c) => h("li", { class: "claim" }, c.text, " ",
          (c.citations || []).map((id) => h("a", { class: "cite-link", href: "#" + anchor(id),
            title: "Show the evidence " + id, onclick: (e) => showEvidence(e, id) },
            "[" + id + "]"))))));
    } else {
      box.append(h("p", { class: "muted" }, "The answer states no claim."));
    }
    const unknowns = answer.unknowns || [];
    if (unknowns.length) {
      box.append(h("div", { class: "unknowns" },
        h("h3", {}, "Not established"),
        h("ul", {}, unknowns.map((u) => h("li", {},
          u.field ? h("strong", {}, u.field.replace(/_/g, " ") + ": ") : null, u.reason)))));
    }
    box.append(h("details", { class: "answer-text" }, h("summary", {}, "Text to send"),
      h("pre", { class: "json" }, answer.text || "")));
  }

  function citations(output, tool, stepId) {
    const found = [];
    const seen = new Set();
    const visit = (node, path, depth) => {
      if (!node || typeof node !== "object" || depth > 8 || found.length >= 200) return;
      if (Array.isArray(node)) {
        node.forEach((child, i) => visit(child, path + "[" + i + "]", depth + 1));
        return;
      }
      const cites = "citation_id" in node || "citation_source" in node
        || ("key" in node && "summary" in node) || ("path" in node && "excerpt" in node);
      const isHit = /\.hits\[\d+\]$/.test(path);
      if ((cites || isHit) && !seen.has(node)) {
        seen.add(node);
        found.push({ tool, stepId, path, item: node });
      }
      for (const [key, child] of Object.entries(node)) visit(child, path + "." + key, depth + 1);
    };
    visit(output, "output", 0);
    return found;
  }

  function evidenceText(item) {
    for (const key of ["text", "snippet", "excerpt", "content", "quote", "passage", "summary",
      "title"]) {
      if (typeof item[key] === "string" && item[key].trim()) return item[key];
    }
    return "";
  }

  function renderEvidence(run) {
    const box = clear($("evidence"));
    const rows = (run && run.result_json && run.result_json.tool_results) || [];
    const all = rows.flatMap((r) => (r.output ? citations(r.output, r.tool, r.step_id) : []));
    if (!all.length) {
      box.append(h("p", { class: "muted" }, "No cited evidence in this run's tool outputs."));
      return;
    }
    const anchored = new Set();
    box.append(h("ol", { class: "evidence" }, all.map((e) => {
      const item = e.item;
      const id = item.citation_id !== undefined ? String(item.citation_id)
        : item.key !== undefined && item.summary !== undefined ? String(item.key)
        : item.path !== undefined && item.excerpt !== undefined
          ? String(item.path).replace(/^company_sim\//, "") : null;
      const anchorId = id && !anchored.has(id) ? (anchored.add(id), anchor(id)) : null;
      const source = item.citation_source !== undefined ? String(item.citation_source)
        : item.source !== undefined ? String(item.source) : null;
      const extra = Object.entries(item).filter(([k, v]) =>
        !["citation_id", "citation_source", "source"].includes(k) && v !== null
        && typeof v !== "object" && String(v) !== evidenceText(item));
      return h("li", { class: "evidence-item", "data-citation": id, id: anchorId },
        h("p", { class: "cite" }, id ? h("span", { class: "cite-id" }, "[" + id + "]") : null,
          source ? h("span", { class: "cite-source" }, source) : null,
          h("span", { class: "muted" }, "from " + e.tool + " (" + e.stepId + ")")),
        evidenceText(item) ? h("blockquote", {}, evidenceText(item)) : null,
        extra.length ? h("p", { class: "muted small" },
          extra.map(([k, v]) => k + ": " + v).join(" · ")) : null);
    })));
  }

  // --- Runs, raw JSON, timeline -----------------------------------------------------------------

  function renderRuns(task) {
    const box = clear($("runs"));
    if (!task.runs.length) {
      box.append(h("p", { class: "muted" }, "No runs yet."));
      return;
    }
    const table = h("table", { class: "runs" },
      h("caption", { class: "visually-hidden" }, "Runs, newest first"),
      h("thead", {}, h("tr", {}, ["Run", "Status", "Stage", "Started", "Took", ""]
        .map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, task.runs.map((r) => {
        const chosen = r.run_id === detail.runId;
        return h("tr", { "data-run": r.run_number, class: chosen ? "chosen" : null },
          h("td", { "data-label": "Run" }, "#" + r.run_number),
          h("td", { "data-label": "Status" }, badge(r.status)),
          h("td", { "data-label": "Stage" }, r.stage),
          h("td", { "data-label": "Started" }, when(r.created_at)),
          h("td", { "data-label": "Took", class: "num" },
            r.finished_at ? duration(ms(r.finished_at) - ms(r.created_at)) : "…"),
          h("td", {}, h("button", { type: "button", class: "small", "aria-pressed": String(chosen),
            "data-run-id": r.run_id,
            onclick: () => { detail.runId = r.run_id; renderDetail(); } },
          chosen ? "Viewing" : "View run " + r.run_number)));
      })));
    box.append(h("div", { class: "table-wrap", tabindex: "0", role: "region",
      "aria-label": "Run history" }, table));
  }

  function renderRaw(task, run) {
    const box = clear($("raw-json"));
    const artifacts = run ? [["plan_json", run.plan_json], ["result_json", run.result_json],
      ["verification_json", run.verification_json]] : [];
    artifacts.push(["context", task.context]);
    for (const [name, value] of artifacts) {
      box.append(h("details", { "data-artifact": name },
        h("summary", {}, name + (value === null || value === undefined ? " (none yet)" : "")),
        h("pre", { class: "json", tabindex: "0" }, pretty(value === undefined ? null : value))));
    }
  }

  function renderTimeline(events) {
    const box = clear($("timeline"));
    if (!events.length) {
      box.append(h("p", { class: "muted" }, "No events for this run."));
      return;
    }
    const start = ms(events[0].at);
    box.append(h("ol", { class: "timeline" }, events.map((e) => h("li", {},
      h("span", { class: "t mono" }, "+" + duration(ms(e.at) - start)),
      h("span", { class: "kind" }, e.kind),
      e.stage ? h("span", { class: "muted" }, e.stage) : null,
      e.attempt ? h("span", { class: "muted" }, "attempt " + e.attempt) : null,
      e.detail ? h("span", { class: "detail" }, Object.entries(e.detail)
        .map(([k, v]) => k + ": " + (typeof v === "object" ? JSON.stringify(v) : v))
        .join(" · ")) : null))));
  }

  async function runTask() {
    if (!detail) return;
    const id = detail.id;
    $("run-task").disabled = true;
    try {
      await api("POST", "tasks/" + id + "/run", {});
      show($("detail-error"), "");
      announce("Run started");
    } catch (e) {
      show($("detail-error"), "The run could not start: " + e.message);
    }
    clearTimeout(detail.timer);
    await refreshDetail(id);
  }

  // ---------------------------------------------------------------------------------------------

  function init() {
    $("new-task").addEventListener("submit", submitTask);
    let contextCheck = null;
    $("task-context").addEventListener("input", () => {
      clearTimeout(contextCheck);
      contextCheck = setTimeout(checkContextField, 400);
    });
    $("task-text").addEventListener("input", () => {
      show($("task-error"), "");
      $("task-text").removeAttribute("aria-invalid");
    });
    $("status-filter").addEventListener("change", () => loadList(false));
    $("refresh-list").addEventListener("click", () => loadList(false));
    $("load-more").addEventListener("click", () => loadList(true));
    $("run-task").addEventListener("click", runTask);
    window.addEventListener("hashchange", route);
    // The plan graph is laid out for the width it has: lay it out again when that changes.
    let resized = null;
    window.addEventListener("resize", () => {
      clearTimeout(resized);
      resized = setTimeout(() => {
        if (detail && detail.task) {
          delete detail.rendered.artifacts;
          renderDetail();
        }
      }, 200);
    });
    route();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
