// briefgen serve: reload this page when a file it is built from is saved.
// The server streams server-sent events from /_events: "hello" with the
// workspace's generation when we connect, then "reload" with the briefs a
// save touched ("*" for all of them). The index reloads on every change.
(function () {
  "use strict";

  var bar = document.querySelector("[data-briefgen-generation]");
  var status = document.querySelector(".serve-live");
  var seen = bar ? bar.getAttribute("data-briefgen-generation") : null;
  var match = location.pathname.match(/^\/([^\/]+?)(?:\/|\.pdf$)/);
  var briefId = match && match[1] !== "_static" ? decodeURIComponent(match[1]) : null;
  var scrollKey = "briefgen-scroll:" + location.pathname;

  function setStatus(state, text) {
    if (!status) return;
    status.setAttribute("data-state", state);
    status.textContent = text;
  }

  function restoreScroll() {
    var saved = null;
    try { saved = sessionStorage.getItem(scrollKey); sessionStorage.removeItem(scrollKey); } catch (e) {}
    if (saved !== null) window.scrollTo(0, parseInt(saved, 10) || 0);
  }

  function reload() {
    try { sessionStorage.setItem(scrollKey, String(window.scrollY)); } catch (e) {}
    setStatus("reloading", "reloading…");
    location.reload();
  }

  function concerns(briefs) {
    return briefId === null || briefs.indexOf("*") !== -1 || briefs.indexOf(briefId) !== -1;
  }

  function connect() {
    var source = new EventSource("/_events");
    source.addEventListener("hello", function (event) {
      var data = JSON.parse(event.data);
      // A save landed between this page being built and the stream opening, or the server restarted.
      if (seen !== null && data.generation !== seen) { reload(); return; }
      seen = data.generation;
      setStatus("live", "live");
    });
    source.addEventListener("reload", function (event) {
      var data = JSON.parse(event.data);
      seen = data.generation;
      if (concerns(data.briefs)) reload();
    });
    source.onerror = function () {
      setStatus("offline", "server stopped");
      if (source.readyState === EventSource.CLOSED) {
        setTimeout(connect, 2000);  // the browser gave up; keep trying until the server is back
      }
    };
  }

  // A PDF takes a few seconds to render the first time: say so on the link that was clicked.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.serve-pdf, a.brief-pdf") : null;
    if (!link || link.hasAttribute("data-label")) return;
    link.setAttribute("data-label", link.textContent);
    link.textContent = "Rendering PDF…";
  });
  window.addEventListener("pageshow", function () {
    var busy = document.querySelectorAll("a[data-label]");
    for (var i = 0; i < busy.length; i++) {
      busy[i].textContent = busy[i].getAttribute("data-label");
      busy[i].removeAttribute("data-label");
    }
  });

  restoreScroll();
  if (typeof EventSource === "function") {
    connect();
  } else {
    setStatus("offline", "no live reload");
  }
})();
