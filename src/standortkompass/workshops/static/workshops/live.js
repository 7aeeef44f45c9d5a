/* Live updates of a workshop session (docs/workshops.md, "Real time"): the participant's page, the facilitators'
 * console and the projector. Every page works without it; this script only keeps them current.
 *
 * The page's root element names the addresses (data attributes):
 *   data-live-url | data-socket-path | data-socket  the WebSocket path (/ws/mitmachen/<code>/, /ws/werkstatt/<id>/…)
 *   data-state-url      the participant's state as JSON (polled when the WebSocket fails)
 *   data-fragment-url   the region's HTML, fetched when a change concerns the page; swapped into the region
 *                       ([data-live-region], or the element whose id data-region names)
 *   data-results-url    watchers: {"seq", "html"} of the results fragment, swapped into [data-results-region]
 *   data-live-events    optional: the events that make the region be fetched (space-separated; default all);
 *                       a region holding [data-live-hold] (a form showing its errors) is not fetched again
 *   data-seq            the sequence number the page was drawn at (or a [data-seq] inside the region)
 * Texts come from a json_script block with the id "live-messages" (selectors.state.live_messages); the status
 * element ([data-live-status], or the id data-status names, else one made here) announces them politely.
 *
 * Messages from the server: "hello" (seq, now), "changed" (seq, event, table, …), "results" (seq, html). A number
 * that jumps by more than one, or a new connection, makes the page fetch its state again. After three failed
 * connections the page polls every 3 seconds, and keeps trying to connect with a growing pause. */
