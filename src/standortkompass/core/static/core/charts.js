/* Renders the Vega-Lite charts of the site (Standortanalyse, survey results) with the vendored vega-embed.
 * A chart is an element with data-vega-spec (the id of a <script type="application/json">
 * holding the spec) or data-vega-spec-url (a URL answering the spec as JSON). Expressions are
 * evaluated by vega-interpreter, because the Content-Security-Policy forbids eval. The data
 * table next to each chart stays the text alternative; without JavaScript only the table shows. */
(function () {
  "use strict";

  function options() {
    return {
      actions: false,
      renderer: "svg",
      defaultStyle: false,
      ast: true,
      expr: window.vega.expressionInterpreter,
      tooltip: { disableDefaultStyle: true },
      formatLocale: document.documentElement.lang === "de" ? {
        // "35,8 %": German puts a (no-break) space before the percent sign, as the tables do.
        decimal: ",", thousands: ".", grouping: [3], currency: ["", "\u00a0€"], percent: "\u00a0%"
      } : undefined
    };
  }

  function loadSpec(element) {
    if (element.dataset.vegaSpecUrl) {
      return fetch(element.dataset.vegaSpecUrl, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("chart " + response.status); }
        return response.json();
      });
    }
    var source = document.getElementById(element.dataset.vegaSpec);
    return Promise.resolve(JSON.parse(source.textContent));
  }

  function render(element) {
    loadSpec(element).then(function (spec) {
      return window.vegaEmbed(element, spec, options());
    }).then(function () {
      element.classList.add("is-rendered");
    }).catch(function () {
      element.classList.add("is-failed");
    });
  }

  function start() {
    if (!window.vegaEmbed || !window.vega) { return; }
    document.querySelectorAll("[data-vega-spec], [data-vega-spec-url]").forEach(render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