(function () {
  "use strict";

  var POLL_MS = 3000;
  var PING_MS = 50000;
  var ATTEMPTS_BEFORE_POLLING = 3;
  var BACKOFF_MS = [1000, 2000, 4000, 8000, 15000, 30000];
  var CLOSE_REFUSED = 4403;
  var FALLBACK = {
    de: {
      phase: "Neuer Schritt: %(title)s",
      results: "Die Ergebnisse sind da.",
      round: "Neue Tischrunde: Bitte schauen Sie, an welchem Tisch Sie sind.",
      ended: "Die Werkstatt-Sitzung ist beendet.",
      polling: "Die Live-Verbindung ist unterbrochen; die Seite fragt alle 3 Sekunden nach Neuem.",
      reconnected: "Die Live-Verbindung steht wieder.",
      time_up: "Die Zeit ist um."
    },
    en: {
      phase: "New step: %(title)s",
      results: "The results are here.",
      round: "New table round: please look at your table.",
      ended: "The workshop session has ended.",
      polling: "The live connection is interrupted; this page checks for news every 3 seconds.",
      reconnected: "The live connection is back.",
      time_up: "Time is up."
    }
  };

  var root = document.querySelector("[data-live-url], [data-socket-path], [data-socket]");
  if (!root) { return; }
  var data = root.dataset;
  var socketPath = data.liveUrl || data.socketPath || data.socket;
  var region = document.querySelector("[data-live-region]") || (data.region && document.getElementById(data.region));
  var resultsRegion = document.querySelector("[data-results-region]");
  var events = data.liveEvents ? data.liveEvents.split(/\s+/) : null;
  var messages = readMessages();
  var status = findStatus();

  var seq = pageSeq();
  var offset = 0; // server clock minus this device's clock (ms)
  var socket = null;
  var failures = 0; // connections in a row that failed before the server said hello
  var everConnected = false;
  var stopped = false;
  var pollTimer = null;
  var reconnectTimer = null;
  var fetching = false;
  var fetchAgain = false;
  var pendingEvents = [];
  var announcedTimeUp = {};
  var timerEndsAt = null; // of the current phase, from a "timer" change or the polled state

  function readMessages() {
    var language = (document.documentElement.lang || "de").slice(0, 2) === "en" ? "en" : "de";
    var texts = FALLBACK[language];
    var block = document.getElementById("live-messages");
    if (block) {
      try { texts = Object.assign({}, texts, JSON.parse(block.textContent)); } catch (error) { /* keep the defaults */ }
    }
    return texts;
  }

  function findStatus() {
    var element = document.querySelector("[data-live-status]") || (data.status && document.getElementById(data.status));
    if (!element) {
      element = document.createElement("p");
      element.className = "kern-sr-only";
      element.setAttribute("role", "status");
      document.body.appendChild(element);
    }
    if (!element.hasAttribute("aria-live")) { element.setAttribute("aria-live", "polite"); }
    return element;
  }

  function announce(text) {
    if (!text) { return; }
    // A polite live region reads a change of its text; emptying it first lets the same text be read again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function numberIn(element) {
    var value = element && element.getAttribute("data-seq");
    return value === null || value === undefined || value === "" ? null : parseInt(value, 10);
  }

  function pageSeq() {
    var own = numberIn(root);
    if (own !== null) { return own; }
    return numberIn(region && region.querySelector("[data-seq]"));
  }

  function parseMoment(text) {
    if (!text) { return null; }
    // Date.parse reads milliseconds; Python may give microseconds.
    var moment = Date.parse(String(text).replace(/(\.\d{3})\d+/, "$1"));
    return isNaN(moment) ? null : moment;
  }

  function setClock(now) {
    var server = parseMoment(now);
    if (server !== null) { offset = server - Date.now(); }
  }

  // --- the WebSocket ----------------------------------------------------------------------------------------

  function socketUrl() {
    if (/^wss?:/.test(socketPath)) { return socketPath; }
    return (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + socketPath;
  }

  function connect() {
    if (stopped || !socketPath || !window.WebSocket) {
      if (!stopped && !window.WebSocket) { startPolling(); }
      return;
    }
    var greeted = false;
    try {
      socket = new window.WebSocket(socketUrl());
    } catch (error) {
      failed();
      return;
    }
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (message.type === "hello") { greeted = true; }
      receive(message);
    };
    socket.onclose = function (event) {
      socket = null;
      if (event.code === CLOSE_REFUSED) {
        // Removed, or no longer allowed: the page itself says why (a new start, without this script).
        stopped = true;
        stopPolling();
        if (everConnected) { window.location.reload(); }
        return;
      }
      if (greeted) { failures = 0; }
      failed();
    };
  }

  function failed() {
    if (stopped) { return; }
    failures += 1;
    if (failures >= ATTEMPTS_BEFORE_POLLING) { startPolling(); }
    var pause = BACKOFF_MS[Math.min(failures - 1, BACKOFF_MS.length - 1)];
    window.clearTimeout(reconnectTimer);
    reconnectTimer = window.setTimeout(connect, pause + Math.random() * 500);
  }

  function receive(message) {
    if (message.type === "hello") {
      setClock(message.now);
      var reconnect = everConnected;
      everConnected = true;
      failures = 0;
      if (pollTimer !== null) {
        stopPolling();
        announce(messages.reconnected);
      }
      if (reconnect || seq === null || message.seq !== seq) { refresh(null); }
      seq = Math.max(seq || 0, message.seq);
    } else if (message.type === "changed") {
      if (seq !== null && message.seq <= seq) { return; } // already on the page
      var gap = seq !== null && message.seq > seq + 1;
      seq = message.seq;
      if (message.event === "timer") { timerEndsAt = message.timer_ends_at || null; }
      if (gap || !events || events.indexOf(message.event) !== -1) { refresh(message); }
    } else if (message.type === "results") {
      showResults(message);
    }
  }

  // --- fetching again ---------------------------------------------------------------------------------------

  function refresh(message) {
    if (message) { pendingEvents.push(message); }
    if (fetching) { fetchAgain = true; return; }
    // A region that shows a form's errors ([data-live-hold]) is not swapped: the messages stay until sent again.
    var url = region && data.fragmentUrl && !region.querySelector("[data-live-hold]") ? data.fragmentUrl : null;
    var resultsUrl = resultsRegion && data.resultsUrl ? data.resultsUrl : null;
    if (!url && !resultsUrl) { return; }
    fetching = true;
    var work = [];
    if (url) { work.push(get(url).then(function (response) { return response.text(); }).then(swapRegion)); }
    // Watchers get the results over the WebSocket (also right after it connects); fetched only while polling.
    if (resultsUrl && (!socket || socket.readyState !== 1)) {
      work.push(get(resultsUrl).then(function (response) { return response.json(); }).then(showResults));
    }
    Promise.all(work).catch(function () { /* tried again with the next change or poll */ }).then(function () {
      fetching = false;
      if (fetchAgain) {
        fetchAgain = false;
        refresh(null);
      }
    });
  }

  function get(url) {
    return window.fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "X-Requested-With": "live" } })
      .then(function (response) {
        if (response.status === 403) {
          stopped = true;
          window.location.reload();
        }
        if (!response.ok) { throw new Error("live " + response.status); }
        return response;
      });
  }

  function titleIn(element) {
    var title = element.querySelector("[data-live-title]") || element.querySelector("h1, h2");
    return title ? title.textContent.trim() : "";
  }

  function screenOf(element) {
    var screen = element.querySelector("[data-screen]");
    return {
      screen: screen ? screen.getAttribute("data-screen") : "",
      phase: screen ? screen.getAttribute("data-phase") : "",
      results: !!element.querySelector("[data-live-results], .workshop-result")
    };
  }

  function swapRegion(html) {
    var before = screenOf(region);
    var kept = keepInput(region);
    var template = document.createElement("template");
    template.innerHTML = html;
    // The fragment is the region's content, or the region itself.
    var inner = template.content.querySelector("[data-live-region]");
    region.innerHTML = inner ? inner.innerHTML : html;
    restoreInput(kept);
    var drawn = numberIn(region.querySelector("[data-seq]"));
    if (drawn !== null) { seq = Math.max(seq || 0, drawn); }
    if (window.htmx) { window.htmx.process(region); }
    drawCharts(region);
    tick();
    tell(before, screenOf(region), pendingEvents.splice(0));
  }

  function tell(before, after, changes) {
    if (after.screen === "ended" && before.screen !== "ended") {
      announce(messages.ended);
      stopped = true;
      if (socket) { socket.close(); }
      stopPolling();
    } else if (after.phase && after.phase !== before.phase) {
      announce(messages.phase.replace("%(title)s", titleIn(region)));
    } else if (after.results && !before.results) {
      announce(messages.results);
    } else if (changes.some(function (change) { return change.event === "tables" && change.round; })) {
      announce(messages.round);
    }
  }

  // What someone was typing or where the focus was survives the swap (same element id).
  function keepInput(element) {
    var active = document.activeElement;
    var kept = { focus: null, start: null, end: null, values: [] };
    if (active && active.id && element.contains(active)) {
      kept.focus = active.id;
      try { kept.start = active.selectionStart; kept.end = active.selectionEnd; } catch (error) { /* not a text field */ }
    }
    element.querySelectorAll("input[id], textarea[id], select[id]").forEach(function (field) {
      if (field.type === "hidden" || field.type === "submit") { return; }
      var changed = field.type === "checkbox" || field.type === "radio"
        ? field.checked !== field.defaultChecked
        : field.tagName === "SELECT" ? selectChanged(field) : field.value !== field.defaultValue;
      if (changed) { kept.values.push({ id: field.id, value: field.value, checked: field.checked }); }
    });
    return kept;
  }

  function selectChanged(select) {
    return Array.prototype.some.call(select.options, function (option) { return option.selected !== option.defaultSelected; });
  }

  function restoreInput(kept) {
    kept.values.forEach(function (entry) {
      var field = document.getElementById(entry.id);
      if (!field) { return; }
      if (field.type === "checkbox" || field.type === "radio") { field.checked = entry.checked; } else { field.value = entry.value; }
    });
    var focus = kept.focus && document.getElementById(kept.focus);
    if (focus) {
      focus.focus({ preventScroll: true });
      try { if (kept.start !== null) { focus.setSelectionRange(kept.start, kept.end); } } catch (error) { /* not a text field */ }
    }
  }

  // --- results (console, projector) --------------------------------------------------------------------------

  var resultsSeq = -1;

  function showResults(message) {
    if (!resultsRegion || typeof message.html !== "string" || message.seq < resultsSeq) { return; }
    resultsSeq = message.seq;
    seq = Math.max(seq || 0, message.seq);
    resultsRegion.innerHTML = message.html;
    drawCharts(resultsRegion);
    tick();
  }

  // Charts in a swapped region, drawn as core/charts.js draws those of a page it loads with.
  function drawCharts(element) {
    if (!window.vegaEmbed || !window.vega) { return; }
    element.querySelectorAll("[data-vega-spec]").forEach(function (chart) {
      var source = document.getElementById(chart.dataset.vegaSpec);
      if (!source) { return; }
      var options = {
        actions: false, renderer: "svg", defaultStyle: false, ast: true, expr: window.vega.expressionInterpreter,
        tooltip: { disableDefaultStyle: true },
        formatLocale: document.documentElement.lang === "de" ? {
          decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0€"], percent: "\u00a0%"
        } : undefined
      };
      window.vegaEmbed(chart, JSON.parse(source.textContent), options).then(function () {
        chart.classList.add("is-rendered");
      }).catch(function () { chart.classList.add("is-failed"); });
    });
  }

  // --- polling -----------------------------------------------------------------------------------------------

  function startPolling() {
    if (pollTimer !== null || stopped || !(data.stateUrl || data.resultsUrl)) { return; }
    announce(messages.polling);
    pollTimer = window.setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    if (pollTimer !== null) { window.clearInterval(pollTimer); }
    pollTimer = null;
  }

  function poll() {
    if (!data.stateUrl) { refresh(null); return; } // watchers: the results as JSON
    get(data.stateUrl).then(function (response) { return response.json(); }).then(function (state) {
      setClock(state.now);
      timerEndsAt = state.phase ? state.phase.timer_ends_at : null;
      if (seq === null || state.seq > seq) {
        seq = state.seq;
        refresh({ event: "poll", seq: state.seq });
      }
    }).catch(function () { /* the next poll tries again */ });
  }

  // --- the timer ---------------------------------------------------------------------------------------------

  function tick() {
    var elements = document.querySelectorAll("[data-live-timer], time.workshop-timer[datetime], [data-timer-ends]");
    elements.forEach(function (element) {
      var ends = parseMoment(element.getAttribute("data-timer-ends") || element.getAttribute("datetime") ||
        element.getAttribute("data-ends-at") || timerEndsAt);
      if (ends === null) { return; }
      var left = Math.max(0, Math.round((ends - (Date.now() + offset)) / 1000));
      var text = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
      var target = element;
      if (element.hasAttribute("data-timer-ends")) {
        // The element says "until 10:30"; the countdown goes beside it.
        target = element.querySelector(".live-countdown");
        if (!target) {
          target = document.createElement("span");
          target.className = "live-countdown";
          target.setAttribute("aria-hidden", "true");
          element.appendChild(document.createTextNode(" "));
          element.appendChild(target);
        }
      }
      if (target.textContent !== text) { target.textContent = text; }
      if (left === 0 && !announcedTimeUp[ends]) {
        announcedTimeUp[ends] = true;
        if (ends > Date.now() + offset - 5000) { announce(messages.time_up); }
      }
    });
  }

  // --- start -------------------------------------------------------------------------------------------------

  document.addEventListener("visibilitychange", function () {
    // A phone that slept may have lost its connection without noticing.
    if (document.visibilityState === "visible" && !stopped && !socket) {
      window.clearTimeout(reconnectTimer);
      connect();
    }
  });
  window.setInterval(function () {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify({ type: "ping" })); }
  }, PING_MS);
  window.setInterval(tick, 1000);
  tick();
  connect();
})();
